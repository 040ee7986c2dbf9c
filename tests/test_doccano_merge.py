"""Pieces of the round trip that need no server: merging a pull, offset conversion, push's bookkeeping."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vnner.labelling.doccano.offsets import from_utf16, to_utf16
from vnner.labelling.doccano.pull import PullReport, content_hash, merge
from vnner.labelling.doccano.push import META_ID, META_PENDING, Doc, Index, PushReport, _todo, _user_meta, text_sha1

TEXT = "Huyện ủy Thanh Oai có 712 đảng viên"


def pulled(doc_id: str, spans: list, text: str = TEXT) -> dict:
    record = {"id": doc_id, "text": text, "label": spans, "meta": {}}
    record["meta"]["doccano"] = {"project": "p", "example": 1, "confirmed": True, "pulled": content_hash(record)}
    return record


def test_merge_adds_updates_untouched_records_and_keeps_local_edits():
    local = [
        pulled("same", [[0, 18, "ORG"]]),
        pulled("changed-remotely", [[0, 18, "ORG"]]),
        {**pulled("edited-here", [[0, 18, "ORG"]]), "label": [[0, 8, "ORG"]]},  # edited after the pull
        {"id": "never-pulled", "text": TEXT, "label": [], "meta": {}},
        {"id": "local-only", "text": TEXT, "label": [], "meta": {}},
    ]
    remote = [
        pulled("same", [[0, 18, "ORG"]]),
        pulled("changed-remotely", [[0, 18, "ORG"], [22, 35, "QUANTITY"]]),
        pulled("edited-here", [[22, 35, "QUANTITY"]]),
        pulled("never-pulled", [[0, 18, "ORG"]]),
        pulled("new", [[0, 18, "ORG"]]),
    ]
    report = PullReport()
    merged = merge(local, remote, report)
    by_id = {r["id"]: r for r in merged}
    assert [r["id"] for r in merged] == ["same", "changed-remotely", "edited-here", "never-pulled", "local-only", "new"]
    assert report.unchanged == ["same"] and report.changed == ["changed-remotely"] and report.added == ["new"]
    assert report.conflicts == ["edited-here", "never-pulled"] and report.local_only == 1
    assert by_id["changed-remotely"]["label"] == [[0, 18, "ORG"], [22, 35, "QUANTITY"]]
    assert by_id["edited-here"]["label"] == [[0, 8, "ORG"]]  # local work kept
    assert by_id["never-pulled"]["label"] == []


def test_merge_with_overwrite_takes_doccanos_version_and_says_so():
    local = [{**pulled("d", [[0, 18, "ORG"]]), "label": [[0, 8, "ORG"]]}]
    report = PullReport()
    merged = merge(local, [pulled("d", [[22, 35, "QUANTITY"]])], report, overwrite=True)
    assert merged[0]["label"] == [[22, 35, "QUANTITY"]] and report.overwritten == ["d"] and not report.conflicts


def test_a_record_pulled_then_merged_again_is_stable():
    record = pulled("d", [[22, 35, "QUANTITY"], [0, 18, "ORG"]])
    report = PullReport()
    assert merge([record], [record], report) == [record] and report.unchanged == ["d"]
    assert content_hash(record) == content_hash({**record, "label": [[0, 18, "ORG"], [22, 35, "QUANTITY"]]})


@given(st.text(alphabet=st.sampled_from(["a", "ư", "Đ", " ", "😀", "𠀀", "\u0301"]), max_size=30))
def test_offsets_convert_both_ways_like_utf16(text):
    units = text.encode("utf-16-le")
    for i in range(len(text) + 1):
        j = to_utf16(text, i)
        assert j == len(text[:i].encode("utf-16-le")) // 2
        assert from_utf16(text, j) == i
    for j in range(len(units) // 2 + 1):
        i = from_utf16(text, j)
        low_surrogate = 0xDC00 <= int.from_bytes(units[2 * j : 2 * j + 2], "little") <= 0xDFFF
        assert (i is None) == low_surrogate


def test_vietnamese_offsets_are_the_same_in_python_and_in_the_browser():
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", TEXT))
    assert all(to_utf16(text, i) == i for i in range(len(text) + 1))


def test_push_meta_flattens_select_output_and_drops_labels_and_vnner_keys():
    meta = {"source": "a.jsonl:3", "label": [[0, 1, "ORG"]], "meta": {"uncertainty": 0.2, "vnner_pending": True}}
    assert _user_meta(meta) == {"source": "a.jsonl:3", "uncertainty": 0.2}


def test_push_plans_only_new_or_unfinished_documents():
    index = Index()
    index.add({"id": 1, "text": TEXT, "meta": {META_ID: "old"}})
    index.add({"id": 2, "text": "Văn bản khác", "meta": {META_ID: "pending", META_PENDING: True}})
    docs = [
        Doc("old", TEXT, text_sha1(TEXT), {}),
        Doc("renamed", TEXT, text_sha1(TEXT), {}),  # same text under another id
        Doc("pending", "Văn bản khác", text_sha1("Văn bản khác"), {}),
        Doc("old", "Một văn bản mới", text_sha1("Một văn bản mới"), {}),  # same id, other text
        Doc("new", "Chỉ thị 05", text_sha1("Chỉ thị 05"), {}),
        Doc("twin", "Chỉ thị 05", text_sha1("Chỉ thị 05"), {}),  # same text twice in one push
    ]
    report = PushReport()
    todo = list(_todo(docs, index, report, pre_annotate=True))
    assert [(d.id, d.example) for d in todo] == [("pending", 2), ("new", None)]
    assert report.present == ["old", "renamed", "twin"]
    assert len(report.conflicts) == 1 and report.conflicts[0].startswith("old: doccano example 1")
