"""underthesea's own CRF NER as a baseline, mapped onto the guidelines' labels (PER→OFFICIAL, ORG→ORG)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from vnner.pipeline.sentences import text_sentences
from vnner.text import fold_tones

MAP = {"PER": "OFFICIAL", "ORG": "ORG"}


def _locate(text: str, words: list[str], offset: int) -> list[tuple[int, int] | None]:
    """Find each word of underthesea's output in the text, left to right (tone placement folded)."""
    folded = fold_tones(text)
    pos = 0
    out: list[tuple[int, int] | None] = []
    for word in words:
        w = fold_tones(word)
        i = folded.find(w, pos)
        if i < 0 or i - pos > 20:
            out.append(None)
            continue
        out.append((offset + i, offset + i + len(w)))
        pos = i + len(w)
    return out


def underthesea_entities(text: str) -> list[dict]:
    from underthesea import ner

    ents: list[dict] = []
    for s, e in text_sentences(text):
        sentence = text[s:e]
        rows = ner(sentence)
        places = _locate(sentence, [r[0] for r in rows], s)
        current: list | None = None
        for row, place in zip(rows, places):
            tag = row[-1]
            kind = tag[2:] if len(tag) > 2 else ""
            if place is None or tag == "O" or kind not in MAP:
                current = None
                continue
            if tag.startswith("B-") or current is None or current[2] != MAP[kind]:
                current = [place[0], place[1], MAP[kind]]
                ents.append(current)
            else:
                current[1] = place[1]
    return [{"start": a, "end": b, "label": lab, "text": text[a:b]} for a, b, lab in ents]


def predict_underthesea(texts: Iterable[str]) -> Iterator[list[dict]]:
    for text in texts:
        yield underthesea_entities(text)
