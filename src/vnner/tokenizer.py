"""A spaCy tokenizer for Vietnamese: syllable tokens carrying word-segmentation features.

Each token's `tag_` is its B/I/E/S position in the segmented word, its `lemma_` the
segmented word, and its `norm_` the lower-cased syllable with tone placement folded
(uỷ = ủy). The NER's embedding reads NORM, SHAPE, PREFIX, SUFFIX, TAG and LEMMA, so it sees
both syllables and words, while entity boundaries can fall between any two syllables.
"""

from __future__ import annotations

import json
from itertools import chain
from pathlib import Path

import spacy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from vnner.segment import Token, tokenize, word_positions, words_of
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
        words, spaces = self.split(text)
        if self.segment and words:
            positions = word_positions(words)
            return Doc(self.vocab, words=words, spaces=spaces, tags=positions, lemmas=words_of(words, positions))
        return Doc(self.vocab, words=words, spaces=spaces)

    @staticmethod
    def split(text: str) -> tuple[list[str], list[bool]]:
        """Words and trailing-space flags such that they join back to `text` exactly.

        One space after a token is its `whitespace_`; any other run of white space (line
        breaks, double spaces, no-break spaces) becomes a token of its own, as in spaCy.
        """
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        end_of_text = Token(len(text), len(text), "")
        for tok in chain(tokenize(text), [end_of_text]):
            if tok.start > pos:
                gap = text[pos : tok.start]
                if words and gap[0] == " ":
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
            if tok.text:
                words.append(tok.text)
                spaces.append(False)
            pos = tok.end
        return words, spaces

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
