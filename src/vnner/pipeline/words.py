"""underthesea's word segmentation on vnner's own syllable tokens, and the `vnner_words` component.

vnner tags entities on syllables: the segmenter sometimes glues a name to the next verb
("Bùi_Hoàng_Phan_phát_biểu"), and an entity must not be lost to that (docs/model.md). Words
are still part of the product: `vnner extract --words` writes them, and the tokenizer can give
each syllable its word position as a feature (`segment = true`). The CRF of
`underthesea.word_tokenize` is called directly on our tokens, so nothing is tokenised twice.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from vnner.text import fold_tones

MAX_CRF_TOKENS = 400

if not Doc.has_extension("words"):
    Doc.set_extension("words", default=None)


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


def word_spans_of(doc: Doc) -> list[tuple[int, int]]:
    """Segmented words as character spans of the document (white space is no word)."""
    tokens = [t for t in doc if not t.is_space]
    tags = [t.tag_ for t in tokens]
    # the tokenizer's word positions when it segmented; other tags (known bodies) are no positions
    positions = tags if tags and set(tags) <= {"B", "I", "E", "S"} else word_positions([t.text for t in tokens])
    spans: list[tuple[int, int]] = []
    for tok, pos in zip(tokens, positions):
        if pos in ("B", "S") or not spans:
            spans.append((tok.idx, tok.idx + len(tok)))
        else:
            spans[-1] = (spans[-1][0], tok.idx + len(tok))
    return spans


class Words:
    """`doc._.words`: underthesea's words as [start, end] character spans. Disabled by default
    (the CRF costs as much as the rest of the pipeline); `vnner extract --words` enables it."""

    def __init__(self, name: str = "words"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.words = [list(span) for span in word_spans_of(doc)]
        return doc


@Language.factory("vnner_words", assigns=["doc._.words"])
def make_words(nlp: Language, name: str) -> Words:
    return Words(name)
