"""Writing extraction results, the same way for every engine.

An engine (this machine's processes, `process` below, or a dask cluster, `vnner.io.dask_engine`)
turns input records into `Outcome`s in input order; `write` puts them where they belong:

* output lines (JSONL, one per document, each with a "meta" object, `{}` when the input had none)
  to a file, to a stream (standard output) or, through the engine, to a folder of shards;
* error lines (source, line, id, reason) to the errors file, default OUT.errors.jsonl;
* each line in one unbuffered write() call, so a run that is killed leaves whole lines, and
  a resumed run (`resume=True`) cuts a torn last line, keeps what is done and adds the rest,
  each id once;
* a `Summary` of documents, entities, warnings, errors and skipped records.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from spacy.util import minibatch
from threadpoolctl import threadpool_limits

from vnner.io.extract import Extractor, Outcome
from vnner.io.inputs import InputRecord, is_local

BATCH_DOCS = 16
ERROR_EXAMPLES = 5

Target = str | os.PathLike | BinaryIO


class OutputError(ValueError):
    """The output cannot be written as asked (a usage error); nothing was written."""


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


# --- where output goes ---------------------------------------------------------------------


def is_stream(target: object) -> bool:
    return hasattr(target, "write")


def is_folder(output: Target) -> bool:
    """A folder of shards: a name ending with "/" (typed or not yet existing) or an existing local folder."""
    if is_stream(output):
        return False
    text = os.fspath(output)
    return text.endswith("/") or (is_local(text) and Path(text).is_dir())


def default_errors_path(output: Target) -> str | None:
    """OUT.errors.jsonl beside OUT (a file or a folder of shards); None for a stream."""
    if is_stream(output) or os.fspath(output) == "-":
        return None
    text = os.fspath(output).rstrip("/")
    if text.endswith(".jsonl"):
        text = text[: -len(".jsonl")]
    return text + ".errors.jsonl"


def ensure_meta(line: str) -> str:
    """The output line with a "meta" object, `{}` when the input record had no other fields."""
    doc = json.loads(line)
    if "meta" in doc:
        return line
    doc["meta"] = {}
    return json.dumps(doc, ensure_ascii=False)


def write_line(handle, line: str) -> None:
    """One line in as few write() calls as the OS allows (one, for an unbuffered local file)."""
    data = memoryview((line + "\n").encode("utf-8"))
    while data:
        written = handle.write(data)
        data = data[len(data) if written is None else written :]


def _cut_torn_tail(data: bytes) -> bytes:
    return data if not data or data.endswith(b"\n") else data[: data.rfind(b"\n") + 1]


def _ids(data: bytes, key: str = "id") -> set[str]:
    ids: set[str] = set()
    for raw in data.splitlines():
        try:
            value = json.loads(raw).get(key)
        except (ValueError, AttributeError):
            continue
        if value is not None:
            ids.add(str(value))
    return ids


def done_ids(output: str | os.PathLike, errors: Target | None = None) -> set[str]:
    """Ids already written by an earlier run; a torn last line of the output is cut off first."""
    ids: set[str] = set()
    output = Path(output)
    if output.exists():
        with output.open("rb+") as handle:
            data = handle.read()
            keep = _cut_torn_tail(data)
            if len(keep) != len(data):
                handle.truncate(len(keep))
        ids |= _ids(keep)
    return ids | error_ids(errors)


def error_ids(errors: Target | None) -> set[str]:
    """Ids of records an earlier run wrote to the errors file (they are not tried again)."""
    if errors is None or is_stream(errors) or not is_local(os.fspath(errors)) or not Path(errors).exists():
        return set()
    return _ids(Path(errors).read_bytes())


@dataclass
class Shards:
    """A folder of output shards, local or on any fsspec filesystem; each batch is one shard."""

    url: str
    first: int = 0  # number of the first new shard: after those an earlier run wrote

    def __post_init__(self) -> None:
        self.url = os.fspath(self.url).rstrip("/") + "/"

    def name(self, n: int) -> str:
        return f"{self.url}part-{self.first + n:05d}.jsonl"

    def existing(self) -> list[str]:
        import fsspec

        fs, root = fsspec.core.url_to_fs(self.url)
        if not fs.exists(root):
            return []
        return sorted(p for p in fs.ls(root, detail=False) if Path(p).name.startswith("part-") and p.endswith(".jsonl"))

    def clear(self) -> None:
        """Remove the shards of an earlier run (a new run replaces them, as it replaces a file)."""
        import fsspec

        fs, _ = fsspec.core.url_to_fs(self.url)
        for path in self.existing():
            fs.rm_file(path)

    def resume(self) -> set[str]:
        """Ids in the shards already written (torn last lines cut off); new shards are numbered after them."""
        import fsspec

        fs, _ = fsspec.core.url_to_fs(self.url)
        ids: set[str] = set()
        paths = self.existing()
        for path in paths:
            data = fs.cat_file(path)
            keep = _cut_torn_tail(data)
            if len(keep) != len(data):
                fs.pipe_file(path, keep)
            ids |= _ids(keep)
        if paths:
            self.first = max(int(Path(p).stem.split("-")[1]) for p in paths) + 1
        return ids

    @staticmethod
    def write(url: str, lines: list[str]) -> None:
        """One shard, in one write() call (a killed worker leaves no half-written line behind on local disks)."""
        import fsspec

        with fsspec.open(url, "wb", auto_mkdir=True) as out:
            out.write("".join(line + "\n" for line in lines).encode("utf-8"))


def _remove_if_empty(target: Target) -> None:
    path = None if is_stream(target) or not is_local(os.fspath(target)) else Path(target)
    if path is not None and path.is_file() and path.stat().st_size == 0:
        path.unlink()


class Engine(Protocol):
    def __call__(self, records: Iterable[InputRecord], shards: Shards | None) -> Iterator[Outcome]:
        """Outcomes in input order. With shards, the engine stores the output lines itself and
        returns outcomes whose line is "" (done) or None (error)."""
        ...


# --- the writer ----------------------------------------------------------------------------


class _Sink:
    """A file (local, unbuffered; or an fsspec URL) or a stream that lines are appended to."""

    def __init__(self, target: Target, append: bool):
        self.handle = None
        self.owned = not is_stream(target)
        if not self.owned:
            self.handle = target
        elif is_local(os.fspath(target)):
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = path.open("ab" if append else "wb", buffering=0)
        else:
            import fsspec

            self.handle = fsspec.open(os.fspath(target), "wb").open()

    def write(self, line: str) -> None:
        write_line(self.handle, line)
        if not self.owned and hasattr(self.handle, "flush"):
            self.handle.flush()

    def close(self) -> None:
        if not self.owned:
            return
        try:
            self.handle.flush()
            if hasattr(self.handle, "fileno"):
                try:
                    os.fsync(self.handle.fileno())
                except (OSError, ValueError):
                    pass  # a pipe or a remote file: nothing to sync
        finally:
            self.handle.close()


def check_target(output: Target, resume: bool) -> None:
    """Usage problems with the output, before anything is opened: OutputError says what to do."""
    if is_stream(output) or os.fspath(output) == "-":
        if resume:
            raise OutputError("--resume needs an output file or folder to continue, not standard output")
        return
    text = os.fspath(output)
    if resume and not is_local(text) and not is_folder(text):
        raise OutputError(f"--resume needs a local output file or a folder of shards; {text} is neither")


def write(
    records: Iterable[InputRecord],
    engine: Engine,
    output: Target,
    errors: Target | None = None,
    resume: bool = False,
    on_progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Run `engine` over `records` and write its outcomes; see the module docstring."""
    check_target(output, resume)
    sharded = is_folder(output)
    if errors is None:
        errors = default_errors_path(output)
    if errors is None:
        raise OutputError("failed records need a place to go: give an errors file (or stream)")
    shards = Shards(os.fspath(output)) if sharded else None
    skip: set[str] = set()
    if shards is not None and not resume:
        shards.clear()
    if resume:
        skip = (shards.resume() if shards is not None else done_ids(output)) | error_ids(errors)
    summary = Summary()
    started = time.perf_counter()

    def todo() -> Iterator[InputRecord]:
        for rec in records:
            if rec.id is not None and rec.id in skip and not (rec.error or "").startswith("duplicate id"):
                summary.skipped += 1
                continue
            yield rec

    out = None if sharded else _Sink(output, append=resume)
    try:
        err = _Sink(errors, append=resume)
        try:
            for outcome in engine(todo(), shards):
                if outcome.line is not None:
                    if out is not None:
                        out.write(ensure_meta(outcome.line))
                    summary.documents += 1
                    summary.entities += outcome.entities
                    summary.syllables += outcome.syllables
                    summary.warnings += outcome.warnings
                else:
                    err.write(outcome.error)
                    summary.errors += 1
                    if len(summary.error_examples) < ERROR_EXAMPLES:
                        summary.error_examples.append(outcome.error)
                if on_progress:
                    on_progress(summary)
        finally:
            err.close()
    finally:
        if out is not None:
            out.close()
    _remove_if_empty(errors)  # an empty errors file says nothing; an empty output would pass for a result
    if summary.documents == 0 and out is not None:
        _remove_if_empty(output)
    summary.seconds = time.perf_counter() - started
    return summary


# --- the local engine: this process or a pool of worker processes ---------------------------

_worker: Extractor | None = None
_preloaded = None  # a model loaded by the parent, inherited by forked workers


def _init_worker(model_path: str | None, words: bool) -> None:
    global _worker
    # One BLAS thread per worker process: the pool already fills the cores.
    threadpool_limits(1, user_api="blas")
    if _preloaded is not None:
        nlp = _preloaded
    else:
        from vnner.model import load_model

        nlp = load_model(model_path)
    _worker = Extractor(nlp, words=words)


def _work(records: list[InputRecord]) -> list[Outcome]:
    assert _worker is not None
    return _worker.batch(records)


def process(
    records: Iterable[InputRecord],
    model_path: str | None = None,
    workers: int = 1,
    nlp=None,
    batch_docs: int = BATCH_DOCS,
    words: bool = False,
) -> Iterator[Outcome]:
    """Outcomes in input order; with workers > 1, a process pool with a bounded window."""
    batches = minibatch(records, size=batch_docs)
    if workers <= 1:
        if nlp is None:
            from vnner.model import load_model

            nlp = load_model(model_path)
        extractor = Extractor(nlp, words=words)
        for batch in batches:
            yield from extractor.stream(batch)
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


def run(
    records: Iterable[InputRecord],
    output: Target,
    errors: Target | None = None,
    model_path: str | None = None,
    workers: int = 1,
    resume: bool = False,
    nlp=None,
    on_progress: Callable[[Summary], None] | None = None,
    words: bool = False,
) -> Summary:
    """Extract on this machine to `output` (a JSONL file or a stream); errors to `errors`."""
    if is_folder(output):
        raise OutputError(f"{os.fspath(output)} is a folder: sharded output is written by --engine dask; give a file")

    def engine(todo: Iterable[InputRecord], shards: Shards | None) -> Iterator[Outcome]:
        return process(todo, model_path=model_path, workers=workers, nlp=nlp, words=words)

    return write(records, engine, output, errors, resume=resume, on_progress=on_progress)
