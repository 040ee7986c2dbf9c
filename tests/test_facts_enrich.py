"""vnner.facts.enrich: norms for every entity of a real document, and never an exception."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from vnner.facts import enrich
from vnner.labels import LABELS


def test_songlo_document_end_to_end(raw_texts):
    text = raw_texts["songlo-resolution4-changes"]
    wanted = [
        ("Nghị quyết Trung ương 4 (khóa XII)", "RESOLUTION"),
        ("Nghị quyết T.Ư 4", "RESOLUTION"),
        ("Huyện uỷ", "ORG"),
        ("hơn 94%", "QUANTITY"),
        ("Ban Thường vụ Huyện ủy", "ORG"),
        ("Huyện ủy Sông Lô", "ORG"),
    ]
    entities = []
    for surface, label in wanted:
        start = text.index(surface)
        entities.append({"start": start, "end": start + len(surface), "label": label, "text": surface})
    out, officials = enrich(text, entities)
    assert officials == []
    assert [e["norm"] for e in out] == [
        {
            "type": "Nghị quyết",
            "number": None,
            "session": "Trung ương 4",
            "term": "XII",
            "issuer": None,
            "key": "nghị quyết|trung ương 4|xii",
        },
        {
            "type": "Nghị quyết",
            "number": None,
            "session": "Trung ương 4",
            "term": None,
            "issuer": None,
            "key": "nghị quyết|trung ương 4|xii",
        },
        # bare heads take the one full name the document gives (docs/facts.md, bare bodies)
        {"canonical": "Huyện ủy Sông Lô"},
        {"value": 94, "unit": None, "approx": "above", "percent": True, "ratio": None},
        {"canonical": "Ban Thường vụ Huyện ủy Sông Lô"},
        {"canonical": "Huyện ủy Sông Lô"},
    ]
    # input entities are not changed
    assert all("norm" not in e for e in entities)
    json.dumps(out, ensure_ascii=False)


def test_bad_offsets_fall_back_to_the_entity_text():
    out, _ = enrich("ngắn", [{"start": 50, "end": 60, "label": "QUANTITY", "text": "trên 97%"}])
    assert out[0]["norm"] == {"value": 97, "unit": None, "approx": "above", "percent": True, "ratio": None}


def test_garbage_in_nulls_out():
    out, officials = enrich(None, [{"label": "QUANTITY"}, {"label": "ORG", "text": 5}, "x", {"label": 3}])
    assert [e["norm"] for e in out] == [
        {"value": None, "unit": None, "approx": None, "percent": False, "ratio": None},
        {"canonical": None},
        {},
    ]
    assert officials == []
    assert enrich("abc", None) == ([], [])


entity = st.fixed_dictionaries(
    {
        "start": st.one_of(st.integers(-5, 80), st.none(), st.booleans()),
        "end": st.one_of(st.integers(-5, 80), st.text(max_size=3)),
        "label": st.one_of(st.sampled_from(LABELS), st.text(max_size=5)),
        "text": st.one_of(st.text(max_size=40), st.none()),
    }
)
vietnamese = st.text(
    alphabet=st.sampled_from(
        list("abcđĐơưỦủỷuyoáàạ0123456789.,/%-–:;()“” \n\u00a0TƯQĐNHNghịquyếtrungươngkhóaXIIsốcủaBí thư")
    ),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(vietnamese, st.text(max_size=120)), entities=st.lists(entity, max_size=8))
def test_enrich_never_raises(text, entities):
    out, officials = enrich(text, entities)
    assert len(out) == len(entities)
    assert all(isinstance(e["norm"], dict) for e in out)
    json.dumps([out, officials], ensure_ascii=False, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(text=vietnamese, data=st.data())
def test_enrich_never_raises_on_valid_spans(text, data):
    n = len(text)
    entities = []
    for _ in range(data.draw(st.integers(0, 6))):
        if n < 1:
            break
        start = data.draw(st.integers(0, n - 1))
        end = data.draw(st.integers(start + 1, n))
        entities.append(
            {"start": start, "end": end, "label": data.draw(st.sampled_from(LABELS)), "text": text[start:end]}
        )
    out, officials = enrich(text, entities)
    for person in officials:
        assert all(0 <= s < e <= n for s, e in person["mentions"])
    json.dumps([out, officials], ensure_ascii=False, allow_nan=False)


def test_a_broken_fact_stage_leaves_null_norms_and_warnings(monkeypatch):
    """Mutation check: if a fact stage raises, the output must say so, not lose facts silently."""
    import vnner.facts as facts

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(facts, "link_officials", broken)
    monkeypatch.setattr(facts, "parse_quantity", broken)
    text = "Đồng chí Bùi Hoàng Phan, Bí thư Huyện ủy Thanh Oai, kết nạp 712 đảng viên."
    ents = [
        {"start": 9, "end": 23, "label": "OFFICIAL", "text": "Bùi Hoàng Phan"},
        {"start": 60, "end": 74, "label": "QUANTITY", "text": text[60:74]},
    ]
    warnings: list[str] = []
    out, officials = facts.enrich(text, ents, warnings)
    assert officials == []
    assert out[1]["norm"] is None
    assert any("officials not linked" in w for w in warnings)
    assert any("no norm for QUANTITY" in w for w in warnings)
