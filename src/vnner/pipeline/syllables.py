"""Syllable tokens, word segmentation and sentence bounds, all as offsets into one text.

vnner tags entities on syllable tokens and uses underthesea's word segmentation as a
feature (a B/I/E/S position and the segmented word), never as the token boundary: the
segmenter sometimes glues a name to the next verb ("Bùi_Hoàng_Phan_phát_biểu"), and an
entity must not be lost to that. The CRF of `underthesea.word_tokenize` is called
directly on our own tokens, so no second tokenisation or re-alignment is needed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from vnner.text import fold_tones

# Numbers in Vietnamese format (15.000, 14,5%, 78/89) unless glued to letters; then words
# with inner joiners (865-QĐ/TU, T.Ư, Đ/c, 2015-2020); then any single other character.
TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*(?:/\d+)*%?(?![\w/\-])"
    r"|\w+(?:[\-/.&'’]\w+)*"
    r"|\S"
)
SENTENCE_END = {".", "!", "?", "…", ";"}
MAX_CRF_TOKENS = 400


class Token(NamedTuple):
    """A token and its character offsets (a tuple: cheap to make by the hundred thousand)."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Syllable and punctuation tokens with their character offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=1)
def _crf():
    """The word-segmentation CRF that ships inside the underthesea wheel (loaded once)."""
    try:
        from underthesea.pipeline.word_tokenize import word_tokenize
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise RuntimeError("underthesea is not installed: run `pip install -e .` in the vnner folder") from exc
    import underthesea.pipeline.word_tokenize as wt

    if wt.word_tokenize_model is None:
        word_tokenize("khởi động")
    return wt.word_tokenize_model


def word_positions(tokens: list[str]) -> list[str]:
    """B/I/E/S position of each token inside its segmented word (S = one-syllable word)."""
    if not tokens:
        return []
    model = _crf()
    # The CRF's featuriser panics on empty tokens and tokens with spaces; spaCy's whitespace
    # tokens (line breaks, runs of spaces) are given to it as a bare line break instead.
    clean = [t if t and not any(c.isspace() for c in t) else "\n" for t in tokens]
    tags: list[str] = []
    for i in range(0, len(clean), MAX_CRF_TOKENS):
        chunk = clean[i : i + MAX_CRF_TOKENS]
        tags.extend(model.predict([[t] for t in chunk]))
    tags = ["B-W" if c == "\n" or (i and clean[i - 1] == "\n") else tag for i, (c, tag) in enumerate(zip(clean, tags))]
    out = ["S"] * len(tokens)
    for i, tag in enumerate(tags):
        inside = tag == "I-W" and i > 0
        nxt_inside = i + 1 < len(tags) and tags[i + 1] == "I-W"
        if inside:
            out[i] = "I" if nxt_inside else "E"
        else:
            out[i] = "B" if nxt_inside else "S"
    return out


def words_of(tokens: list[str], positions: list[str]) -> list[str]:
    """The segmented word (lower-case, joined by '_') each token belongs to."""
    words: list[str] = []
    start = 0
    n = len(tokens)
    for i in range(n):
        if positions[i] in ("S", "E") or i == n - 1:
            word = fold_tones("_".join(tokens[start : i + 1]).lower())
            words.extend([word] * (i + 1 - start))
            start = i + 1
    return words


def word_spans(text: str, tokens: list[Token] | None = None) -> list[tuple[int, int]]:
    """Segmented words as character spans (underthesea's CRF on vnner's syllable tokens)."""
    tokens = tokenize(text) if tokens is None else tokens
    spans: list[tuple[int, int]] = []
    for tok, pos in zip(tokens, word_positions([t.text for t in tokens])):
        if pos in ("B", "S") or not spans:
            spans.append((tok.start, tok.end))
        else:
            spans[-1] = (spans[-1][0], tok.end)
    return spans


def sentence_spans(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentence bounds: a line break always ends one; so does . ! ? … before a capital or digit."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    last_end = 0
    for i, tok in enumerate(tokens):
        if start is not None and "\n" in text[last_end : tok.start]:
            spans.append((start, last_end))
            start = None
        if start is None:
            start = tok.start
        last_end = tok.end
        if tok.text in SENTENCE_END and tok.text != ";":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is None or nxt.text[0].isupper() or nxt.text[0].isdigit() or nxt.text[0] in "“\"'(":
                spans.append((start, tok.end))
                start = None
    if start is not None:
        spans.append((start, last_end))
    return spans
