"""What the edge rules know about one document: its tokens as arrays, its lines, the word lists found.

Built once per document in one pass over the tokens (linear, whatever the document's shape), so
no rule scans the text: a rule asks "does a title end at token i", "which line is token i on",
"what is the NORM of token i" and gets an answer in constant time. Word lists are found with
spaCy's `PhraseMatcher` over NORM (lower case, tone placement folded, analysis form), so a rule
sees the same tokens the NER saw.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

from spacy.attrs import IDX, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_NUM, NORM, ORTH, TAG
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from vnner.pipeline.tokenizer import view_of
from vnner.text import analysis_form

# the word lists found as phrases (several tokens); single words are plain sets of NORM strings
PHRASE_LISTS = (
    "title",
    "address",
    "resolution_type",
    "lead_verb",
    "org_head_upper",
    "eponymous_head",
    "eponym",
    "central_level_before",
    "ordinal_before",
    "identifier_before",
    "not_official_before",
    "byline_prefix",
    "duration_exception",
)


class Phrases:
    """One `PhraseMatcher` over NORM for every list of phrases; `find` gives each list's matches."""

    def __init__(self, vocab: Vocab, make_doc, lists: dict[str, Iterable[str]]):
        self.matcher = PhraseMatcher(vocab, attr="NORM")
        self.names = {}
        for name, phrases in lists.items():
            docs = [make_doc(p) for p in sorted(set(phrases)) if p.strip()]
            if docs:
                self.matcher.add(name, docs)
            self.names[vocab.strings.add(name)] = name

    def find(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self.names.values()}
        for key, start, end in self.matcher(doc):
            found[self.names[key]].append((start, end))
        return found


@dataclass
class Matches:
    """Where one list's phrases start and end: the longest match at each start, the earliest start at each end."""

    by_start: dict[int, int]
    by_end: dict[int, int]

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> Matches:
        by_start: dict[int, int] = {}
        by_end: dict[int, int] = {}
        for start, end in spans:
            if end > by_start.get(start, -1):
                by_start[start] = end
            if start < by_end.get(end, 1 << 62):
                by_end[end] = start
        return cls(by_start, by_end)


class Context:
    """One document, as arrays (see the module docstring). Offsets are into the analysis view."""

    def __init__(self, doc: Doc, phrases: Phrases, forms: dict[int, str] | None = None):
        self.doc = doc
        self.view = view_of(doc)
        self.text = self.view.text
        strings = doc.vocab.strings
        forms = {} if forms is None else forms  # orth → analysis form, shared across documents by the component
        attrs = [NORM, ORTH, IS_SPACE, IS_PUNCT, IS_TITLE, IS_UPPER, IS_ALPHA, IS_DIGIT, LIKE_NUM, IDX]
        columns = doc.to_array(attrs).T.tolist() if len(doc) else [[] for _ in attrs]
        norms, orths = columns[0], columns[1]
        self.n = len(orths)

        missing = {o for o in set(orths) if o not in forms}
        for orth in missing:
            forms[orth] = analysis_form(strings[orth])
        self.norm = [strings[n] for n in norms]
        self.form = [forms[o] for o in orths]
        (self.is_space, self.is_punct, self.is_title, self.is_upper, self.is_alpha, self.is_digit, self.like_num) = (
            columns[2:9]
        )
        # character offsets into the view, per token, and where each token ends
        idx = columns[9]
        self.start = idx if self.view.identity else [self.view.view(i) for i in idx]
        self.end = [s + len(f) for s, f in zip(self.start, self.form)]
        # lines: the line of each token and the first and last token of each line (from the line-break tokens)
        breaks = [i for i in compress(range(self.n), self.is_space) if "\n" in self.form[i]]
        self.line_first = [0]
        counts = []
        for i in breaks:
            k = self.form[i].count("\n")
            self.line_first.extend([i + 1] * k)
            counts.append(k)
        self.line = _line_of(self.n, breaks, counts)
        self.line_last = [nxt - 1 for nxt in self.line_first[1:]] + [self.n - 1]
        self.line_first_word = []  # the first token of each line that is not white space (or the line's end)
        for line, first in enumerate(self.line_first):
            i, last = first, self.line_last[line]
            while i <= last and self.is_space[i]:
                i += 1
            self.line_first_word.append(i)
        self.boilerplate_lines = self._boilerplate_lines(doc._.boilerplate or [])
        self.found = {name: Matches.of(spans) for name, spans in phrases.find(doc).items()}
        tags = doc.to_array([TAG]).tolist() if doc.has_annotation("TAG") else None
        positions = {strings[t] for t in tags} if tags else set()
        # the tokenizer's word positions (segment = true): B/I/E/S per token, else None
        self.word_tags = [strings[t] for t in tags] if tags and positions <= {"B", "I", "E", "S"} else None

    def _boilerplate_lines(self, ranges: list) -> set[int]:
        """Lines whose first word falls inside a boilerplate range (ranges are original offsets)."""
        starts = sorted((a, b) for a, b in ranges)
        lines: set[int] = set()
        if not starts:
            return lines
        for line, first in enumerate(self.line_first):
            i = first
            while i < self.n and self.is_space[i] and "\n" not in self.form[i]:
                i += 1
            if i >= self.n or self.line[i] != line:
                continue
            offset = self.view.original(self.start[i])
            k = bisect_right(starts, (offset, 1 << 62)) - 1
            if k >= 0 and starts[k][0] <= offset < starts[k][1]:
                lines.add(line)
        return lines

    # -- questions the rules ask ------------------------------------------------------------
    def words(self, start: int, end: int) -> list[int]:
        """The tokens in [start, end) that are not white space."""
        return [i for i in range(start, end) if not self.is_space[i]]

    def surface(self, start: int, end: int) -> str:
        """The text of tokens [start, end) in the analysis view."""
        return self.text[self.start[start] : self.end[end - 1]] if end > start else ""

    def prev_word(self, i: int, same_line: bool = True) -> int | None:
        """The nearest token before i that is not white space (on i's line unless told otherwise)."""
        j = i - 1
        while j >= 0 and self.is_space[j]:
            if same_line and "\n" in self.form[j]:
                return None
            j -= 1
        if j < 0 or (same_line and self.line[j] != self.line[i] if i < self.n else False):
            return None
        return j

    def next_word(self, i: int, same_line: bool = True) -> int | None:
        """The nearest token at or after i that is not white space (on the same line unless told otherwise)."""
        j = i
        while j < self.n and self.is_space[j]:
            if same_line and "\n" in self.form[j]:
                return None
            j += 1
        return j if j < self.n else None

    def line_text_before(self, i: int, limit: int = 80) -> str:
        """At most `limit` characters of i's line before token i (bounded: rules stay linear)."""
        first = self.line_first[self.line[i]] if i < self.n else self.line_first[-1]
        lo = max(self.start[first] if first < self.n else len(self.text), self.start[i] - limit if i < self.n else 0)
        return self.text[lo : self.start[i]] if i < self.n else ""

    def ends_with(self, name: str, end: int) -> int | None:
        """The start of a phrase of list `name` that ends right at token `end` (exclusive), or None."""
        return self.found[name].by_end.get(end)

    def starts_with(self, name: str, start: int) -> int | None:
        """The end of the longest phrase of list `name` that starts at token `start`, or None."""
        return self.found[name].by_start.get(start)

    def gap_is_one_space(self, i: int) -> bool:
        """Whether token i is followed by exactly one space before the next token."""
        return i + 1 < self.n and self.start[i + 1] == self.end[i] + 1 and self.text[self.end[i]] == " "

    def is_name_syllable(self, i: int) -> bool:
        """A capitalised syllable of a name: "Nguyễn", "Y", "H'Lim"; not "UBND", not "Đ/c"."""
        form = self.form[i]
        return self.is_title[i] and (self.is_alpha[i] or "'" in form or "’" in form) and form[:1].isupper()


def _line_of(n: int, breaks: list[int], counts: list[int]) -> list[int]:
    """The line of each of n tokens, given the line-break tokens and how many breaks each holds."""
    out: list[int] = []
    line, previous = 0, 0
    for i, k in zip(breaks, counts):
        out.extend([line] * (i + 1 - previous))
        line += k
        previous = i + 1
    out.extend([line] * (n - previous))
    return out
