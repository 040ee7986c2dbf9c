from vnner.pipeline.segment import sentence_spans, tokenize, word_positions, words_of


def test_tokens_keep_vietnamese_number_formats_and_document_numbers():
    text = "trên 15.000 lượt, 14,5% và 78/89 đồng chí theo Quyết định số 865-QĐ/TU (khóa XII), T.Ư 4."
    words = [t.text for t in tokenize(text)]
    for expected in ["15.000", "14,5%", "78/89", "865-QĐ/TU", "T.Ư", "(", "khóa", "XII", ")", "."]:
        assert expected in words
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))


def test_word_positions_give_word_features():
    words = ["Ban", "Thường", "vụ", "Huyện", "ủy", "có", "đảng", "viên"]
    positions = word_positions(words)
    assert len(positions) == len(words)
    assert positions[words.index("Thường")] == "B" and positions[words.index("vụ")] == "E"
    assert words_of(words, positions)[words.index("đảng")] == "đảng_viên"


def test_word_positions_survive_whitespace_tokens():
    assert len(word_positions(["a", " ", "", "\n\n  ", "b"])) == 5


def test_sentence_spans_split_on_line_breaks_and_full_stops():
    text = "Huyện ủy họp. Ban Thường vụ chỉ đạo\nLê Thảo"
    spans = sentence_spans(text, tokenize(text))
    assert [text[s:e] for s, e in spans] == ["Huyện ủy họp.", "Ban Thường vụ chỉ đạo", "Lê Thảo"]


def test_sentence_spans_do_not_split_inside_numbers():
    text = "Kết nạp 1.234 đảng viên. Đạt 14,5%."
    assert [text[s:e] for s, e in sentence_spans(text, tokenize(text))] == ["Kết nạp 1.234 đảng viên.", "Đạt 14,5%."]


def test_word_spans_cover_syllables_and_join_compounds():
    from vnner.pipeline.segment import word_spans

    text = "Ban Thường vụ Huyện ủy"
    words = [text[s:e] for s, e in word_spans(text)]
    assert "Thường vụ" in words and "".join(words).replace(" ", "") == text.replace(" ", "")
