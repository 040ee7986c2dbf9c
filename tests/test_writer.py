"""The output writer both engines use: resume, errors, summary, meta, streams, usage errors."""

from __future__ import annotations

import io
import json

import pytest

from vnner.io.extract import Outcome
from vnner.io.inputs import InputRecord, iter_inputs
from vnner.io.writer import OutputError, Shards, default_errors_path, ensure_meta, run, write


def _records(n: int) -> list[InputRecord]:
    return [InputRecord("mem", i + 1, id=f"d{i}", text=f"văn bản {i}") for i in range(n)]


def _engine(todo, shards):
    """Lines that say which record they came from; every third record fails; two warnings each."""
    for rec in todo:
        if int(rec.id[1:]) % 3 == 2:
            yield Outcome(rec.id, error=json.dumps({"id": rec.id, "reason": "test failure"}))
        else:
            yield Outcome(
                rec.id,
                line=json.dumps({"id": rec.id, "text": rec.text, "warnings": ["a", "b"]}),
                entities=1,
                warnings=2,
            )


def test_summary_counts_documents_entities_warnings_errors_and_skipped(tmp_path):
    out = tmp_path / "out.jsonl"
    summary = write(_records(6), _engine, out)
    assert (summary.documents, summary.entities, summary.warnings, summary.errors) == (4, 4, 8, 2)
    assert len((tmp_path / "out.errors.jsonl").read_text().splitlines()) == 2
    again = write(_records(9), _engine, out, resume=True)
    assert (again.skipped, again.documents, again.errors) == (6, 2, 1)
    ids = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    assert ids == ["d0", "d1", "d3", "d4", "d6", "d7"]  # each id once, done lines kept in front


def test_every_output_line_has_a_meta_object():
    assert json.loads(ensure_meta('{"id": "x"}'))["meta"] == {}
    kept = '{"id": "x", "meta": {"url": "u"}}'
    assert ensure_meta(kept) == kept


def test_a_stream_gets_the_lines_and_resume_to_a_stream_is_refused():
    out, err = io.BytesIO(), io.BytesIO()
    summary = write(_records(3), _engine, out, errors=err)
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == ["d0", "d1"]
    assert json.loads(err.getvalue())["id"] == "d2" and summary.errors == 1
    with pytest.raises(OutputError, match="standard output"):
        write(_records(1), _engine, io.BytesIO(), errors=io.BytesIO(), resume=True)


def test_the_local_engine_refuses_a_folder(tmp_path, nlp):
    with pytest.raises(OutputError, match="--engine dask"):
        run(iter_inputs([]), f"{tmp_path}/shards/", nlp=nlp)
    with pytest.raises(OutputError, match="--engine dask"):
        run(iter_inputs([]), tmp_path, nlp=nlp)


def test_default_errors_path_for_files_and_folders():
    assert default_errors_path("a/out.jsonl") == "a/out.errors.jsonl"
    assert default_errors_path("a/shards/") == "a/shards.errors.jsonl"
    assert default_errors_path("-") is None


def test_shards_resume_cuts_torn_lines_and_numbers_new_shards_after_old_ones(tmp_path):
    folder = tmp_path / "shards"
    Shards.write(f"{folder}/part-00000.jsonl", ['{"id": "a"}', '{"id": "b"}'])
    (folder / "part-00001.jsonl").write_bytes(b'{"id": "c"}\n{"id": "d", "te')
    shards = Shards(str(folder))
    assert shards.resume() == {"a", "b", "c"}
    assert (folder / "part-00001.jsonl").read_bytes() == b'{"id": "c"}\n'
    assert shards.name(0).endswith("part-00002.jsonl")


def test_a_new_run_into_a_folder_replaces_the_old_shards(tmp_path):
    folder = tmp_path / "shards"
    for n in range(3):
        Shards.write(f"{folder}/part-{n:05d}.jsonl", ['{"id": "old"}'])

    def engine(todo, shards):
        lines = []
        for rec in todo:
            lines.append(json.dumps({"id": rec.id}))
            yield Outcome(rec.id, line="")
        Shards.write(shards.name(0), lines)

    summary = write(_records(2), engine, f"{folder}/")
    assert summary.documents == 2
    assert [p.name for p in sorted(folder.iterdir())] == ["part-00000.jsonl"]
    assert (folder / "part-00000.jsonl").read_text().splitlines() == ['{"id": "d0"}', '{"id": "d1"}']
