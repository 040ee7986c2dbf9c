import random

import spacy
from spacy.training import Example

import vnner.pipeline.tokenizer  # noqa: F401
from vnner.training.augment import create_augmenter, variant

TEXT = (
    "Phát biểu tại hội nghị, đồng chí Đinh Văn Hùng, Bí thư Huyện ủy Kim Sơn, nhấn mạnh yêu cầu.\n\n"
    "Hội nghị kết nạp 12 đảng viên."
)
ENTS = [(33, 46, "OFFICIAL"), (55, 71, "ORG"), (110, 122, "QUANTITY")]


def spans(text, ents):
    return sorted((text[s:e], lab) for s, e, lab in ents)


def test_reorder_puts_the_name_after_title_and_body_without_comma():
    assert [TEXT[s:e] for s, e, _ in ENTS] == ["Đinh Văn Hùng", "Huyện ủy Kim Sơn", "12 đảng viên"]
    text, ents = variant(TEXT, ENTS, random.Random(0), reorder=1, dash=0, upper=0, furniture=0, furniture_lines=[])
    assert "đồng chí" not in text
    assert "Bí thư Huyện ủy Kim Sơn Đinh Văn Hùng nhấn mạnh" in text
    assert spans(text, ents) == spans(TEXT, ENTS)


def test_dash_and_furniture_keep_every_span_on_its_words():
    text, ents = variant(
        TEXT, ENTS, random.Random(0), reorder=0, dash=1, upper=0, furniture=1, furniture_lines=["Quang cảnh hội nghị."]
    )
    assert "Đinh Văn Hùng - Bí thư" in text and "Quang cảnh hội nghị.\n\n" in text
    assert spans(text, ents) == spans(TEXT, ENTS)


def test_augmenter_yields_the_original_and_a_valid_variant():
    nlp = spacy.blank("xx")
    nlp.tokenizer = spacy.util.registry.tokenizers.get("vnner.VietnameseTokenizer.v1")()(nlp)
    ref = nlp.make_doc(TEXT)
    ref.ents = [ref.char_span(s, e, label=lab) for s, e, lab in ENTS]
    example = Example(nlp.make_doc(TEXT), ref)
    out = list(create_augmenter(level=1.0, reorder=1.0, dash=0, upper=0, furniture=0)(nlp, example))
    assert out[0] is example and len(out) == 2
    assert sorted((e.text, e.label_) for e in out[1].reference.ents) == spans(TEXT, ENTS)
