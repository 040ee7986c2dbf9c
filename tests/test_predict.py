from vnner.pipeline.predict import chunks, predict


def test_chunks_point_into_the_text_and_skip_boilerplate(raw_texts):
    text = raw_texts["hungyen-city-party-2015-2020"]
    pieces = list(chunks(text))
    assert all(text[off : off + len(piece)] == piece for off, piece in pieces)
    assert not any(piece.startswith("Hôm nay") or piece.startswith("• Kim Động") for _, piece in pieces)


def test_long_lines_are_cut_at_spaces():
    text = "đảng viên " * 2000
    pieces = list(chunks(text, max_chars=500))
    assert all(len(p) <= 500 for _, p in pieces)
    assert "".join(p for _, p in pieces) == text.rstrip("\n")


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
