"""A spaCy tokenizer for Vietnamese: syllable tokens whose features read the text's analysis form.

`doc.text` is the input exactly (offsets are never shifted), whatever Unicode form it is in. The
features the NER and the rules read (NORM, PREFIX, SUFFIX, SHAPE, the IS_* flags) are computed
from each token's analysis form (`vnner.text.analysis_form`: NFC, invisible characters dropped),
so NFD text gets the entities its NFC form gets. NORM is the lower-cased syllable with tone
placement folded (uỷ = ủy). With `segment = true` each token also gets its B/I/E/S position in
underthesea's segmented word as `tag_` and the word as `lemma_` (off by default: docs/model.md).

A text is tokenised piece by piece (`line_pieces`: its lines, very long lines cut at a space)
with every line break a token of its own, so each piece is a run of whole tokens: the NER
(`vnner.pipeline.line_ner`) tags a document piece by piece with bounded memory, and a piece's
tokens are the same whether the piece is tokenised alone or inside its document.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from weakref import WeakKeyDictionary

import spacy
from spacy.attrs import (
    IS_ALPHA,
    IS_DIGIT,
    IS_LOWER,
    IS_PUNCT,
    IS_TITLE,
    IS_UPPER,
    LIKE_NUM,
    LOWER,
    NORM,
    PREFIX,
    SHAPE,
    SUFFIX,
)
from spacy.tokens import Doc
from spacy.vocab import Vocab

from vnner.pipeline.syllables import TOKEN_RE, word_cuts
from vnner.pipeline.words import word_positions, words_of
from vnner.text import TextView, analysis_form, fold_tones

MAX_PIECE = 3000  # characters; a longer line is cut at a space (the tagger's context is a few tokens)


def line_pieces(text: str, max_chars: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """(start, end) of every piece of text: each line (without its line break), cut at a space
    when longer than max_chars. Pieces are in order; only the line breaks fall between them.
    Linear in the text, also for one line of several MB."""
    pos = 0
    length = len(text)
    while pos <= length:
        end = text.find("\n", pos)
        end = length if end < 0 else end
        start = pos
        while end - start > max_chars:
            cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
            cut = cut if cut > start else start + max_chars
            yield start, cut
            start = cut
        yield start, end
        pos = end + 1


# Per-document caches, outside `doc.user_data` so that a Doc still serialises (`Doc.to_bytes`,
# `DocBin`, `nlp.pipe(n_process=2)`) and a copy never carries a stale entry; gone with the Doc.
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()
_VIEWS: WeakKeyDictionary[Doc, TextView] = WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """The document's text, kept by the tokenizer: spaCy's `Doc.text` joins every token again
    (a Token object each), which costs as much as tagging when done by every component."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def view_of(doc: Doc) -> TextView:
    """The document's analysis view (NFC, no invisible characters) with offsets mapped back;
    the text itself for NFC input. Made once per document, when a component first asks."""
    view = _VIEWS.get(doc)
    if view is None:
        view = _VIEWS[doc] = TextView(text_of(doc))
    return view


def _norm(string: str) -> str:
    return fold_tones(analysis_form(string).lower())


class Analysed:
    """A lexical attribute getter applied to a token's analysis form (picklable, unlike a lambda)."""

    def __init__(self, getter: Callable[[str], object]):
        self.getter = getter

    def __call__(self, string: str) -> object:
        return self.getter(analysis_form(string))

    def __reduce__(self):
        return (Analysed, (self.getter,))


FORM_ATTRS = (LOWER, PREFIX, SUFFIX, SHAPE, IS_ALPHA, IS_DIGIT, IS_LOWER, IS_UPPER, IS_TITLE, IS_PUNCT, LIKE_NUM)


def use_analysis_forms(vocab: Vocab) -> None:
    """Make the vocabulary's lexical features read analysis forms; NORM folds tone placement too."""
    getters = vocab.lex_attr_getters
    for attr in FORM_ATTRS:
        getter = getters.get(attr)
        if getter is not None and not isinstance(getter, Analysed):
            getters[attr] = Analysed(getter)
    getters[NORM] = _norm


class VietnameseTokenizer:
    """Builds a Doc whose text equals the input exactly (offsets are never shifted)."""

    def __init__(self, vocab: Vocab, segment: bool = True):
        self.vocab = vocab
        self.segment = segment
        use_analysis_forms(vocab)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        for start, end in line_pieces(text):
            if start and text[start - 1] == "\n":
                words.append("\n")
                spaces.append(False)
                tags.append("S")
            piece_words, piece_spaces = self.split(text[start:end])
            words += piece_words
            spaces += piece_spaces
            if self.segment:
                tags += word_positions(piece_words)
        if self.segment and words:
            doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, lemmas=words_of(words, tags))
        else:
            doc = Doc(self.vocab, words=words, spaces=spaces)
        _TEXTS[doc] = text
        return doc

    @staticmethod
    def split(text: str) -> tuple[list[str], list[bool]]:
        """Words and trailing-space flags such that they join back to `text` exactly.

        One space after a token is its `whitespace_`; any other run of white space (line
        breaks, double spaces, no-break spaces) becomes a token of its own, as in spaCy.
        """
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in TOKEN_RE.finditer(text):  # vnner.pipeline.syllables.tokenize, inlined: the hottest loop
            start = m.start()
            if start > pos:
                gap = text[pos:start]
                if words and gap[0] == " ":
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
            word = m.group()
            cuts = word_cuts(word) if len(word) > 2 else None
            if cuts:
                edges = [0, *cuts, len(word)]
                for x, y in itertools.pairwise(edges):
                    if y > x:
                        words.append(word[x:y])
                        spaces.append(False)
            else:
                words.append(word)
                spaces.append(False)
            pos = m.end()
        if pos < len(text):
            gap = text[pos:]
            if words and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        return words, spaces

    def __reduce__(self):
        return (VietnameseTokenizer, (self.vocab, self.segment))

    # spaCy serialises every tokenizer with the pipeline; this one only keeps its settings.
    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps({"segment": self.segment}).encode()

    def from_bytes(self, data: bytes, **kwargs) -> VietnameseTokenizer:
        self.segment = json.loads(data).get("segment", True)
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"segment": self.segment}))

    def from_disk(self, path: str | Path, **kwargs) -> VietnameseTokenizer:
        cfg = Path(path) / "cfg.json"
        if cfg.exists():
            self.segment = json.loads(cfg.read_text()).get("segment", True)
        return self


@spacy.registry.tokenizers("vnner.VietnameseTokenizer.v1")
def create_tokenizer(segment: bool = True):
    def make(nlp) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab, segment=segment)

    return make
