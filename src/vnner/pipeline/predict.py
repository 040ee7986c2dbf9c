"""Text in, entity spans out: a thin layer over the spaCy pipeline (`vnner.pipeline`).

Texts should be normalised (`vnner.text.normalize`) for offsets to agree with `vnner extract`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from vnner.pipeline.tokenizer import text_of

RULES = ("edges",)


def entities_of(doc: Doc) -> list[dict]:
    """The entities of a processed Doc as vnner writes them, with "norm" when the facts step ran."""
    out = []
    text = text_of(doc)
    for ent in doc.ents:
        item = {
            "start": ent.start_char,
            "end": ent.end_char,
            "label": ent.label_,
            "text": text[ent.start_char : ent.end_char],
        }
        if doc._.officials is not None:
            item["norm"] = ent._.norm
        out.append(item)
    return out


def docs(
    nlp: Language, texts: Iterable[str], batch_size: int | None = None, rules: bool = True, facts: bool = True
) -> Iterator[Doc]:
    """Processed Docs, in order. Without `rules`, the tagger's own spans; without `facts`, no norms."""
    skip = [name for name in nlp.pipe_names if (not rules and name in RULES) or (not facts and name == "facts")]
    with nlp.select_pipes(disable=skip):
        yield from nlp.pipe(texts, batch_size=batch_size)


def predict(
    nlp: Language, texts: Iterable[str], batch_size: int | None = None, rules: bool = True
) -> Iterator[list[dict]]:
    """Entities for each normalised text, in order: [{"start", "end", "label", "text"}, ...].

    With `rules`, the edge rules (`vnner.pipeline.edges`) clean the tagger's spans.
    """
    for doc in docs(nlp, texts, batch_size=batch_size, rules=rules, facts=False):
        yield entities_of(doc)
