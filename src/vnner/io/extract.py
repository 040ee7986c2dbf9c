"""Extraction of one batch: input records → normalised text, sentences, entities, facts → JSONL lines.

A record that cannot be processed becomes an error line with its source, line and reason;
it never stops the batch. Running batches (in this process, a process pool or a dask
cluster) and writing their lines is `vnner.io.writer`'s job.
"""

from __future__ import annotations

import json
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
        self.words = words
        if words and "words" in nlp.disabled:
            nlp.enable_pipe("words")

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
        good = [r for r in records if r.error is None]
        try:
            texts = [normalize(r.text) for r in good]
            found = dict(zip((id(r) for r in good), self.nlp.pipe(texts)))
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            if len(records) == 1:
                return [
                    Outcome(
                        records[0].id, error=error_line(records[0], f"processing failed: {type(exc).__name__}: {exc}")
                    )
                ]
            return [o for r in records for o in self.batch([r])]
        outcomes = []
        for rec in records:
            if rec.error is not None:
                outcomes.append(Outcome(rec.id, error=error_line(rec, rec.error)))
                continue
            try:
                outcomes.append(self.document(rec, found[id(rec)]))
            except Exception as exc:
                outcomes.append(
                    Outcome(rec.id, error=error_line(rec, f"processing failed: {type(exc).__name__}: {exc}"))
                )
        return outcomes
