"""`vnner select`: the uncertainty score, the diversity step and the command's output."""

from __future__ import annotations

import json
import math
import os
import stat

import pytest
from typer.testing import CliRunner

from vnner.cli import app
from vnner.io.inputs import iter_inputs
from vnner.labelling.annotations import load, write_records
from vnner.labelling.doccano.push import PushReport, _docs
from vnner.labelling.select import best_parse_prob, diverse_top, uncertainty

NEWS = [
    "Huyện ủy Thanh Oai tổ chức hội nghị sơ kết Chương trình 01 với 712 đảng viên tham dự.",
    "Ban Thường vụ Thành ủy Hưng Yên ban hành Chỉ thị 05 về học tập và làm theo tư tưởng đạo đức.",
    "Đồng chí Bùi Hoàng Phan phát biểu chỉ đạo tại lớp bồi dưỡng cho 179 học viên.",
    "Trên 97% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trong năm qua.",
]


@pytest.fixture(scope="module")
def tiny_model(root, tmp_path_factory):
    """A barely trained NER: enough for beam search to give probabilities, fast to make."""
    from vnner.training.train import train

    folder = tmp_path_factory.mktemp("select")
    data = folder / "data.jsonl"
    write_records(data, load(root / "annotations" / "dev.jsonl")[:2])
    train(
        root / "configs" / "ner.cfg",
        [data],
        [data],
        folder / "model",
        overrides={"training.max_steps": 10},
        log=lambda _: None,
    )
    return folder / "model"


def test_best_parse_prob_adds_up_beam_states_with_the_same_parse():
    parses = [(0.3, [(0, 2, "ORG")]), (0.25, [(0, 2, "ORG")]), (0.45, [])]
    assert best_parse_prob(parses) == pytest.approx(0.55)
    assert best_parse_prob([]) == 1.0


def test_diversity_takes_one_document_per_group_of_near_duplicates():
    texts = [
        "Huyện ủy Thanh Oai họp sơ kết nghị quyết về công tác cán bộ",
        "Huyện ủy Thanh Oai họp sơ kết nghị quyết về công tác cán bộ năm nay",
        "Huyện ủy Thanh Oai họp sơ kết nghị quyết về công tác cán bộ trong tháng",
        "Tỉnh đoàn tổ chức giải bóng đá thanh niên mùa hè",
        "Tỉnh đoàn tổ chức giải bóng đá thanh niên mùa hè sôi nổi",
        "Giá lúa gạo tại đồng bằng sông Cửu Long tăng nhẹ",
    ]
    scores = [0.9, 0.89, 0.88, 0.8, 0.79, 0.5]
    assert diverse_top(texts, scores, 3, pool_factor=1) == [0, 1, 2]  # plain top 3: all the same story
    assert diverse_top(texts, scores, 3, pool_factor=2) == [0, 3, 5]
    assert diverse_top(texts, scores, 10) == [0, 1, 2, 3, 4, 5]


def test_uncertainty_is_a_length_normalised_score_per_document(tiny_model):
    from vnner.model import load_model

    nlp = load_model(tiny_model)
    texts = [*NEWS, "", "   \n  "]
    scored = list(uncertainty(nlp, texts, batch_size=2))
    assert len(scored) == len(texts)
    assert all(math.isfinite(s) and s >= 0 for s, _ in scored)
    assert scored[-2:] == [(0.0, 0), (0.0, 0)]  # nothing to tag, nothing to be unsure about
    assert all(n > 10 for _, n in scored[:4])
    alone = [next(uncertainty(nlp, [t])) for t in NEWS]
    assert [s for s, _ in alone] == pytest.approx([s for s, _ in scored[:4]], rel=1e-4)


def test_select_writes_the_top_k_as_input_for_push(tiny_model, tmp_path):
    pool = tmp_path / "pool.jsonl"
    rows = [{"id": f"n{i}", "text": text, "url": f"https://example.org/{i}"} for i, text in enumerate(NEWS)]
    rows.append({"id": "copy", "text": NEWS[0]})  # the same article again
    pool.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    done = tmp_path / "labelled.jsonl"
    write_records(done, [{"id": "n3", "text": "đã gán nhãn", "label": []}])
    out = tmp_path / "next.jsonl"

    result = CliRunner().invoke(
        app, ["select", str(pool), "--model", str(tiny_model), "-k", "2", "-o", str(out), "--exclude", str(done)]
    )
    assert result.exit_code == 0, result.output
    assert "2 of 3 documents selected" in " ".join(result.output.split())
    chosen = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(chosen) == 2 and {c["id"] for c in chosen} <= {"n0", "n1", "n2"}
    assert [c["meta"]["select_rank"] for c in chosen] == [1, 2]
    assert chosen[0]["meta"]["uncertainty"] >= chosen[1]["meta"]["uncertainty"]
    assert chosen[0]["meta"]["url"].startswith("https://example.org/")

    docs = list(_docs(iter_inputs([str(out)]), PushReport()))
    assert [d.id for d in docs] == [c["id"] for c in chosen]
    assert {"uncertainty", "select_rank", "url", "selected_from"} <= set(docs[0].meta)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()  # an output like any other, not a secret


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_written_records_get_the_usual_mode_and_a_replaced_file_keeps_its_own(tmp_path):
    """next.jsonl and corrected.jsonl are data: 0644 under umask 022 (mkstemp alone makes 0600); a file the
    user closed (0600) stays closed when it is rewritten."""
    old = os.umask(0o022)
    try:
        new = tmp_path / "corrected.jsonl"
        write_records(new, [{"id": "a", "text": "x", "label": []}])
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        private = tmp_path / "private.jsonl"
        private.write_text("", encoding="utf-8")
        private.chmod(0o600)
        write_records(private, [{"id": "a", "text": "x", "label": []}])
        assert stat.S_IMODE(private.stat().st_mode) == 0o600 and load(private)[0]["id"] == "a"
    finally:
        os.umask(old)


def test_select_without_a_model_says_how_to_get_one(tmp_path):
    result = CliRunner().invoke(
        app,
        ["select", "-", "--model", str(tmp_path / "none"), "-k", "1", "-o", str(tmp_path / "o.jsonl")],
        input="văn bản",
    )
    assert result.exit_code == 2 and "no vnner model" in result.output and not (tmp_path / "o.jsonl").exists()


def test_select_takes_a_folder_of_txt_files_like_extract(tiny_model, tmp_path):
    pool = tmp_path / "pool"
    for i, text in enumerate(NEWS):
        (pool / f"batch{i % 2}").mkdir(parents=True, exist_ok=True)
        (pool / f"batch{i % 2}" / f"news{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "next.jsonl"
    result = CliRunner().invoke(app, ["select", str(pool), "--model", str(tiny_model), "-k", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    chosen = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(chosen) == 2 and all(c["id"].startswith("batch") and "/news" in c["id"] for c in chosen)


def test_select_refuses_to_overwrite_an_input_or_read_a_missing_one(tmp_path):
    pool = tmp_path / "pool.jsonl"
    pool.write_text(json.dumps({"id": "a", "text": NEWS[0]}, ensure_ascii=False) + "\n", encoding="utf-8")
    before = pool.read_bytes()
    for args in (["-o", str(pool)], ["-o", str(tmp_path / "o.jsonl"), "--exclude", str(tmp_path / "o.jsonl")]):
        result = CliRunner().invoke(app, ["select", str(pool), "-k", "1", *args])
        assert result.exit_code == 2, result.output
    assert pool.read_bytes() == before
    result = CliRunner().invoke(
        app, ["select", str(tmp_path / "gone.jsonl"), "-k", "1", "-o", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 2 and "gone.jsonl" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pool.jsonl"]


def test_exclusions_and_candidates_skip_labelled_empty_and_repeated_documents():
    from vnner.io.inputs import InputRecord
    from vnner.labelling.select import candidates, exclusions

    done = exclusions([InputRecord("l.jsonl", 1, id="old", text="đã gán nhãn")])
    recs = [
        InputRecord("p", 1, id="old", text="khác"),  # excluded by id
        InputRecord("p", 2, id="x", text="đã gán nhãn"),  # excluded by text
        InputRecord("p", 3, id="y", text="  "),  # empty
        InputRecord("p", 4, id="z", text="mới"),
        InputRecord("p", 5, id="z2", text="mới"),  # the same text again
        InputRecord("p", 6, error="not valid JSON"),
    ]
    pool = candidates(recs, done)
    assert [r.id for r in pool.records] == ["z"] and pool.skipped == 4 and len(pool.problems) == 1
