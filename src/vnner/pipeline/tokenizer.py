"""A spaCy tokenizer for Vietnamese: syllable tokens carrying word-segmentation features.

Each token's `tag_` is its B/I/E/S position in the segmented word, its `lemma_` the
segmented word, and its `norm_` the lower-cased syllable with tone placement folded
(uỷ = ủy). The NER's embedding reads NORM, SHAPE, PREFIX, SUFFIX, TAG and LEMMA, so it sees
both syllables and words, while entity boundaries can fall between any two syllables.

A text is tokenised piece by piece (`line_pieces`: its lines, very long lines cut at a space)
with every line break a token of its own, so each piece is a run of whole tokens: the NER
(`vnner.pipeline.components`) tags a document piece by piece with bounded memory, and a piece's tokens
are the same whether the piece is tokenised alone or inside its document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import spacy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from vnner.pipeline.segment import Token, tokenize, word_positions, words_of
from vnner.text import fold_tones

MAX_PIECE = 3000  # characters; a longer line is cut at a space (the tagger's context is a few tokens)


def line_pieces(text: str, max_chars: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """(start, end) of every piece of text: each line (without its line break), cut at a space
    when longer than max_chars. Pieces are in order; only the line breaks fall between them."""
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        while len(line) > max_chars:
            cut = line.rfind(" ", max_chars // 2, max_chars)
            cut = cut if cut > 0 else max_chars
            yield start, start + cut
            start, line = start + cut, line[cut:]
        yield start, start + len(line)


TEXT_KEY = "vnner.text"


def text_of(doc: Doc) -> str:
    """The document's text, kept by the tokenizer: spaCy's `Doc.text` joins every token again
    (a Token object each), which costs as much as tagging when done by every component."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _norm(string: str) -> str:
    return fold_tones(string.lower())


class VietnameseTokenizer:
    """Builds a Doc whose text equals the input exactly (offsets are never shifted)."""

    def __init__(self, vocab: Vocab, segment: bool = True):
        self.vocab = vocab
        self.segment = segment
        vocab.lex_attr_getters[NORM] = _norm

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
        doc.user_data[TEXT_KEY] = text
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
