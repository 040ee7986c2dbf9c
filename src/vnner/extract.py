"""Batch extraction: input records → normalised text, sentences, entities, facts → JSONL lines.

Streaming and ordered: records are processed in small batches, by this process or by a
pool of worker processes that each load the model once; at most a few batches are in
flight, so memory does not grow with the input. A record that cannot be processed
becomes a line in the errors file with its source, line and reason; it never stops the run.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.util import minibatch

from vnner.inputs import InputRecord
from vnner.predict import entities_of
from vnner.segment import sentence_spans, tokenize, word_spans
from vnner.text import normalize

BATCH_DOCS = 16


@dataclass
class Outcome:
    """One input record's result: an output line or an error line (JSON text, no newline)."""

    id: str | None
    line: str | None = None
    error: str | None = None
    syllables: int = 0
    entities: int = 0
    warnings: int = 0


@dataclass
class Summary:
    documents: int = 0
    warnings: int = 0
    errors: int = 0
    skipped: int = 0
    entities: int = 0
    syllables: int = 0
    seconds: float = 0.0
    error_examples: list[str] = field(default_factory=list)


def error_line(rec: InputRecord, reason: str) -> str:
    return json.dumps({"source": rec.source, "line": rec.line, "id": rec.id, "reason": reason}, ensure_ascii=False)


class Extractor:
    """Holds one loaded pipeline and turns batches of records into outcomes.

    A thin layer over the spaCy pipeline (`vnner.pipeline`): entities, norms, officials and
    warnings come from the Doc; this adds the record's id, sentences, words and meta.
    """

    def __init__(self, nlp, words: bool = False):
        self.nlp = nlp
        self.words = words

    def document(self, rec: InputRecord, doc) -> Outcome:
        text = doc.text
        entities = entities_of(doc)
        tokens = tokenize(text)
        sentences = [[s, e] for s, e in sentence_spans(text, tokens)]
        officials = doc._.officials if doc._.officials is not None else []
        warnings = list(doc._.warnings or [])
        out = {"id": rec.id, "text": text, "sentences": sentences, "entities": entities, "officials": officials, "warnings": warnings}
        if self.words:
            out["words"] = [[s, e] for s, e in word_spans(text, tokens)]
        if rec.meta:
            out["meta"] = rec.meta
        return Outcome(
            rec.id, line=json.dumps(out, ensure_ascii=False), syllables=len(text.split()), entities=len(entities),
            warnings=len(warnings),
        )

    def batch(self, records: list[InputRecord]) -> list[Outcome]:
        good = [r for r in records if r.error is None]
        try:
            texts = [normalize(r.text) for r in good]
            found = dict(zip((id(r) for r in good), self.nlp.pipe(texts)))
        except BaseException as exc:  # noqa: BLE001 - isolate the record that broke the batch
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            if len(records) == 1:
                return [Outcome(records[0].id, error=error_line(records[0], f"processing failed: {type(exc).__name__}: {exc}"))]
            return [o for r in records for o in self.batch([r])]
        outcomes = []
        for rec in records:
            if rec.error is not None:
                outcomes.append(Outcome(rec.id, error=error_line(rec, rec.error)))
                continue
            try:
                outcomes.append(self.document(rec, found[id(rec)]))
            except Exception as exc:  # noqa: BLE001
                outcomes.append(Outcome(rec.id, error=error_line(rec, f"processing failed: {type(exc).__name__}: {exc}")))
        return outcomes


_worker: Extractor | None = None
_preloaded = None  # a model loaded by the parent, inherited by forked workers


def _init_worker(model_path: str | None, words: bool) -> None:
    global _worker
    if _preloaded is not None:
        nlp = _preloaded
    else:
        from vnner.model import load_model

        nlp = load_model(model_path)
    _worker = Extractor(nlp, words=words)


def _work(records: list[InputRecord]) -> list[Outcome]:
    assert _worker is not None
    return _worker.batch(records)


def _batches(records: Iterable[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    return minibatch(records, size)


def process(
    records: Iterable[InputRecord],
    model_path: str | None = None,
    workers: int = 1,
    nlp=None,
    batch_docs: int = BATCH_DOCS,
    words: bool = False,
) -> Iterator[Outcome]:
    """Outcomes in input order; with workers > 1, a process pool with a bounded window."""
    batches = _batches(records, batch_docs)
    if workers <= 1:
        if nlp is None:
            from vnner.model import load_model

            nlp = load_model(model_path)
        extractor = Extractor(nlp, words=words)
        for batch in batches:
            yield from extractor.batch(batch)
        return
    # Forked workers share the parent's loaded model (copy-on-write) and start at once;
    # where fork is unavailable, each spawned worker loads the model itself.
    global _preloaded
    if "fork" in mp.get_all_start_methods():
        ctx = mp.get_context("fork")
        if nlp is None:
            from vnner.model import load_model

            nlp = load_model(model_path)
        _preloaded = nlp
    else:
        ctx = mp.get_context("spawn")
    try:
        with ctx.Pool(workers, initializer=_init_worker, initargs=(model_path, words)) as pool:
            window: deque = deque()
            for batch in batches:
                window.append(pool.apply_async(_work, (batch,)))
                if len(window) >= workers * 3:
                    yield from window.popleft().get()
            while window:
                yield from window.popleft().get()
    finally:
        _preloaded = None


def done_ids(output: Path, errors: Path) -> set[str]:
    """Ids already written by an earlier run; a torn last line of the output is cut off first."""
    ids: set[str] = set()
    if output.exists():
        with output.open("rb+") as handle:
            data = handle.read()
            if data and not data.endswith(b"\n"):
                keep = data.rfind(b"\n") + 1
                handle.truncate(keep)
                data = data[:keep]
        for raw in data.splitlines():
            try:
                ids.add(str(json.loads(raw)["id"]))
            except (ValueError, KeyError, TypeError):
                continue
    if errors.exists():
        for raw in errors.read_bytes().splitlines():
            try:
                rid = json.loads(raw).get("id")
            except ValueError:
                continue
            if rid is not None:
                ids.add(str(rid))
    return ids


def _write_line(handle, line: str) -> None:
    data = memoryview((line + "\n").encode("utf-8"))
    while data:
        data = data[handle.write(data) :]


def default_errors_path(output: Path) -> Path:
    name = output.name[: -len(".jsonl")] if output.name.endswith(".jsonl") else output.name
    return output.with_name(name + ".errors.jsonl")


def run(
    records: Iterable[InputRecord],
    output: Path,
    errors: Path | None = None,
    model_path: str | None = None,
    workers: int = 1,
    resume: bool = False,
    nlp=None,
    on_progress: Callable[[Summary], None] | None = None,
    words: bool = False,
) -> Summary:
    """Extract to `output` (JSONL); errors to `errors`. With resume, skip ids already written."""
    output = Path(output)
    errors = Path(errors) if errors else default_errors_path(output)
    skip = done_ids(output, errors) if resume else set()
    summary = Summary()
    started = time.perf_counter()

    def todo() -> Iterator[InputRecord]:
        for rec in records:
            if rec.id is not None and rec.id in skip and not (rec.error or "").startswith("duplicate id"):
                summary.skipped += 1
                continue
            yield rec

    mode = "ab" if resume else "wb"
    output.parent.mkdir(parents=True, exist_ok=True)
    # Unbuffered: each line reaches the file in one write() call, so a run that is killed
    # leaves whole lines only (and --resume cuts a torn one anyway, after a power cut).
    with output.open(mode, buffering=0) as out, errors.open(mode, buffering=0) as err:
        for outcome in process(todo(), model_path=model_path, workers=workers, nlp=nlp, words=words):
            if outcome.line is not None:
                _write_line(out, outcome.line)
                summary.documents += 1
                summary.entities += outcome.entities
                summary.syllables += outcome.syllables
                summary.warnings += outcome.warnings
            else:
                _write_line(err, outcome.error)
                summary.errors += 1
                if len(summary.error_examples) < 5:
                    summary.error_examples.append(outcome.error)
            if on_progress:
                on_progress(summary)
        os.fsync(out.fileno())
    if summary.errors == 0 and errors.exists() and errors.stat().st_size == 0:
        errors.unlink()
    summary.seconds = time.perf_counter() - started
    return summary
