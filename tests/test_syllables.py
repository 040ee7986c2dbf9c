import unicodedata

from vnner.pipeline.syllables import tokenize


def test_tokens_keep_vietnamese_number_formats_and_document_numbers():
    text = "trên 15.000 lượt, 14,5% và 78/89 đồng chí theo Quyết định số 865-QĐ/TU (khóa XII), T.Ư 4."
    words = [t.text for t in tokenize(text)]
    for expected in ["15.000", "14,5%", "78/89", "865-QĐ/TU", "T.Ư", "(", "khóa", "XII", ")", "."]:
        assert expected in words
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))


def test_a_per_unit_slash_between_lower_case_words_is_cut():
    words = [t.text for t in tokenize("1.200.000 đồng/người/tháng, trên 100 ca/100.000 dân")]
    assert words[:6] == ["1.200.000", "đồng", "/", "người", "/", "tháng"]
    assert words[-4:-1] == ["ca", "/", "100.000"]


def test_identifiers_and_abbreviations_keep_their_slash():
    words = [t.text for t in tokenize("Đ/c Lê, QĐ/TU, 15/QĐ-UBND, 78/89")]
    assert {"Đ/c", "QĐ/TU", "15/QĐ-UBND", "78/89"} <= set(words)


def test_a_name_glued_to_its_title_is_cut_off():
    assert [t.text for t in tokenize("Đại tướngNguyễn Văn A")] == ["Đại", "tướng", "Nguyễn", "Văn", "A"]
    assert [t.text for t in tokenize("iPhone eKYC")] == ["iPhone", "eKYC"]


def test_nfd_text_gives_the_tokens_of_its_nfc_form():
    nfc = "Đại tướngNguyễn Khối, 1.200 đồng/người; Quyết định số 865-QĐ/TU"
    nfd = unicodedata.normalize("NFD", nfc)
    ours = [unicodedata.normalize("NFC", t.text) for t in tokenize(nfd)]
    assert ours == [t.text for t in tokenize(nfc)]
    assert all(nfd[t.start : t.end] == t.text for t in tokenize(nfd))


def test_invisible_characters_stay_inside_their_word():
    text = "Huyện\u200b ủy Kim\u00adsơn"
    assert [t.text for t in tokenize(text)] == ["Huyện\u200b", "ủy", "Kim\u00adsơn"]


def test_a_credit_is_cut_at_its_slash_between_outlet_and_name():
    """ "Ảnh: VGP/Trần Hải", "Lâm Khánh/TTXVN": the outlet and the name are tokens of their own."""
    assert [t.text for t in tokenize("Ảnh: VGP/Trần Hải")] == ["Ảnh", ":", "VGP", "/", "Trần", "Hải"]
    assert [t.text for t in tokenize("Lâm Khánh/TTXVN")] == ["Lâm", "Khánh", "/", "TTXVN"]
    assert [t.text for t in tokenize("Số 45-KH/TU, 15/QĐ-UBND")][:2] == ["Số", "45-KH/TU"]
