"""A batch of hostile records (issue #7): every record is an output line or an error line."""

import json
import unicodedata

from vnner.io.inputs import iter_inputs
from vnner.io.writer import run


def test_hostile_records_never_stop_the_batch(nlp, tmp_path):
    long_doc = ("Đảng bộ xã Tân Lập kết nạp 12 đảng viên " * 6000).strip()  # ~240 kB, no punctuation
    lines = [
        b"\xc3\x28 invalid utf-8",
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "blank", "text": " \n\t "}).encode(),
        json.dumps({"text": "no id"}).encode(),
        json.dumps({"id": "dup", "text": "Huyện ủy họp."}).encode(),
        json.dumps({"id": "dup", "text": "again"}).encode(),
        json.dumps({"id": "list", "text": ["not", "a", "string"]}).encode(),
        json.dumps({"id": "long", "text": long_doc}, ensure_ascii=False).encode(),
        json.dumps(
            {"id": "nfd", "text": unicodedata.normalize("NFD", "Huyện uỷ Sông Lô")}, ensure_ascii=False
        ).encode(),
        json.dumps({"id": "html", "text": "<p>Ban Thường vụ Tỉnh ủy&nbsp;họp</p><script>x</script>"}).encode(),
        json.dumps({"id": "ctrl", "text": "Đảng\x00bộ\x07 xã\u200b Tân\x1bLập"}, ensure_ascii=False).encode(),
        b"{broken json",
        json.dumps({"id": 7, "text": "numeric id"}).encode(),
    ]
    src = tmp_path / "hostile.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    summary = run(iter_inputs([str(src)]), out, nlp=nlp)
    outputs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(outputs) + len(errors) == len(lines)
    assert summary.documents == len(outputs) and summary.errors == len(errors)
    assert {e["line"] for e in errors} == {1, 4, 6, 7, 12}
    assert all(e["reason"] and e["source"].endswith("hostile.jsonl") for e in errors)
    by_id = {d["id"]: d for d in outputs}
    assert by_id["long"]["entities"], "a long unpunctuated document is still tagged"
    assert by_id["nfd"]["text"] == "Huyện uỷ Sông Lô"
    assert "<" not in by_id["html"]["text"] and "\x00" not in by_id["ctrl"]["text"]
    for d in outputs:
        assert all(d["text"][e["start"] : e["end"]] == e["text"] for e in d["entities"])
