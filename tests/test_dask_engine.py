"""The Dask engine gives the same lines as the single-process run (issue #6), through the same
writer: --resume keeps done lines and adds the rest, sharded output works from the command line
(issue #11). Tested against a LocalCluster and against an external scheduler with two workers
started as separate processes, on loopback only."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnner.io.dask_engine import run_dask
from vnner.io.inputs import iter_inputs
from vnner.io.writer import run

BIN = Path(sys.executable).parent


def _ids(data: bytes) -> list[str]:
    return [json.loads(line)["id"] for line in data.splitlines()]


@pytest.mark.slow
def test_dask_output_is_identical_to_single_process(root, tmp_path, nlp):
    inputs = [str(root / "annotations" / "raw"), str(root / "samples")]
    single, distributed, shards = tmp_path / "single.jsonl", tmp_path / "dask.jsonl", tmp_path / "shards"
    run(iter_inputs(inputs), single, nlp=nlp)
    summary = run_dask(iter_inputs(inputs), distributed, errors=tmp_path / "errors.jsonl", batch_docs=2)
    assert summary.documents == len(single.read_text(encoding="utf-8").splitlines())
    assert distributed.read_bytes() == single.read_bytes()
    run_dask(iter_inputs(inputs), f"{shards}/", errors=tmp_path / "errors2.jsonl", batch_docs=2)
    joined = b"".join(p.read_bytes() for p in sorted(shards.glob("part-*.jsonl")))
    assert joined == single.read_bytes()


@pytest.fixture
def cluster(tmp_path):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1; stopped at the end."""
    info = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    procs = [
        subprocess.Popen(
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--scheduler-file",
                str(info),
                *common,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    try:
        deadline = time.time() + 60
        while not info.exists() and time.time() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        str(BIN / "dask"),
                        "worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        *common,
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        from dask.distributed import Client

        with Client(address) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _vnner(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vnner", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.slow
def test_cli_against_an_external_scheduler_resumes_and_shards(raw_texts, tmp_path, cluster):
    paragraphs = [p for text in raw_texts.values() for p in text.split("\n\n") if p.strip()][:40]
    pool = tmp_path / "in" / "pool.jsonl"
    pool.parent.mkdir()
    pool.write_text(
        "".join(
            json.dumps({"id": f"p{i:02d}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(paragraphs)
        ),
        encoding="utf-8",
    )
    inputs = [str(pool)]
    single = tmp_path / "single.jsonl"
    assert _vnner("extract", *inputs, "-o", str(single), cwd=tmp_path).returncode == 0
    full = single.read_bytes()
    ids = _ids(full)
    assert len(ids) == 40  # three shards of up to 16

    dask = ["--engine", "dask", "--scheduler", cluster]
    out = tmp_path / "dask.jsonl"
    result = _vnner("extract", *inputs, "-o", str(out), *dask, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == full

    # Half written, the last line torn, as a killed run leaves it: --resume keeps the done lines and adds the rest.
    lines = full.splitlines(keepends=True)
    half = len(lines) // 2
    out.write_bytes(b"".join(lines[:half]) + lines[half][:40])
    result = _vnner("extract", *inputs, "-o", str(out), *dask, "--resume", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{half} skipped" in result.stderr
    assert out.read_bytes() == full  # done lines kept, the rest added in order, each id once

    # Sharded: a folder given with a trailing slash, then an existing folder without one.
    for name, spec in (("shards", f"{tmp_path}/shards/"), ("existing", str(tmp_path / "existing"))):
        (tmp_path / "existing").mkdir(exist_ok=True)
        result = _vnner("extract", *inputs, "-o", spec, *dask, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        parts = sorted((tmp_path / name).glob("part-*.jsonl"))
        assert len(parts) == 3
        assert b"".join(p.read_bytes() for p in parts) == full
    # A sharded run that lost its last shards: --resume writes only what is missing, each id once.
    parts = sorted((tmp_path / "shards").glob("part-*.jsonl"))
    for p in parts[len(parts) // 2 :]:
        p.unlink()
    result = _vnner("extract", *inputs, "-o", f"{tmp_path}/shards/", *dask, "--resume", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    resumed = b"".join(p.read_bytes() for p in sorted((tmp_path / "shards").glob("part-*.jsonl")))
    assert sorted(_ids(resumed)) == sorted(ids) and sorted(resumed.splitlines()) == sorted(full.splitlines())
