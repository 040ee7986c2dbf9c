"""`vnner extract --engine dask`: the same extraction on a dask.distributed cluster.

The client streams input records (local paths or fsspec URLs) to the workers in batches;
each worker process loads the model once and returns finished JSONL lines. Results are
written in input order, so the output is byte-identical to a single-process run. When the
output names a folder (ends with "/"), each batch is written by its worker as its own shard
(part-00000.jsonl, ...), local or on any fsspec filesystem, and the client only keeps counts.
"""

from __future__ import annotations

import time
from collections import deque
from functools import lru_cache
from pathlib import Path

from vnner.extract import BATCH_DOCS, Extractor, Outcome, Summary, _batches
from vnner.inputs import InputRecord, iter_inputs


@lru_cache(maxsize=2)
def _extractor(model_path: str | None, words: bool) -> Extractor:
    """One model per worker process, loaded on its first task and kept."""
    from vnner.model import load_model

    return Extractor(load_model(model_path), words=words)


def _process(batch: list[InputRecord], model_path: str | None, words: bool = False) -> list[Outcome]:
    return _extractor(model_path, words).batch(batch)


def _process_to_shard(batch: list[InputRecord], model_path: str | None, url: str, words: bool = False) -> list[Outcome]:
    import fsspec

    outcomes = _process(batch, model_path, words)
    with fsspec.open(url, "wb") as out:
        for o in outcomes:
            if o.line is not None:
                out.write((o.line + "\n").encode("utf-8"))
    return [Outcome(o.id, None if o.line is None else "", o.error, o.syllables, o.entities) for o in outcomes]


def _client(scheduler: str | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None)
    return Client(cluster), cluster


def run_dask(
    inputs: list[str],
    output: str | Path,
    errors: str | Path,
    model_path: str | None = None,
    scheduler: str | None = None,
    batch_docs: int = BATCH_DOCS,
    words: bool = False,
) -> Summary:
    """Extract `inputs` on a cluster; write ordered JSONL to `output` (a file, or a folder of shards)."""
    import fsspec

    if model_path is None:
        from vnner.paths import DEFAULT_MODEL

        model_path = str(DEFAULT_MODEL)
    from vnner.model import load_model

    load_model(model_path)  # fail fast on the client, before the cluster starts
    output = str(output)
    sharded = output.endswith("/")
    summary = Summary()
    started = time.perf_counter()
    client, cluster = _client(scheduler)
    try:
        window_size = max(2, 3 * len(client.scheduler_info().get("workers", {}) or [1]))
        out_file = None if sharded else fsspec.open(output, "wb").open()
        try:
            with fsspec.open(str(errors), "wb") as err:
                window: deque = deque()

                def drain(future) -> None:
                    for o in future.result():
                        if o.error is not None:
                            err.write((o.error + "\n").encode("utf-8"))
                            summary.errors += 1
                            if len(summary.error_examples) < 5:
                                summary.error_examples.append(o.error)
                            continue
                        if out_file is not None:
                            out_file.write((o.line + "\n").encode("utf-8"))
                        summary.documents += 1
                        summary.entities += o.entities
                        summary.syllables += o.syllables

                for i, batch in enumerate(_batches(iter_inputs(inputs), batch_docs)):
                    if sharded:
                        fut = client.submit(_process_to_shard, batch, model_path, f"{output}part-{i:05d}.jsonl", words, pure=False)
                    else:
                        fut = client.submit(_process, batch, model_path, words, pure=False)
                    window.append(fut)
                    if len(window) >= window_size:
                        drain(window.popleft())
                while window:
                    drain(window.popleft())
        finally:
            if out_file is not None:
                out_file.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
