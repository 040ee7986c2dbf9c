import spacy

from vnner.pipeline.words import word_positions, word_spans_of, words_of


def test_word_positions_give_word_features():
    words = ["Ban", "Thường", "vụ", "Huyện", "ủy", "có", "đảng", "viên"]
    positions = word_positions(words)
    assert len(positions) == len(words)
    assert positions[words.index("Thường")] == "B" and positions[words.index("vụ")] == "E"
    assert words_of(words, positions)[words.index("đảng")] == "đảng_viên"


def test_word_positions_survive_whitespace_tokens():
    assert len(word_positions(["a", " ", "", "\n\n  ", "b"])) == 5


def test_words_component_gives_word_spans_of_the_document():
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnner.VietnameseTokenizer.v1"}}})
    nlp.add_pipe("vnner_words", name="words")
    text = "Ban Thường vụ Huyện ủy\nhọp"
    doc = nlp(text)
    words = [text[s:e] for s, e in doc._.words]
    assert "Thường vụ" in words and "".join(words).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert [list(s) for s in word_spans_of(doc)] == doc._.words
