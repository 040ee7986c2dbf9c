"""The annotated corpus meets issue #3's bar and its splits keep a real article out of training."""

from vnner.labelling.annotations import load
from vnner.labels import LABELS


def test_corpus_size_and_label_coverage(root):
    records = [r for split in ("train", "dev", "test") for r in load(root / "annotations" / f"{split}.jsonl")]
    counts = {label: sum(1 for r in records for s in r["label"] if s[2] == label) for label in LABELS}
    assert sum(counts.values()) >= 1500
    assert all(n >= 200 for n in counts.values()), counts


def test_splits_are_by_document_and_test_holds_an_unseen_real_article(root):
    splits = {s: load(root / "annotations" / f"{s}.jsonl") for s in ("train", "dev", "test")}
    ids = {s: {r["id"] for r in recs} for s, recs in splits.items()}
    assert not ids["train"] & ids["test"] and not ids["train"] & ids["dev"] and not ids["dev"] & ids["test"]
    real_test = [r for r in splits["test"] if not r["meta"]["composed"]]
    assert real_test
    train_texts = {r["text"] for r in splits["train"]}
    assert all(r["text"] not in train_texts for r in real_test)
    assert all(
        r["meta"]["composed"] is True for recs in splits.values() for r in recs if r["meta"].get("source") == "composed"
    )


def test_a_weighted_document_counts_several_times_in_training(tmp_path):
    import json

    import spacy
    from spacy.tokens import DocBin

    import vnner.pipeline.tokenizer  # noqa: F401
    from vnner.training.corpus import to_docbin

    nlp = spacy.blank("xx")
    nlp.tokenizer = spacy.util.registry.tokenizers.get("vnner.VietnameseTokenizer.v1")()(nlp)
    path = tmp_path / "a.jsonl"
    records = [
        {"id": "real", "text": "Huyện ủy Thanh Oai họp.", "label": [[0, 18, "ORG"]], "meta": {"weight": 3}},
        {"id": "composed", "text": "Đảng bộ huyện họp.", "label": [], "meta": {}},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    to_docbin(nlp, [path], tmp_path / "w.spacy", weighted=True)
    to_docbin(nlp, [path], tmp_path / "u.spacy")
    assert len(DocBin().from_disk(tmp_path / "w.spacy")) == 4
    assert len(DocBin().from_disk(tmp_path / "u.spacy")) == 2


def test_boilerplate_lines_carry_no_annotation_in_training():
    import spacy

    import vnner.pipeline.tokenizer  # noqa: F401
    from vnner.training.corpus import AlignmentReport, record_to_doc

    nlp = spacy.blank("xx")
    nlp.tokenizer = spacy.util.registry.tokenizers.get("vnner.VietnameseTokenizer.v1")()(nlp)
    text = (
        "Huyện ủy họp về xây dựng Đảng.\n\nTin liên quan\n"
        "• Hải Hậu tổng kết công tác xây dựng Đảng năm 2023 (22/12/2023)"
    )
    body = text.index("Đảng")
    doc = record_to_doc(nlp, {"text": text, "label": [[0, 8, "ORG"], [body, body + 4, "ORG"]]}, AlignmentReport())
    related = doc.char_span(text.index("• Hải"), len(text))
    assert {t.ent_iob_ for t in related} == {""}  # missing, not "O"
    assert [e.text for e in doc.ents] == ["Huyện ủy", "Đảng"]
    assert doc[2].ent_iob_ == "O"
