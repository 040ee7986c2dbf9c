"""vnner agreement on hand-made pairs whose counts are known."""

import json

from typer.testing import CliRunner

from vnner.cli import app
from vnner.labelling.agreement import compare, token_labels

T1 = "Ban Thường vụ Tỉnh ủy họp với 15 đảng viên."
T2 = "Đồng chí Nguyễn Văn An, Bí thư Huyện ủy Gio Linh."
T3 = "Nghị quyết số 05 được ban hành."


def sp(text, surface, label):
    start = text.index(surface)
    return [start, start + len(surface), label]


A = [
    {"id": "d1", "text": T1, "label": [sp(T1, "Ban Thường vụ Tỉnh ủy", "ORG"), sp(T1, "15 đảng viên", "QUANTITY")]},
    {"id": "d2", "text": T2, "label": [sp(T2, "Nguyễn Văn An", "OFFICIAL"), sp(T2, "Huyện ủy Gio Linh", "ORG")]},
    {"id": "d3", "text": T3, "label": [sp(T3, "Nghị quyết số 05", "RESOLUTION")]},
]
B = [
    {"id": "d1", "text": T1, "label": [sp(T1, "Tỉnh ủy", "ORG"), sp(T1, "15 đảng viên", "QUANTITY")]},  # boundary
    {
        "text": T2,
        "label": [sp(T2, "Huyện ủy Gio Linh", "ORG"), sp(T2, "Nguyễn Văn An", "OFFICIAL")],
    },  # no id: matched by text
    {"id": "d3", "text": T3, "label": [sp(T3, "Nghị quyết số 05", "ORG")]},  # label
]


def write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_counts_f1_and_disagreements_of_a_known_pair():
    result = compare(A, B)
    assert result["documents"] == 3 and result["unmatched"] == []
    assert result["labels"]["ORG"] == {"a": 2, "b": 3, "both": 1, "f1": 0.4}
    assert result["labels"]["OFFICIAL"] == {"a": 1, "b": 1, "both": 1, "f1": 1.0}
    assert result["labels"]["QUANTITY"] == {"a": 1, "b": 1, "both": 1, "f1": 1.0}
    assert result["labels"]["RESOLUTION"] == {"a": 1, "b": 0, "both": 0, "f1": 0.0}
    assert result["micro"] == {"a": 5, "b": 5, "both": 3, "f1": 0.6}
    got = {(d["doc"], d["only_in"], d["label"], d["text"]) for d in result["disagreements"]}
    assert got == {
        ("d1", "a", "ORG", "Ban Thường vụ Tỉnh ủy"),
        ("d1", "b", "ORG", "Tỉnh ủy"),
        ("d3", "a", "RESOLUTION", "Nghị quyết số 05"),
        ("d3", "b", "ORG", "Nghị quyết số 05"),
    }
    d1 = next(d for d in result["disagreements"] if d["doc"] == "d1" and d["only_in"] == "b")
    assert d1["other"] == [sp(T1, "Ban Thường vụ Tỉnh ủy", "ORG")] and "[Tỉnh ủy]" in d1["context"]


def test_kappa_over_tokens_matches_a_hand_count():
    from sklearn.metrics import cohen_kappa_score

    assert token_labels(T1, [tuple(sp(T1, "Tỉnh ủy", "ORG"))]) == [
        "O",
        "O",
        "O",
        "ORG",
        "ORG",
        "O",
        "O",
        "O",
        "O",
        "O",
        "O",
    ]
    a = (
        token_labels(T1, [tuple(s) for s in A[0]["label"]])
        + token_labels(T2, [tuple(s) for s in A[1]["label"]])
        + token_labels(T3, [tuple(s) for s in A[2]["label"]])
    )
    b = (
        token_labels(T1, [tuple(s) for s in B[0]["label"]])
        + token_labels(T2, [tuple(s) for s in B[1]["label"]])
        + token_labels(T3, [tuple(s) for s in B[2]["label"]])
    )
    # By hand: T1 differs on "Ban Thường vụ" (3 tokens), T3 on its 4 resolution tokens.
    assert sum(x != y for x, y in zip(a, b)) == 7
    result = compare(A, B)
    assert result["kappa"] == round(cohen_kappa_score(a, b), 4) and 0 < result["kappa"] < 1
    assert result["tokens"] == len(a)


def test_a_file_against_itself_agrees_perfectly():
    result = compare(A, A)
    assert result["kappa"] == 1.0 and result["micro"]["f1"] == 1.0 and result["disagreements"] == []


def test_unmatched_documents_are_reported_not_compared():
    result = compare(A, B[:2] + [{"id": "d9", "text": "Khác hẳn.", "label": []}])
    assert result["documents"] == 2
    assert "d3: only in the first file" in result["unmatched"] and "d9: only in the second file" in result["unmatched"]


def test_cli_json_and_table(tmp_path):
    a, b = write(tmp_path / "a.jsonl", A), write(tmp_path / "b.jsonl", B)
    result = CliRunner().invoke(app, ["agreement", str(a), str(b), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["documents"] == 3 and out["micro"]["f1"] == 0.6 and out["labels"]["ORG"]["f1"] == 0.4
    same = json.loads(CliRunner().invoke(app, ["agreement", str(a), str(a), "--json"]).output)
    assert same["kappa"] == 1.0
    table = CliRunner().invoke(app, ["agreement", str(a), str(b)])
    assert table.exit_code == 0 and "Cohen's kappa" in table.output and "only B: ORG 'Tỉnh ủy'" in table.output


def test_cli_refuses_files_without_shared_documents(tmp_path):
    a = write(tmp_path / "a.jsonl", A[:1])
    b = write(tmp_path / "b.jsonl", [{"id": "x", "text": "Khác hẳn.", "label": []}])
    result = CliRunner().invoke(app, ["agreement", str(a), str(b)])
    assert result.exit_code == 2 and "share no document" in " ".join(result.output.split())
