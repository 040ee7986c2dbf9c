"""A spaCy tokenizer for Vietnamese: syllable tokens carrying word-segmentation features.

Each token's `tag_` is its B/I/E/S position in the segmented word, its `lemma_` the
segmented word, and its `norm_` the lower-cased syllable with tone placement folded
(uỷ = ủy). The NER's embedding reads NORM, SHAPE, PREFIX, SUFFIX, TAG and LEMMA, so it sees
both syllables and words, while entity boundaries can fall between any two syllables.
"""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from vnner.segment import tokenize, word_positions, words_of
from vnner.text import fold_tones


def _norm(string: str) -> str:
    return fold_tones(string.lower())


class VietnameseTokenizer:
    """Builds a Doc whose text equals the input exactly (offsets are never shifted)."""

    def __init__(self, vocab: Vocab, segment: bool = True):
        self.vocab = vocab
        self.segment = segment
        vocab.lex_attr_getters[NORM] = _norm

    def __call__(self, text: str) -> Doc:
        toks = tokenize(text)
        words = [t.text for t in toks]
        spaces = [toks[i].end < toks[i + 1].start for i in range(len(toks) - 1)]
        if toks:
            spaces.append(toks[-1].end < len(text))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # Whitespace other than one space (line breaks, double spaces) becomes its own token
        # in spaCy; rebuild with those so that doc.text == text.
        if doc.text != text:
            doc = self._with_whitespace(text, toks)
            words = [t.text for t in doc]
        if self.segment and len(doc):
            positions = word_positions(words)
            lemmas = words_of(words, positions)
            doc = Doc(self.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc], tags=positions, lemmas=lemmas)
        return doc

    def _with_whitespace(self, text: str, toks) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for tok in toks:
            gap = text[pos : tok.start]
            if gap:
                if words and gap.startswith(" "):
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
            words.append(tok.text)
            spaces.append(False)
            pos = tok.end
        tail = text[pos:]
        if tail:
            if words and tail.startswith(" "):
                spaces[-1] = True
                tail = tail[1:]
            if tail:
                words.append(tail)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def __reduce__(self):
        return (VietnameseTokenizer, (self.vocab, self.segment))

    # spaCy serialises every tokenizer with the pipeline; this one only keeps its settings.
    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps({"segment": self.segment}).encode()

    def from_bytes(self, data: bytes, **kwargs) -> "VietnameseTokenizer":
        self.segment = json.loads(data).get("segment", True)
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"segment": self.segment}))

    def from_disk(self, path: str | Path, **kwargs) -> "VietnameseTokenizer":
        cfg = Path(path) / "cfg.json"
        if cfg.exists():
            self.segment = json.loads(cfg.read_text()).get("segment", True)
        return self


@spacy.registry.tokenizers("vnner.VietnameseTokenizer.v1")
def create_tokenizer(segment: bool = True):
    def make(nlp) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab, segment=segment)

    return make
