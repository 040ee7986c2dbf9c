"""Sentence bounds on the tokens (`vnner_sentences`), so `doc.sents` works after `spacy.load`.

A line break always ends a sentence; so does ". ! ? …" before a capital, a digit, a quote or a
bracket. ";" does not. White space belongs to the sentence before it; the sentences vnner
writes (`sentence_spans`) start and end on text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

ENDS = frozenset({".", "!", "?", "…"})
OPENERS = "“\"'("


# short forms written with a full stop: "TP. Đà Nẵng", "TS. Lê Văn A" do not end a sentence there
DOTTED = frozenset({"TP", "Tp", "TX", "TT", "Q", "P", "TS", "ThS", "PGS", "GS", "BS", "KS", "NXB", "Th", "St"})


def starts(tokens: Iterable[tuple[str, bool, bool]]) -> Iterator[bool]:
    """Whether each token (text, is white space, follows white space) starts a sentence; white space never
    does, nor a token glued to the full stop before it ("1.234/QĐ-UBND" cut as "1", ".", "234/QĐ-UBND")."""
    after_break = True
    previous = before = ""
    for text, space, spaced in tokens:
        if space:
            after_break = after_break or "\n" in text
            yield False
            continue
        first = text[:1]
        full_stop = (
            spaced
            and previous in ENDS
            and not (previous == "." and (before in DOTTED or (len(before) == 1 and before.isupper())))
        )
        yield after_break or (full_stop and (first.isupper() or first.isdigit() or first in OPENERS))
        after_break = False
        previous, before = text, previous


class Sentences:
    """Sets `token.is_sent_start` from line breaks and full stops (see the module docstring)."""

    def __init__(self, name: str = "sentences"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, IS_SPACE, SPACY]).tolist()
        gaps = [True] + [bool(row[1] or row[2]) for row in rows[:-1]]  # white space before each token
        flags = [1 if f else -1 for f in starts((strings[r[0]], bool(r[1]), gap) for r, gap in zip(rows, gaps))]
        flags[0] = 1
        doc.from_array([SENT_START], numpy.asarray(flags, dtype="int64").view("uint64").reshape(-1, 1))
        return doc


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """[start, end) of each sentence, without the white space around it (read off arrays: no Token objects)."""
    out: list[tuple[int, int]] = []
    if not len(doc):
        return out
    rows = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist()
    first = last = None
    for idx, length, space, start in rows:
        if start == 1 and first is not None:
            out.append((first, last))
            first = None
        if not space:
            if first is None:
                first = idx
            last = idx + length
    if first is not None:
        out.append((first, last))
    return out


@Language.factory("vnner_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> Sentences:
    return Sentences(name)


def text_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds of a raw text, by the same rules (for texts that are not Docs: reports, baselines)."""
    from vnner.pipeline.syllables import tokenize

    tokens = tokenize(text)
    spans: list[tuple[int, int]] = []
    previous_end = 0
    items: list[tuple[str, bool, bool]] = []
    for tok in tokens:
        gap = text[previous_end : tok.start]
        items.append((gap, True, False) if "\n" in gap else ("", True, False))
        items.append((tok.text, False, bool(gap) or not previous_end))
        previous_end = tok.end
    flags = [flag for (_, space, _), flag in zip(items, starts(items)) if not space]
    for tok, flag in zip(tokens, flags):
        if flag or not spans:
            spans.append((tok.start, tok.end))
        else:
            spans[-1] = (spans[-1][0], tok.end)
    return spans
