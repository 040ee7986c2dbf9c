import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import vnner.pipeline.tokenizer  # noqa: F401
from vnner.text import normalize


def _nlp():
    return spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnner.VietnameseTokenizer.v1"}}})


NLP = _nlp()


def test_doc_text_is_input_and_features_are_set():
    text = "Bí thư Huyện uỷ\n\n  Bùi Hoàng Phan  phát biểu. "
    doc = NLP(text)
    assert doc.text == text
    by_text = {t.text: t for t in doc}
    assert by_text["uỷ"].norm_ == "ủy"
    assert by_text["Huyện"].lemma_ == "huyện_ủy"
    assert {t.tag_ for t in doc} <= {"B", "I", "E", "S"}


def test_tokenizer_round_trips_through_pickle():
    import pickle

    tok = pickle.loads(pickle.dumps(NLP.tokenizer))
    assert tok("Đảng bộ xã").text == "Đảng bộ xã"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_tokenizes_to_itself(text):
    text = normalize(text)
    assert NLP(text).text == text
