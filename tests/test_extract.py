import json

import pytest
from typer.testing import CliRunner

from vnner.cli import app
from vnner.io.inputs import iter_inputs
from vnner.io.writer import run


@pytest.fixture
def docs(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan phát biểu.", "source": "x"},
        {"id": "b", "text": "Đảng bộ Thành phố Hưng Yên kết nạp 712 đảng viên mới."},
        {"id": "c", "text": "Thực hiện Nghị quyết Trung ương 4 (khóa XII), có trên 97% đảng viên tham gia."},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return src


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_output_schema_offsets_and_order(nlp, docs, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run(iter_inputs([str(docs)]), out, nlp=nlp)
    lines = _lines(out)
    assert [d["id"] for d in lines] == ["a", "b", "c"] and summary.documents == 3 and summary.errors == 0
    for d in lines:
        assert set(d) >= {"id", "text", "sentences", "entities", "officials"}
        for e in d["entities"]:
            assert d["text"][e["start"] : e["end"]] == e["text"]
        for s, e in d["sentences"]:
            assert 0 <= s < e <= len(d["text"])
    assert lines[0]["meta"] == {"source": "x"}
    assert ("Bùi Hoàng Phan", "OFFICIAL") in {(e["text"], e["label"]) for e in lines[0]["entities"]}
    assert ("712 đảng viên", "QUANTITY") in {(e["text"], e["label"]) for e in lines[1]["entities"]}


def test_nfd_input_gives_nfc_text_and_consistent_offsets(nlp, tmp_path):
    import unicodedata

    src = tmp_path / "nfd.txt"
    src.write_text(unicodedata.normalize("NFD", "Huyện uỷ Sông Lô kiểm tra 59 tổ chức đảng."), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run(iter_inputs([str(src)]), out, nlp=nlp)
    (doc,) = _lines(out)
    assert doc["text"] == unicodedata.normalize("NFC", doc["text"])
    assert all(doc["text"][e["start"] : e["end"]] == e["text"] for e in doc["entities"])


def test_bad_records_go_to_the_errors_file_and_the_rest_goes_on(nlp, tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_bytes(
        b'{"id": "1", "text": "Huy\xe1\xbb\x87n \xe1\xbb\xa7y h\xe1\xbb\x8dp."}\n'
        b"\xff\xfe\n"
        b'{"id": "1", "text": "again"}\n'
        b'{"id": "4", "text": null}\n'
        b'{"id": "5", "text": ""}\n'
    )
    out = tmp_path / "out.jsonl"
    summary = run(iter_inputs([str(src)]), out, nlp=nlp)
    errors = _lines(tmp_path / "out.errors.jsonl")
    assert [d["id"] for d in _lines(out)] == ["1", "5"]
    assert [e["line"] for e in errors] == [2, 3, 4]
    assert summary.documents + summary.errors == 5


def test_resume_repairs_a_torn_line_and_skips_done_ids(nlp, docs, tmp_path):
    out = tmp_path / "out.jsonl"
    run(iter_inputs([str(docs)]), out, nlp=nlp)
    full = out.read_bytes()
    first = full.split(b"\n")[0] + b"\n"
    out.write_bytes(first + full.split(b"\n")[1][:20])  # killed mid-way through the second line
    summary = run(iter_inputs([str(docs)]), out, nlp=nlp, resume=True)
    assert summary.skipped == 1 and summary.documents == 2
    assert out.read_bytes() == full


def test_two_workers_give_the_same_output(docs, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(iter_inputs([str(docs)] * 1), one, workers=1)
    run(iter_inputs([str(docs)] * 1), two, workers=2)
    assert one.read_bytes() == two.read_bytes()


def test_cli_extract_exit_status_and_summary(docs, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(docs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(_lines(out)) == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "x", "text": 3}\n')
    result = CliRunner().invoke(app, ["extract", str(bad), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_cli_extract_missing_model_is_a_clear_error(docs, tmp_path):
    result = CliRunner().invoke(
        app, ["extract", str(docs), "-o", str(tmp_path / "o.jsonl"), "--model", str(tmp_path / "none")]
    )
    assert result.exit_code == 2 and "no vnner model" in result.output


def test_words_option_adds_segmented_words(nlp, docs, tmp_path):
    out = tmp_path / "out.jsonl"
    run(iter_inputs([str(docs)]), out, nlp=nlp, words=True)
    doc = _lines(out)[0]
    words = [doc["text"][s:e] for s, e in doc["words"]]
    assert "Bí thư" in words


# --- issue 13: what a newcomer trips over ---------------------------------------------------


def test_an_output_that_is_an_input_is_refused_and_the_input_is_unchanged(docs, tmp_path, monkeypatch):
    before = docs.read_bytes()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "link.jsonl").symlink_to(docs)
    (tmp_path / "hard.jsonl").hardlink_to(docs)
    for args in (
        [str(docs), "-o", str(docs)],
        ["in.jsonl", "-o", "./in.jsonl"],
        [str(docs), "-o", "link.jsonl"],
        ["link.jsonl", "-o", "hard.jsonl"],
        [str(docs), "-o", "out.jsonl", "--errors", str(docs)],
        [str(docs), "-o", str(docs), "--resume"],
        [str(tmp_path), "-o", str(tmp_path / "inside.jsonl")],  # would be read back from the folder while written
    ):
        result = CliRunner().invoke(app, ["extract", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "is the input" in result.output or "inside the input folder" in result.output
    assert docs.read_bytes() == before
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "inside.jsonl").exists()


def test_a_missing_input_is_a_usage_error_and_creates_no_file(docs, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(docs), str(tmp_path / "nope.txt"), "-o", str(out)])
    assert result.exit_code == 2 and "nope.txt" in result.output
    assert list(tmp_path.iterdir()) == [docs]


def test_options_an_engine_cannot_honour_are_refused(docs, tmp_path):
    out = tmp_path / "out.jsonl"
    for args, says in (
        (["--engine", "dask", "--workers", "2"], "--workers"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--engine", "spark"], "unknown --engine"),
        (["--errors", str(out)], "is the output file"),
    ):
        result = CliRunner().invoke(app, ["extract", str(docs), "-o", str(out), *args])
        assert result.exit_code == 2 and says in result.output, (args, result.output)
    result = CliRunner().invoke(app, ["extract", str(docs), "-o", f"{tmp_path}/"])
    assert result.exit_code == 2 and "sharded output needs --engine dask" in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == [docs]


def test_dash_writes_jsonl_to_standard_output_and_the_summary_to_standard_error(docs, tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "vnner", "extract", str(docs), "-o", "-"], capture_output=True, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert [d["id"] for d in lines] == ["a", "b", "c"]
    assert b"3 documents" in proc.stderr and b"standard output" in proc.stderr
    assert list(tmp_path.iterdir()) == [docs]  # no file named "-", no errors file


def test_the_summary_says_how_many_more_records_failed(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps({"id": f"x{i}", "text": i}) + "\n" for i in range(4)), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(bad), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1
    assert "4 records failed" in result.output and "… and 1 more" in result.output
    assert result.output.count('"reason"') == 3


def test_meta_is_on_every_line_even_without_input_fields(nlp, tmp_path):
    (tmp_path / "t.txt").write_text("Huyện ủy Thanh Oai họp.", encoding="utf-8")
    plain = tmp_path / "p.jsonl"
    plain.write_text(json.dumps({"id": "p", "text": "Đảng bộ họp."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    import io

    run(
        iter_inputs([str(tmp_path / "t.txt"), str(plain), "-"], stdin=io.BytesIO("Tỉnh ủy họp.".encode())), out, nlp=nlp
    )
    assert [(d["id"], d["meta"]) for d in _lines(out)] == [("t", {}), ("p", {}), ("stdin", {})]


def _probe_pipeline(nlp, seen: list):
    """The bundled pipeline with two test components at its end: one records each document it sees,
    one breaks on a marker."""
    from spacy.language import Language

    if "vnner_test_probe" not in Language.factories:

        @Language.component("vnner_test_probe")
        def probe(doc):
            Language._vnner_test_seen.append(len(doc.text))
            return doc

        @Language.component("vnner_test_breaker")
        def breaker(doc):
            if "NỔ_TUNG" in doc.text:
                raise ValueError("a component broke on this record")
            return doc

    Language._vnner_test_seen = seen
    import copy

    fresh = copy.deepcopy(nlp)
    fresh.add_pipe("vnner_test_breaker", last=True)
    fresh.add_pipe("vnner_test_probe", last=True)
    return fresh


def test_one_record_that_breaks_the_pipeline_is_the_only_error(nlp):
    from vnner.io.extract import Extractor
    from vnner.io.inputs import InputRecord

    seen: list = []
    broken = _probe_pipeline(nlp, seen)
    texts = ["Huyện ủy Thanh Oai kết nạp 12 đảng viên.", "NỔ_TUNG ở đây", "Tỉnh ủy Nghệ An họp."]
    records = [InputRecord(id=f"r{i}", text=t, source="test", line=i + 1) for i, t in enumerate(texts)]
    outcomes = Extractor(broken).batch(records)
    assert [o.id for o in outcomes] == ["r0", "r1", "r2"]
    assert outcomes[0].line and outcomes[2].line and outcomes[1].error
    assert "a component broke on this record" in outcomes[1].error


def test_records_before_a_slow_one_come_out_before_it_is_done(nlp):
    from vnner.io.extract import Extractor
    from vnner.io.inputs import InputRecord

    seen: list = []
    probed = _probe_pipeline(nlp, seen)
    huge = "Đảng bộ xã kết nạp 12 đảng viên " * 8_000  # one unbroken line of about 260 kB
    texts = ["Huyện ủy Thanh Oai kết nạp 12 đảng viên.", "Tỉnh ủy Nghệ An họp.", huge]
    records = [InputRecord(id=f"r{i}", text=t, source="test", line=i + 1) for i, t in enumerate(texts)]
    stream = Extractor(probed).stream(records)
    first = next(stream)
    assert first.id == "r0" and first.line
    assert max(seen) < 1000, "the huge record went through the whole pipeline before the first line came out"
    assert [o.id for o in stream] == ["r1", "r2"]


def test_a_png_as_input_is_not_a_text_file_and_leaves_no_output(tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(png), "-o", str(out)])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "not a text file (a PNG image)" in text and "nothing written" in text
    assert not out.exists()  # an empty output file would pass for a result
    (error,) = _lines(tmp_path / "out.errors.jsonl")
    assert error["source"] == str(png) and error["reason"].startswith("not a text file")


class _Poisoned:
    """The real pipeline, except that a batch holding the poison text fails as a whole (as a component that
    crashes on one document makes nlp.pipe fail for its whole batch)."""

    def __init__(self, nlp, poison: str):
        self.nlp, self.poison = nlp, poison

    def pipe(self, texts):
        texts = list(texts)
        if any(self.poison in t for t in texts):
            raise RuntimeError("component crashed")
        return self.nlp.pipe(texts)


def test_a_record_that_breaks_its_batch_is_isolated_and_the_others_are_extracted(nlp, docs):
    """The batch is retried one record at a time: the good records' lines, one error for the bad one."""
    from vnner.io.extract import Extractor

    records = [r for r in iter_inputs([str(docs)])]
    expected = Extractor(nlp).batch(records)
    outcomes = Extractor(_Poisoned(nlp, "712 đảng viên")).batch(records)
    assert [o.id for o in outcomes] == ["a", "b", "c"]
    assert [o.line for o in outcomes] == [expected[0].line, None, expected[2].line]
    assert outcomes[0].line is not None and outcomes[2].line is not None
    assert json.loads(outcomes[1].error)["reason"] == "processing failed: RuntimeError: component crashed"
