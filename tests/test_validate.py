import json

from typer.testing import CliRunner

from vnner.cli import app
from vnner.labelling.validate import span_problems, validate_files


def _write(path, lines):
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_clean_file_counts_labels(tmp_path):
    rec = {"id": "a", "text": "Huyện ủy có 12 đảng viên", "label": [[0, 8, "ORG"], [12, 24, "QUANTITY"]]}
    report = validate_files([_write(tmp_path / "a.jsonl", [json.dumps(rec, ensure_ascii=False).encode()])])
    assert report.ok and report.counts == {"ORG": 1, "QUANTITY": 1}


def test_every_problem_is_named_with_file_and_line(tmp_path):
    lines = [
        b'{"id": "1", "text": "abc", "label": [[0, 3, "PERSON"]]}',
        b'{"id": "2", "text": "abc", "label": [[0, 9, "ORG"]]}',
        b'{"id": "3", "text": "a bc", "label": [[0, 2, "ORG"]]}',
        b'{"id": "4", "text": "abcd", "label": [[0, 3, "ORG"], [2, 4, "ORG"]]}',
        b"not json",
        b'{"id": "6", "text": "\xff"}',
        json.dumps({"id": "7", "text": "Hu\u0079\u0323\u0302n"}).encode(),
        b'{"id": "1", "text": "x", "label": []}',
    ]
    report = validate_files([_write(tmp_path / "bad.jsonl", lines)])
    reasons = {p.line: p.reason for p in report.problems}
    assert "PERSON" in reasons[1]
    assert "out of range" in reasons[2]
    assert "white space" in reasons[3]
    assert "overlaps" in reasons[4]
    assert "not valid JSON" in reasons[5]
    assert "not UTF-8" in reasons[6]
    assert "NFC" in reasons[7]
    assert "duplicate id" in reasons[8]
    assert all(p.path.endswith("bad.jsonl") for p in report.problems)


def test_span_may_end_on_closing_parenthesis_and_percent():
    text = "Nghị quyết Trung ương 4 (khóa XII) đạt 14,5%"
    assert span_problems(text, [[0, 34, "RESOLUTION"], [39, 44, "QUANTITY"]]) == []


def test_cli_exits_nonzero_on_errors_without_traceback(tmp_path):
    bad = _write(tmp_path / "bad.jsonl", [b'{"id": "1", "text": "abc", "label": [[0, 3, "X"]]}'])
    result = CliRunner().invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.output and "Traceback" not in result.output


def test_cli_passes_on_the_project_annotations(root):
    files = sorted(str(p) for p in (root / "annotations").glob("*.jsonl"))
    result = CliRunner().invoke(app, ["validate", *files])
    assert result.exit_code == 0, result.output
