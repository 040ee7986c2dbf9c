import io
import json
from pathlib import Path

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


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def test_a_binary_file_is_not_a_text_file(tmp_path):
    """A PNG given as a document (or as JSONL) is named for what it is, not reported as bad UTF-8 at byte 0."""
    (tmp_path / "photo.png").write_bytes(PNG)
    (tmp_path / "photo.jsonl").write_bytes(PNG)
    (tmp_path / "blob.txt").write_bytes(b"abc\x00\x01\x02def")
    (tmp_path / "utf16.txt").write_bytes("Huyện ủy".encode("utf-16"))
    (tmp_path / "latin.txt").write_bytes("Hà Tĩnh, café".encode("latin-1", errors="replace"))
    recs = {
        Path(r.source).name: r
        for r in iter_inputs([str(tmp_path / n) for n in sorted(p.name for p in tmp_path.iterdir())])
    }
    assert recs["photo.png"].error == "not a text file (a PNG image): give UTF-8 text, as .txt files or JSONL"
    assert recs["photo.jsonl"].error.startswith("not a text file (a PNG image)") and recs["photo.jsonl"].line is None
    assert recs["blob.txt"].error.startswith("not a text file (binary data")
    assert recs["utf16.txt"].error.startswith("UTF-16 text, not UTF-8")
    assert recs["latin.txt"].error.startswith("not valid UTF-8 (")  # text in another encoding stays "not UTF-8"


def test_a_broken_jsonl_line_names_the_real_fault_once(tmp_path):
    """An unterminated string is reported as such (the line end is not part of the JSON), without "at at"."""
    jl = tmp_path / "broken.jsonl"
    jl.write_bytes(
        b'{"id": "1", "text": "Huy\xe1\xbb\x87n \xe1\xbb\xa7y h\xe1\xbb\x8dp.}\n{"id": 2, "text": "a\\tb"}\r\n'
    )
    first, second = iter_inputs([str(jl)])
    assert first.error == "not valid JSON (Unterminated string starting at column 21)"
    assert second.error is None and second.text == "a\tb"  # the next line, with a CRLF line end, is fine
    from vnner.io.jsonl import parse_lines

    ((_, _, reason),) = parse_lines(io.BytesIO(b'{"text": "a\x01b"}\n'))
    assert reason == "not valid JSON (Invalid control character at column 12)" and "at at" not in reason
