"""Property-based tests (issue #7): for any text, the pipeline's spans are exact, sorted and disjoint."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnner.facts import enrich
from vnner.pipeline.predict import predict
from vnner.text import normalize

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậằắẳẵặèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
WORDS = st.sampled_from(
    [
        "Đảng",
        "bộ",
        "Huyện",
        "ủy",
        "uỷ",
        "Thanh",
        "Oai",
        "Bí",
        "thư",
        "Nghị",
        "quyết",
        "Trung",
        "ương",
        "4",
        "(khóa",
        "XII)",
        "trên",
        "15.000",
        "14,5%",
        "78/89",
        "đồng",
        "chí",
        "UBND",
        "tỉnh",
        ",",
        ".",
        "\n",
        "hai",
        "lớp",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " .,;:%/-()\n0123456789", max_size=300),
    st.lists(WORDS, max_size=60).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_entities_are_exact_sorted_and_disjoint(nlp, raw):
    text = normalize(raw)
    (ents,) = predict(nlp, [text])
    enriched, officials = enrich(text, ents)
    previous_end = 0
    for e in enriched:
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["start"] >= previous_end
        previous_end = e["end"]
    for person in officials:
        for s, e in person["mentions"]:
            assert 0 <= s < e <= len(text)


@given(st.text())
def test_normalisation_never_raises(raw):
    assert isinstance(normalize(raw), str)
