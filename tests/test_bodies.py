"""The known-bodies component on its own: names, spellings and short forms from a registry."""

from __future__ import annotations

import copy

import pytest
import spacy

from vnner import registry


def make(bodies: dict | None = None, feature: bool = True):
    tokenizer = {"@tokenizers": "vnner.VietnameseTokenizer.v1", "segment": False}
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": tokenizer}})
    nlp.add_pipe("vnner_bodies", config={"feature": feature})
    nlp.get_pipe("vnner_bodies").initialize(registry=bodies)
    return nlp


@pytest.fixture(scope="module")
def nlp():
    return make()


def marked(doc) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in doc.spans["bodies"]]


def test_names_spellings_and_short_forms_are_marked(nlp):
    doc = nlp("Ủy ban nhân dân tỉnh Sơn La làm việc với Bộ Tài chính và EVN.")
    assert ("Ủy ban nhân dân tỉnh Sơn La", "BODY") in marked(doc)
    assert ("Bộ Tài chính", "BODY") in marked(doc)
    assert ("EVN", "SHORT") in marked(doc)


def test_a_local_head_takes_its_place_but_not_a_person(nlp):
    assert ("UBND TP. Đà Nẵng", "SHORT") in marked(nlp("UBND TP. Đà Nẵng ban hành kế hoạch."))
    doc = nlp("Giám đốc Sở Tài chính Lê Văn Hòa phát biểu.")
    assert ("Sở Tài chính", "BODY") in marked(doc)


def test_lower_case_words_are_not_bodies(nlp):
    assert marked(nlp("Lực lượng công an và thanh tra vào cuộc.")) == []


def test_tone_placement_does_not_matter(nlp):
    assert marked(nlp("Uỷ ban nhân dân huyện Thanh Oai họp."))[0][0] == "Uỷ ban nhân dân huyện Thanh Oai"


def test_feature_tags_are_set_only_with_feature_on(nlp):
    doc = nlp("Bộ Tài chính và EVN ký kết.")
    assert [t.tag_ for t in doc][:3] == ["B-BODY", "I-BODY", "I-BODY"]
    assert doc[doc.text.split().index("EVN")].tag_ == "SHORT"
    off = make(feature=False)("Bộ Tài chính và EVN ký kết.")
    assert all(t.tag_ == "" for t in off) and marked(off)


def test_the_registry_given_is_the_one_used_and_is_saved(tmp_path):
    mine = copy.deepcopy(registry.default())
    mine["bodies"].append(
        {"name": "Hợp tác xã Nông nghiệp Đồng Tâm", "short": ["HTX-ĐT"], "kind": "enterprise", "level": "central"}
    )
    nlp = make(mine)
    text = "Hợp tác xã Nông nghiệp Đồng Tâm và HTX-ĐT ký kết."
    assert [label for _, label in marked(nlp(text))] == ["BODY", "SHORT"]
    assert marked(make()(text)) == []  # vnner's own registry does not know it
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    assert marked(again(text)) == marked(nlp(text))
