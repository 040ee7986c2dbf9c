"""`vnner extract --engine dask`: the same extraction on a dask.distributed cluster.

The client streams input records (local paths or fsspec URLs) to the workers in batches;
each worker process loads the model once and returns finished JSONL lines, which
`vnner.io.writer` writes in input order, so the output is byte-identical to a single-process
run and `--resume` works as it does there. When the output is a folder of shards, each
batch is written by its worker as its own shard (part-00000.jsonl, ...), local or on any
fsspec filesystem, and the client only keeps counts.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.util import minibatch

from vnner.io.extract import Extractor, Outcome
from vnner.io.inputs import InputRecord
from vnner.io.writer import BATCH_DOCS, Shards, Summary, Target, ensure_meta, write

log = logging.getLogger(__name__)


@lru_cache(maxsize=2)
def _extractor(model_path: str | None, words: bool) -> Extractor:
    """One model per worker process, loaded on its first task and kept."""
    from threadpoolctl import threadpool_limits

    from vnner.model import load_model

    threadpool_limits(1, user_api="blas")  # one BLAS thread per worker process, as the local pool
    return Extractor(load_model(model_path), words=words)


def _process(batch: list[InputRecord], model_path: str | None, words: bool = False) -> list[Outcome]:
    return _extractor(model_path, words).batch(batch)


def _process_to_shard(batch: list[InputRecord], model_path: str | None, url: str, words: bool = False) -> list[Outcome]:
    outcomes = _process(batch, model_path, words)
    lines = [ensure_meta(o.line) for o in outcomes if o.line is not None]
    if lines:
        Shards.write(url, lines)
    # The lines are in the shard; only counts and errors travel back.
    return [
        Outcome(o.id, None if o.line is None else "", o.error, o.syllables, o.entities, o.warnings) for o in outcomes
    ]


def _client(scheduler: str | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None)
    return Client(cluster), cluster


def outcomes(
    records: Iterable[InputRecord],
    shards: Shards | None,
    model_path: str,
    scheduler: str | None = None,
    batch_docs: int = BATCH_DOCS,
    words: bool = False,
) -> Iterator[Outcome]:
    """The engine `vnner.io.writer.write` runs: outcomes in input order, a bounded window of batches in flight."""
    client, cluster = _client(scheduler)
    try:
        workers = len(client.scheduler_info().get("workers", {}))
        log.info("dask: %d workers at %s", workers, client.scheduler.address)
        window_size = max(2, 3 * max(workers, 1))
        window: deque = deque()
        shard = 0
        for batch in minibatch(records, size=batch_docs):
            if shards is not None:
                window.append(
                    client.submit(_process_to_shard, batch, model_path, shards.name(shard), words, pure=False)
                )
                shard += 1
            else:
                window.append(client.submit(_process, batch, model_path, words, pure=False))
            if len(window) >= window_size:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_dask(
    records: Iterable[InputRecord],
    output: Target,
    errors: Target | None = None,
    model_path: str | None = None,
    scheduler: str | None = None,
    batch_docs: int = BATCH_DOCS,
    words: bool = False,
    resume: bool = False,
    on_progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Extract `records` on a cluster into `output` (a file, a stream, or a folder of shards)."""
    if model_path is None:
        from vnner.paths import DEFAULT_MODEL

        model_path = str(DEFAULT_MODEL)
    from vnner.model import load_model

    load_model(model_path)  # fail fast on the client, before the cluster starts

    def engine(todo: Iterable[InputRecord], shards: Shards | None) -> Iterator[Outcome]:
        return outcomes(todo, shards, model_path, scheduler=scheduler, batch_docs=batch_docs, words=words)

    return write(records, engine, output, errors, resume=resume, on_progress=on_progress)
