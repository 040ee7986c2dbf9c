from vnner.pipeline.line_ner import tagged_pieces
from vnner.pipeline.predict import predict
from vnner.pipeline.tokenizer import line_pieces


def test_the_ner_pieces_point_into_the_text_and_skip_boilerplate(nlp, raw_texts):
    text = raw_texts["hungyen-city-party-2015-2020"]
    doc = nlp(text)
    pieces = [doc[s:e].text for s, e in tagged_pieces(doc)]
    assert all(piece in text for piece in pieces)
    assert not any(piece.startswith("Hôm nay") or piece.startswith("• Kim Động") for piece in pieces)


def test_long_lines_are_cut_at_spaces():
    text = "đảng viên " * 2000
    pieces = list(line_pieces(text, max_chars=500))
    assert all(e - s <= 500 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text


def test_entities_are_exact_substrings_and_boilerplate_is_untagged(nlp, raw_texts):
    texts = list(raw_texts.values())
    for text, ents in zip(texts, predict(nlp, texts)):
        assert ents, "the default model finds entities in a real article"
        for e in ents:
            assert text[e["start"] : e["end"]] == e["text"]
    hungyen = raw_texts["hungyen-city-party-2015-2020"]
    (ents,) = predict(nlp, [hungyen])
    footer = hungyen.index("Bài viết khác")
    editor = hungyen.index("Trưởng ban biên tập")
    assert not [e for e in ents if footer <= e["start"] < editor], "link lists produce no entities"
    assert not [e for e in ents if e["start"] > hungyen.index("Website Ban Dân Vận")] or all(
        e["start"] < hungyen.index("Địa chỉ:") for e in ents if e["start"] > hungyen.index("Website Ban Dân Vận")
    )


def test_empty_texts_keep_their_place(nlp):
    out = list(predict(nlp, ["", "Huyện ủy Thanh Oai kết nạp 12 đảng viên.", "   \n"]))
    assert len(out) == 3 and out[0] == [] and out[2] == []
    assert {e["label"] for e in out[1]} >= {"ORG", "QUANTITY"}
