"""The abbreviation component on its own: Schwartz–Hearst on Vietnamese syllables, per document."""

from __future__ import annotations

import pytest
import spacy

from vnner.pipeline.abbreviations import Abbreviations, base_letters, is_short_form, long_form
from vnner.pipeline.tokenizer import VietnameseTokenizer


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("xx")
    nlp.tokenizer = VietnameseTokenizer(nlp.vocab, segment=False)
    return nlp


def found(blank, text: str, feature: bool = False):
    doc = Abbreviations(feature=feature)(blank.make_doc(text))
    return doc, {a["short"]: a["long"] for a in doc._.abbreviations}


def test_base_letters_drop_marks_and_read_d_bar_as_d():
    assert base_letters("Đồng Hới") == "dong hoi"
    assert base_letters("Ủy ban") == "uy ban"


@pytest.mark.parametrize("text", ["KBNN", "HĐND", "UBMTTQ", "TTXVN", "LĐLĐ", "BCĐ"])
def test_short_forms(text):
    assert is_short_form(text)


@pytest.mark.parametrize("text", ["XII", "Kho", "A", "ABCDEFGHIJKLMN", "2024", "ha"])
def test_not_short_forms(text):
    assert not is_short_form(text)


def test_long_form_takes_the_words_the_letters_start():
    words = ["năm", "nay", "Kho", "bạc", "Nhà", "nước"]
    assert long_form("KBNN", words) == 4
    assert long_form("HĐND", ["kỳ", "họp", "của", "Hội", "đồng", "nhân", "dân"]) == 4
    assert long_form("TKV", ["Tập", "đoàn", "Công", "nghiệp", "Than", "Khoáng", "sản", "Việt", "Nam"]) is not None
    assert long_form("XYZ", ["Kho", "bạc", "Nhà", "nước"]) is None


def test_a_short_form_defined_in_brackets_is_found_with_its_long_form(blank):
    text = "Kho bạc Nhà nước (KBNN) tỉnh Sơn La đã giải ngân. Năm nay KBNN đã kiểm soát chi."
    doc, pairs = found(blank, text)
    assert pairs == {"KBNN": "Kho bạc Nhà nước"}
    entry = doc._.abbreviations[0]
    assert text[entry["start"] : entry["end"]] == "Kho bạc Nhà nước"


def test_the_long_form_stops_at_punctuation_and_a_roman_numeral_is_no_short_form(blank):
    text = "Theo Nghị quyết Trung ương 4 (khóa XII), Ủy ban Kiểm tra (UBKT) họp."
    _, pairs = found(blank, text)
    assert pairs == {"UBKT": "Ủy ban Kiểm tra"}
    _, none = found(blank, "Theo kế hoạch, (KBNN) đã họp.")
    assert none == {}


def test_the_first_definition_wins_and_a_bracket_that_does_not_fit_is_ignored(blank):
    text = "Hội đồng nhân dân (HĐND) tỉnh họp. Báo cáo của sở (HĐND) nêu rõ. HĐND tỉnh thông qua."
    _, pairs = found(blank, text)
    assert pairs == {"HĐND": "Hội đồng nhân dân"}
    _, unrelated = found(blank, "Công ty cổ phần Sông Đà (XYZ) ký hợp đồng.")
    assert unrelated == {}


def test_feature_tags_every_use_of_the_short_form(blank):
    text = "Kho bạc Nhà nước (KBNN) tỉnh Sơn La. Năm nay KBNN đã kiểm soát chi."
    doc, _ = found(blank, text, feature=True)
    assert [t.text for t in doc if t.tag_ == "SHORT"] == ["KBNN", "KBNN"]
    plain, _ = found(blank, text, feature=False)
    assert all(t.tag_ == "" for t in plain)


def test_nfd_text_gives_the_same_pairs(blank):
    import unicodedata

    text = "Ủy ban Mặt trận Tổ quốc (UBMTTQ) tỉnh. UBMTTQ tỉnh phát động."
    _, nfc = found(blank, text)
    _, nfd = found(blank, unicodedata.normalize("NFD", text))
    assert nfc == nfd == {"UBMTTQ": "Ủy ban Mặt trận Tổ quốc"}
