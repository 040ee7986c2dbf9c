"""Text in, entity spans out: the one place where the model is applied.

Documents are cut into chunks at line breaks (and, for very long lines, at spaces) before
they reach spaCy: the tagger's context is a few tokens wide, so nothing is lost, and a 5 MB
document with no punctuation costs no more memory than a page. Boilerplate lines are never
tagged. Every offset returned points into the text given, which must already be normalised.
"""

from __future__ import annotations

from itertools import groupby
from typing import Iterable, Iterator

from spacy.language import Language

from vnner import postrules
from vnner.boilerplate import boilerplate_ranges

MAX_CHUNK = 3000


def chunks(text: str, max_chars: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """(offset, piece) for each non-boilerplate line of text, long lines cut at white space."""
    skipped = boilerplate_ranges(text)
    skip_starts = {s for s, _ in skipped}
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if start in skip_starts or not line.strip():
            continue
        while len(line) > max_chars:
            cut = line.rfind(" ", max_chars // 2, max_chars)
            cut = cut if cut > 0 else max_chars
            yield start, line[:cut]
            start, line = start + cut, line[cut:]
        if line.strip():
            yield start, line


def entities_of(doc, offset: int = 0) -> list[dict]:
    return [
        {"start": ent.start_char + offset, "end": ent.end_char + offset, "label": ent.label_, "text": ent.text}
        for ent in doc.ents
    ]


def predict(nlp: Language, texts: Iterable[str], batch_size: int = 256, rules: bool = True) -> Iterator[list[dict]]:
    """Entities for each normalised text, in order: [{"start", "end", "label", "text"}, ...].

    With `rules`, the guideline rules of `vnner.postrules` clean the tagger's spans.
    """
    texts = iter(texts)
    held: dict[int, str] = {}  # texts whose pieces are in flight inside nlp.pipe

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for i, text in enumerate(texts):
            held[i] = text
            count = 0
            for offset, piece in chunks(text):
                count += 1
                yield piece, (i, offset)
            if count == 0:
                yield "", (i, -1)  # keeps empty documents in the stream

    results = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size)
    for i, group in groupby(results, key=lambda r: r[1][0]):
        ents: list[dict] = []
        for doc, (_, offset) in group:
            if offset >= 0:
                ents.extend(entities_of(doc, offset))
        text = held.pop(i)
        yield postrules.apply(text, ents) if rules and ents else ents
