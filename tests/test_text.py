import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vnner.text import fold_tones, normalize


def test_normalize_composes_nfd_input():
    nfd = unicodedata.normalize("NFD", "Huyện ủy Thanh Oai")
    assert normalize(nfd) == "Huyện ủy Thanh Oai"


def test_normalize_removes_html_controls_and_invisibles():
    assert normalize("Đảng bộ<br>xã &amp; phường\r\nA\x00B\u200bC") == "Đảng bộ\nxã & phường\nA BC"


def test_normalize_keeps_tone_placement_and_nbsp():
    # The guidelines: keep the text as it is apart from NFC.
    assert normalize("Huyện uỷ\u00a0khoá XII") == "Huyện uỷ\u00a0khoá XII"


def test_fold_tones_unifies_old_and_new_placement():
    assert fold_tones("Huyện uỷ") == fold_tones("Huyện ủy") == "Huyện ủy"
    assert fold_tones("khoá XII") == "khóa XII"
    assert fold_tones("Hoà Bình, THUỶ") == "Hòa Bình, THỦY"


def test_fold_tones_leaves_qu_and_closed_syllables():
    assert fold_tones("quý hoàn thành khuyến") == "quý hoàn thành khuyến"


@given(st.text())
def test_normalize_never_raises_and_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_fold_tones_keeps_length(text):
    text = unicodedata.normalize("NFC", text)
    assert len(fold_tones(text)) == len(text)
