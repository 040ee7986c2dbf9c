"""Extraction of one batch: input records → normalised text, sentences, entities, facts → JSONL lines.

A record that cannot be processed becomes an error line with its source, line and reason;
it never stops the batch. Running batches (in this process, a process pool or a dask
cluster) and writing their lines is `vnner.io.writer`'s job.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from vnner.io.inputs import InputRecord
from vnner.pipeline.predict import entities_of
from vnner.pipeline.sentences import Sentences, sentence_spans
from vnner.pipeline.tokenizer import text_of
from vnner.pipeline.words import word_spans_of
from vnner.text import normalize


@dataclass
class Outcome:
    """One input record's result: an output line or an error line (JSON text, no newline)."""

    id: str | None
    line: str | None = None
    error: str | None = None
    syllables: int = 0
    entities: int = 0
    warnings: int = 0


def error_line(rec: InputRecord, reason: str) -> str:
    return json.dumps({"source": rec.source, "line": rec.line, "id": rec.id, "reason": reason}, ensure_ascii=False)


class Extractor:
    """Holds one loaded pipeline and turns batches of records into outcomes.

    A thin layer over the spaCy pipeline (`vnner.pipeline.components`): entities, norms, officials and
    warnings come from the Doc; this adds the record's id, sentences, words and meta.
    """

    def __init__(self, nlp, words: bool = False):
        self.nlp = nlp
        self.words = words  # the words component is disabled in the model; `document` computes them

    def document(self, rec: InputRecord, doc) -> Outcome:
        text = text_of(doc)
        entities = entities_of(doc)
        if not doc.has_annotation("SENT_START"):  # a model without the sentences component
            doc = Sentences()(doc)
        sentences = [[s, e] for s, e in sentence_spans(doc)]
        officials = doc._.officials if doc._.officials is not None else []
        warnings = list(doc._.warnings or [])
        out = {
            "id": rec.id,
            "text": text,
            "sentences": sentences,
            "entities": entities,
            "officials": officials,
            "warnings": warnings,
        }
        if self.words:
            out["words"] = doc._.words if doc._.words is not None else [list(s) for s in word_spans_of(doc)]
        if rec.meta:
            out["meta"] = rec.meta
        return Outcome(
            rec.id,
            line=json.dumps(out, ensure_ascii=False),
            syllables=len(text.split()),
            entities=len(entities),
            warnings=len(warnings),
        )

    def batch(self, records: list[InputRecord]) -> list[Outcome]:
        """The outcomes of a batch, in input order (see `stream`)."""
        return list(self.stream(records))

    def stream(self, records: list[InputRecord]) -> Iterator[Outcome]:
        """Outcomes in input order, each as soon as its document is done: the lines before a slow
        record are written while it runs. A record that breaks the pipeline is isolated: the ones
        not yet done are processed one by one, and only the one that fails becomes an error line."""
        good = [r for r in records if r.error is None]
        docs = None
        for position, rec in enumerate(records):
            if rec.error is not None:
                yield Outcome(rec.id, error=error_line(rec, rec.error))
                continue
            try:
                if docs is None:
                    docs = iter(self.nlp.pipe(normalize(r.text) for r in good))
                doc = next(docs)
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                rest = records[position:]
                if len(rest) == 1:
                    reason = f"processing failed: {type(exc).__name__}: {exc}"
                    yield Outcome(rec.id, error=error_line(rec, reason))
                else:
                    for one in rest:
                        yield from self.stream([one])
                return
            try:
                yield self.document(rec, doc)
            except Exception as exc:
                yield Outcome(rec.id, error=error_line(rec, f"processing failed: {type(exc).__name__}: {exc}"))
