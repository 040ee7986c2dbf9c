import spacy

from vnner.pipeline.sentences import sentence_spans, text_sentences


def _nlp():
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnner.VietnameseTokenizer.v1"}}})
    nlp.add_pipe("vnner_sentences", name="sentences")
    return nlp


NLP = _nlp()


def test_sentences_split_on_line_breaks_and_full_stops():
    text = "Huyện ủy họp. Ban Thường vụ chỉ đạo\nLê Thảo"
    doc = NLP(text)
    expected = ["Huyện ủy họp.", "Ban Thường vụ chỉ đạo", "Lê Thảo"]
    assert [text[s:e] for s, e in sentence_spans(doc)] == expected
    assert [s.text.strip() for s in doc.sents] == expected
    assert [text[s:e] for s, e in text_sentences(text)] == expected


def test_sentences_do_not_split_inside_numbers_or_before_lower_case():
    text = "Kết nạp 1.234 đảng viên. Đạt 14,5%. theo đó; tiếp"
    doc = NLP(text)
    assert [text[s:e] for s, e in sentence_spans(doc)] == ["Kết nạp 1.234 đảng viên.", "Đạt 14,5%. theo đó; tiếp"]
    assert text_sentences(text) == sentence_spans(doc)


def test_blank_lines_and_leading_space_make_no_sentence():
    text = "\n\n  Một.\n\n\nHai"
    doc = NLP(text)
    assert [text[s:e] for s, e in sentence_spans(doc)] == ["Một.", "Hai"]
    assert text_sentences(text) == sentence_spans(doc)


def test_a_dotted_short_form_does_not_end_a_sentence():
    text = "UBND TP. Đà Nẵng họp. TS. Lê Văn A phát biểu."
    assert [text[s:e] for s, e in sentence_spans(NLP(text))] == ["UBND TP. Đà Nẵng họp.", "TS. Lê Văn A phát biểu."]


def test_a_full_stop_inside_a_number_does_not_end_a_sentence():
    text = "Theo Quyết định số 1.234/QĐ-UBND ngày 2/3. Tỉnh họp."
    doc = NLP(text)
    assert [text[s:e] for s, e in sentence_spans(doc)] == ["Theo Quyết định số 1.234/QĐ-UBND ngày 2/3.", "Tỉnh họp."]
    assert text_sentences(text) == sentence_spans(doc)
