import io
import json

from vnner.io.inputs import iter_inputs


def test_txt_folder_jsonl_and_stdin(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "b.txt").write_text("Huyện ủy", encoding="utf-8")
    (tmp_path / "docs" / "a.txt").write_text("Đảng bộ", encoding="utf-8")
    jl = tmp_path / "x.jsonl"
    jl.write_text(
        json.dumps({"id": "j1", "text": "Thành ủy", "source": "web"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    recs = list(iter_inputs([str(tmp_path / "docs"), str(jl), "-"], stdin=io.BytesIO("Tỉnh ủy".encode())))
    assert [(r.id, r.text) for r in recs] == [
        ("a", "Đảng bộ"),
        ("b", "Huyện ủy"),
        ("j1", "Thành ủy"),
        ("stdin", "Tỉnh ủy"),
    ]
    assert recs[2].meta == {"source": "web"}


def test_bad_records_become_errors_with_place(tmp_path):
    jl = tmp_path / "bad.jsonl"
    jl.write_bytes(
        b'{"id": "1", "text": "ok"}\n{"id": "2", "text": "\xff\xfe"}\n'.replace(b'"\xff\xfe"', b'"x"')
        + b"\xff\xfe bad\n"
        b'{"text": "no id"}\n'
        b'{"id": "1", "text": "again"}\n'
        b'{"id": "5", "text": 42}\n'
        b"[1, 2]\n"
    )
    recs = list(iter_inputs([str(jl)]))
    errors = {r.line: r.error for r in recs if r.error}
    assert "UTF-8" in errors[3]
    assert "missing" in errors[4]
    assert "duplicate id" in errors[5]
    assert "not a string" in errors[6]
    assert "not a JSON object" in errors[7]
    assert [r.id for r in recs if not r.error] == ["1", "2"]


def test_missing_path_is_an_error_record(tmp_path):
    (rec,) = iter_inputs([str(tmp_path / "nope.txt")])
    assert rec.error == "no such file or folder"


def test_ids_from_a_folder_are_paths_relative_to_it(tmp_path):
    for sub in ("a", "b/c"):
        (tmp_path / "docs" / sub).mkdir(parents=True)
        (tmp_path / "docs" / sub / "report.txt").write_text(f"Huyện ủy {sub}", encoding="utf-8")
    (tmp_path / "docs" / "top.txt").write_text("Tỉnh ủy", encoding="utf-8")
    recs = list(iter_inputs([str(tmp_path / "docs"), str(tmp_path / "docs" / "a" / "report.txt")]))
    assert [(r.id, r.error) for r in recs[:3]] == [("a/report", None), ("b/c/report", None), ("top", None)]
    assert recs[3].id == "report" and recs[3].error is None  # a file given by itself: its name


def test_missing_inputs_are_found_before_reading(tmp_path):
    from vnner.io.inputs import missing_inputs

    (tmp_path / "here.txt").write_text("x", encoding="utf-8")
    specs = [str(tmp_path / "here.txt"), str(tmp_path / "gone.txt"), "-", "memory://x/*.jsonl"]
    assert missing_inputs(specs) == [str(tmp_path / "gone.txt")]
