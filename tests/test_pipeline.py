"""The spaCy pipeline (`vnner.pipeline.components`): what nlp(text) gives is what `vnner extract` writes."""

from __future__ import annotations

import json

from spacy.util import load_model_from_config

from vnner.io.extract import Extractor
from vnner.io.inputs import InputRecord
from vnner.pipeline.line_ner import tagged_pieces
from vnner.pipeline.predict import entities_of


def _record(i: int, text: str) -> InputRecord:
    return InputRecord(id=f"d{i}", text=text, source="test", line=i)


def test_pipeline_parts_in_order(nlp):
    assert nlp.pipe_names == ["boilerplate", "bodies", "abbreviations", "ner", "edges", "facts", "sentences"]
    assert nlp.disabled == ["words"]
    assert nlp.max_length >= 10_000_000


def test_nlp_agrees_with_extract(nlp, raw_texts):
    texts = list(raw_texts.values())
    outcomes = Extractor(nlp).batch([_record(i, t) for i, t in enumerate(texts)])
    for text, outcome, doc in zip(texts, outcomes, nlp.pipe(texts)):
        line = json.loads(outcome.line)
        assert line["entities"] == entities_of(nlp(text)) == entities_of(doc)
        assert line["officials"] == doc._.officials and line["warnings"] == doc._.warnings
        assert all(e["norm"] is not None for e in line["entities"])


def test_ner_tags_line_pieces_and_skips_boilerplate(nlp, raw_texts):
    text = raw_texts["hungyen-city-party-2015-2020"]
    doc = nlp(text)
    pieces = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in tagged_pieces(doc)]
    assert all(any(s <= e.start_char and e.end_char <= t for s, t in pieces) for e in doc.ents)
    footer = text.index("Bài viết khác")
    assert doc._.boilerplate and any(s == footer for s, _ in doc._.boilerplate)
    assert not [e for e in doc.ents if footer <= e.start_char < text.index("Trưởng ban biên tập")]


def test_a_long_document_equals_its_parts(nlp, raw_texts):
    """A document of many articles gives each article's entities at the shifted offsets."""
    parts = list(raw_texts.values()) * 20
    joined = "\n".join(parts)
    doc = nlp(joined)
    expected, offset = [], 0
    for part, one in zip(parts, nlp.pipe(parts)):
        expected += [(e.start_char + offset, e.end_char + offset, e.label_) for e in one.ents]
        offset += len(part) + 1
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == expected


def test_rule_settings_are_saved_with_the_model(nlp, tmp_path):
    nlp.to_disk(tmp_path / "m")
    settings = json.loads((tmp_path / "m" / "edges" / "settings.json").read_text(encoding="utf-8"))
    settings["boilerplate"]["byline_max_words"] = 0  # no name is a byline any more
    (tmp_path / "m" / "edges" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    from vnner.model import load_model

    changed = load_model(tmp_path / "m")
    assert changed.get_pipe("edges").lists.byline_max_words == 0
    text = "Huyện ủy Thanh Oai kết nạp 12 đảng viên.\nNguyễn Văn An\n"
    names = lambda d: [e.text for e in d.ents if e.label_ == "OFFICIAL"]  # noqa: E731
    assert "Nguyễn Văn An" not in names(nlp(text))
    assert "Nguyễn Văn An" in names(changed(text))


def test_a_config_pipeline_initialises_its_rules_from_configs(nlp):
    fresh = load_model_from_config(nlp.config, auto_fill=True)
    fresh.get_pipe("ner").from_bytes(nlp.get_pipe("ner").to_bytes(exclude=["vocab"]), exclude=["vocab"])
    fresh.vocab.from_bytes(nlp.vocab.to_bytes())
    from spacy.util import registry

    init = registry.resolve(fresh.config["initialize"]["components"])
    for name in ("boilerplate", "bodies", "edges", "facts"):
        fresh.get_pipe(name).initialize(**init[name])
        assert fresh.get_pipe(name).settings == nlp.get_pipe(name).settings
    text = "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan phát biểu."
    assert entities_of(fresh(text)) == entities_of(nlp(text))


def test_a_rule_ending_inside_a_token_splits_it(nlp):
    """The money unit stays and "/tháng" does not: the tokenizer cuts a per-unit slash."""
    text = "Mỗi người được hỗ trợ hơn 18 triệu đồng/tháng trong năm 2024."
    doc = nlp(text)
    quantities = [(e.text, e.start_char, e.end_char) for e in doc.ents if e.label_ == "QUANTITY"]
    assert ("hơn 18 triệu đồng", 22, 39) in quantities
    assert doc.text == text and doc._.warnings == []


def test_the_ner_gemm_setting_changes_speed_not_output(nlp, raw_texts):
    """[components.ner] gemm: numpy's BLAS or blis do the same products; anything else is a clear error."""
    import pytest
    from thinc.api import NumpyOps

    config = nlp.config.copy()
    assert config["components"]["ner"]["gemm"] == "numpy"
    config["components"]["ner"]["gemm"] = "blis"
    other = load_model_from_config(config, auto_fill=True)
    other.from_bytes(nlp.to_bytes())
    ops = {type(node.ops).__name__ for node in nlp.get_pipe("ner").model.walk()}
    assert ops == {"NumpyOps"} and not any(
        node.ops.use_blis for node in nlp.get_pipe("ner").model.walk() if isinstance(node.ops, NumpyOps)
    )
    assert all(node.ops.use_blis for node in other.get_pipe("ner").model.walk())
    for text in raw_texts:
        assert entities_of(other(text)) == entities_of(nlp(text))
    config["components"]["ner"]["gemm"] = "cuda"
    with pytest.raises(ValueError, match="gemm must be one of blis, numpy"):
        load_model_from_config(config, auto_fill=True)


def test_docs_serialise_and_pipe_in_two_processes(nlp, raw_texts):
    """A spaCy user's `nlp.pipe(n_process=2)` and `DocBin` work: vnner keeps no unserialisable state on a Doc."""
    from spacy.tokens import DocBin

    one = [entities_of(doc) for doc in nlp.pipe(raw_texts)]
    assert [entities_of(doc) for doc in nlp.pipe(raw_texts, n_process=2)] == one
    docs = DocBin(store_user_data=True, docs=nlp.pipe(raw_texts)).to_bytes()
    back = list(DocBin().from_bytes(docs).get_docs(nlp.vocab))
    assert [entities_of(doc) for doc in back] == one


def test_two_models_in_one_process_keep_their_own_word_lists(nlp, tmp_path):
    """Settings are per model: a list changed in one saved model changes that model only, whichever loads last."""
    from vnner.facts import parse_quantity
    from vnner.model import load_model

    nlp.to_disk(tmp_path / "a")
    nlp.to_disk(tmp_path / "b")
    for component in ("facts", "edges"):
        path = tmp_path / "b" / component / "settings.json"
        settings = json.loads(path.read_text(encoding="utf-8"))
        settings["vocabulary"]["number_words"]["scales"]["tỷ"] = 1000  # a made-up scale, only in model b
        path.write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    a = load_model(tmp_path / "a")
    b = load_model(tmp_path / "b")
    text = "Tỉnh giải ngân hơn 45 tỷ đồng vốn đầu tư công."

    def values(model):
        return [e._.norm["value"] for e in model(text).ents if e.label_ == "QUANTITY"]

    assert values(a) == [45_000_000_000]
    assert values(b) == [45_000]
    assert values(a) == [45_000_000_000]  # loading and running b did not change a
    assert parse_quantity("hơn 45 tỷ đồng")["value"] == 45_000_000_000  # outside a model: vnner's own lists


def test_nfd_text_gives_the_entities_of_its_nfc_form(nlp, raw_texts):
    import unicodedata

    text = raw_texts["thanhoai-program01-midterm"][:3000]
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    nfc_ents = [(e.text, e.label_, e._.norm) for e in nlp(text).ents]
    doc = nlp(nfd)
    assert doc.text == nfd
    assert [(unicodedata.normalize("NFC", e.text), e.label_, e._.norm) for e in doc.ents] == nfc_ents
    assert [o["name"] for o in doc._.officials] == [o["name"] for o in nlp(text)._.officials]
    for person in doc._.officials:  # mentions point into the text given
        for s, e in person["mentions"]:
            assert unicodedata.normalize("NFC", nfd[s:e]) == person["name"] or person["name"] in unicodedata.normalize(
                "NFC", nfd[s:e]
            )


def test_sentences_work_after_a_plain_spacy_load(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "m")
    plain = spacy.load(tmp_path / "m")
    doc = plain("Huyện ủy họp. Ban Thường vụ chỉ đạo\nLê Thảo")
    assert [s.text.strip() for s in doc.sents] == ["Huyện ủy họp.", "Ban Thường vụ chỉ đạo", "Lê Thảo"]
