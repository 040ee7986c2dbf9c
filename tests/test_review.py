"""Merging annotators' files and building review records (no server; the doccano round trip is in
test_doccano_team.py).
"""

from vnner.labelling.doccano.pull import combine as combine_pulled
from vnner.labelling.review import agreed_predictor, annotator_name, combine, to_inputs

T1 = "Ban Thường vụ Tỉnh ủy họp với 15 đảng viên."
T2 = "Huyện ủy Gio Linh kết nạp 215 đảng viên."
T3 = "Chỉ thị 05 được ban hành."
ORG1, Q1 = [0, 21, "ORG"], [30, 42, "QUANTITY"]
ORG2, Q2 = [0, 17, "ORG"], [26, 39, "QUANTITY"]


def test_agreed_and_single_documents_merge_disputed_ones_go_to_review():
    ana = [{"id": "d1", "text": T1, "label": [ORG1, Q1]}, {"id": "d2", "text": T2, "label": [ORG2, Q2]}]
    binh = [
        {"id": "d1", "text": T1, "label": [Q1]},
        {"id": "d2", "text": T2, "label": [Q2, ORG2]},
        {"id": "d3", "text": T3, "label": []},
    ]
    result = combine({"ana": ana, "binh": binh})
    assert (result.agreed, result.single) == (1, 1)
    assert [(r["id"], r["label"], r["meta"]["annotators"]) for r in result.merged] == [
        ("d2", [ORG2, Q2], ["ana", "binh"]),
        ("d3", [], ["binh"]),
    ]
    [disputed] = result.disputed
    assert disputed["id"] == "d1" and disputed["label"] == [Q1]
    assert disputed["meta"]["annotations"] == {"ana": [ORG1, Q1], "binh": [Q1]}
    [record] = to_inputs(result.disputed)
    assert record.meta["version of ana"] == "ORG «Ban Thường vụ Tỉnh ủy» 0-21"
    assert record.meta["version of binh"] == "(only the agreed spans)"
    assert agreed_predictor(result.disputed)([T1]) == [
        [{"start": 30, "end": 42, "label": "QUANTITY", "text": "15 đảng viên"}]
    ]


def test_annotator_name_from_meta_else_file_name(tmp_path):
    assert (
        annotator_name(tmp_path / "x.jsonl", [{"meta": {"annotator": "ana"}}, {"meta": {"annotator": "ana"}}]) == "ana"
    )
    assert annotator_name(tmp_path / "binh.jsonl", [{"meta": {}}]) == "binh"


def test_a_team_pull_keeps_each_version_and_marks_disagreement():
    def rec(spans, name):
        return {
            "id": "d1",
            "text": T1,
            "label": spans,
            "meta": {"annotator": name, "doccano": {"project": "p", "example": 1, "confirmed": True}},
        }

    record = combine_pulled({"binh": rec([Q1], "binh"), "ana": rec([ORG1, Q1], "ana")})
    assert record["label"] == [Q1] and record["meta"]["disagreement"] is True
    assert record["meta"]["annotations"] == {"ana": [ORG1, Q1], "binh": [Q1]} and record["meta"]["annotators"] == [
        "ana",
        "binh",
    ]
    same = combine_pulled({"ana": rec([ORG1, Q1], "ana"), "binh": rec([Q1, ORG1], "binh")})
    assert same["meta"]["disagreement"] is False and same["label"] == [ORG1, Q1]
