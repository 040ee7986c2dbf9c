"""The Dask engine gives the same lines as the single-process run (issue #6)."""

import pytest

from vnner.dask_engine import run_dask
from vnner.writer import run
from vnner.inputs import iter_inputs


@pytest.mark.slow
def test_dask_output_is_identical_to_single_process(root, tmp_path, nlp):
    inputs = [str(root / "annotations" / "raw"), str(root / "samples")]
    single, distributed, shards = tmp_path / "single.jsonl", tmp_path / "dask.jsonl", tmp_path / "shards"
    run(iter_inputs(inputs), single, nlp=nlp)
    summary = run_dask(inputs, distributed, errors=tmp_path / "errors.jsonl", batch_docs=2)
    assert summary.documents == len(single.read_text(encoding="utf-8").splitlines())
    assert distributed.read_bytes() == single.read_bytes()
    run_dask(inputs, f"{shards}/", errors=tmp_path / "errors2.jsonl", batch_docs=2)
    joined = b"".join(p.read_bytes() for p in sorted(shards.glob("part-*.jsonl")))
    assert joined == single.read_bytes()
