"""Officials with their posts (vnner.facts.officials), on sentences from the real articles."""

import re

from vnner.facts import enrich
from vnner.facts.officials import link_officials


def ents(text, label, *surfaces):
    """An entity for every occurrence of each surface string."""
    out = []
    for s in surfaces:
        for m in re.finditer(re.escape(s), text):
            out.append({"start": m.start(), "end": m.end(), "label": label, "text": s})
    return out


LE_DINH_SON = (
    "Phát biểu tại hội nghị, đồng chí Lê Đình Sơn, Ủy viên Ban Chấp hành Trung ương, Bí thư Tỉnh ủy, "
    "Chủ tịch Hội đồng nhân dân tỉnh nhấn mạnh yêu cầu xây dựng Đảng bộ trong sạch, vững mạnh."
)


def test_posts_after_the_name_issue_example():
    [person] = link_officials(LE_DINH_SON, ents(LE_DINH_SON, "OFFICIAL", "Lê Đình Sơn"))
    assert person["name"] == "Lê Đình Sơn"
    assert person["titles"] == ["Ủy viên Ban Chấp hành Trung ương", "Bí thư Tỉnh ủy", "Chủ tịch Hội đồng nhân dân tỉnh"]
    assert person["orgs"] == ["Ban Chấp hành Trung ương", "Tỉnh ủy", "Hội đồng nhân dân tỉnh"]
    assert person["mentions"] == [[33, 44]]


def test_posts_after_the_name_with_org_entities():
    orgs = ents(LE_DINH_SON, "ORG", "Ban Chấp hành Trung ương", "Tỉnh ủy", "Hội đồng nhân dân tỉnh")
    [person] = link_officials(LE_DINH_SON, ents(LE_DINH_SON, "OFFICIAL", "Lê Đình Sơn") + orgs)
    assert person["titles"] == ["Ủy viên Ban Chấp hành Trung ương", "Bí thư Tỉnh ủy", "Chủ tịch Hội đồng nhân dân tỉnh"]
    assert person["orgs"] == ["Ban Chấp hành Trung ương", "Tỉnh ủy", "Hội đồng nhân dân tỉnh"]


def test_title_and_body_before_the_name_thanh_oai():
    # Thanh Oai, photo caption
    text = "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan phát biểu chỉ đạo tại Hội nghị. Ảnh: Trần Phú"
    for extra in ([], ents(text, "ORG", "Huyện ủy Thanh Oai")):
        [person] = link_officials(text, ents(text, "OFFICIAL", "Bùi Hoàng Phan") + extra)
        assert (person["titles"], person["orgs"]) == (["Bí thư"], ["Huyện ủy Thanh Oai"])


def test_post_after_the_name_stops_before_the_verb_thanh_oai():
    text = (
        "Phát biểu chỉ đạo tại Hội nghị, đồng chí Bùi Hoàng Phan, Bí thư Huyện ủy Thanh Oai cho rằng: "
        "Đến thời điểm này, có thể khẳng định rằng Chương trình 01 đã cơ bản hoàn thành những chỉ tiêu nhiệm vụ đề ra"
    )
    [person] = link_officials(text, ents(text, "OFFICIAL", "Bùi Hoàng Phan"))
    assert (person["titles"], person["orgs"]) == (["Bí thư Huyện ủy Thanh Oai"], ["Huyện ủy Thanh Oai"])


def test_title_before_the_name_after_a_comma_thanh_oai():
    text = (
        "Trong nửa cuối nhiệm kỳ, Bí thư Huyện ủy Bùi Hoàng Phan yêu cầu cả hệ thống chính trị huyện tiếp tục đẩy mạnh"
    )
    [person] = link_officials(text, ents(text, "OFFICIAL", "Bùi Hoàng Phan") + ents(text, "ORG", "Huyện ủy"))
    assert (person["titles"], person["orgs"]) == (["Bí thư"], ["Huyện ủy"])


def test_footer_with_dash_and_honorific_hungyen(raw_texts):
    text = raw_texts["hungyen-city-party-2015-2020"]
    orgs = ents(text, "ORG", "Ban Thường vụ, Trưởng")  # only the first one matters
    orgs = [{**o, "end": o["start"] + len("Ban Thường vụ"), "text": "Ban Thường vụ"} for o in orgs]
    orgs += ents(text, "ORG", "ban Dân vận Tỉnh ủy Hưng Yên")
    for extra in ([], orgs):
        [person] = link_officials(text, ents(text, "OFFICIAL", "Quách Thị Hương") + extra)
        assert person["name"] == "Quách Thị Hương"
        assert person["titles"] == ["Ủy viên Ban Thường vụ", "Trưởng ban Dân vận Tỉnh ủy Hưng Yên"]
        assert person["orgs"] == ["Ban Thường vụ", "ban Dân vận Tỉnh ủy Hưng Yên"]


def test_mentions_merge_across_the_document_thanh_oai(raw_texts):
    text = raw_texts["thanhoai-program01-midterm"]
    names = ents(text, "OFFICIAL", "Bùi Hoàng Phan")
    orgs = ents(text, "ORG", "Huyện ủy Thanh Oai") + [
        {"start": m.start(), "end": m.start() + 8, "label": "ORG", "text": "Huyện ủy"}
        for m in re.finditer("Huyện ủy Bùi", text)
    ]
    [person] = link_officials(text, names + orgs)
    assert person["name"] == "Bùi Hoàng Phan"
    assert len(person["mentions"]) == 3
    assert person["mentions"] == sorted([e["start"], e["end"]] for e in names)
    # "Bí thư" (before the name) is the same post as "Bí thư Huyện ủy Thanh Oai" (after it)
    assert person["titles"] == ["Bí thư Huyện ủy Thanh Oai"]
    assert person["orgs"] == ["Huyện ủy Thanh Oai"]


def test_later_mention_without_the_surname_merges():
    text = (
        "Phát biểu chỉ đạo tại Hội nghị, đồng chí Bùi Hoàng Phan, Bí thư Huyện ủy Thanh Oai cho rằng Chương trình 01 "
        "đã cơ bản hoàn thành. Đồng chí Hoàng Phan yêu cầu tiếp tục đẩy mạnh công tác xây dựng Đảng."
    )
    full = text.index("Bùi Hoàng Phan")
    short = text.index("Hoàng Phan yêu")
    people = link_officials(
        text,
        [
            {"start": full, "end": full + 14, "label": "OFFICIAL"},
            {"start": short, "end": short + 10, "label": "OFFICIAL"},
        ],
    )
    assert people == [
        {
            "name": "Bùi Hoàng Phan",
            "titles": ["Bí thư Huyện ủy Thanh Oai"],
            "orgs": ["Huyện ủy Thanh Oai"],
            "mentions": [[full, full + 14], [short, short + 10]],
        }
    ]


def test_short_name_shared_by_two_people_does_not_merge():
    text = "đồng chí Nguyễn Văn Hùng và đồng chí Trần Văn Hùng dự hội nghị. Đồng chí Văn Hùng phát biểu."
    starts = [text.index("Nguyễn Văn Hùng"), text.index("Trần Văn Hùng"), text.index("Văn Hùng phát")]
    people = link_officials(
        text, [{"start": s, "end": s + n, "label": "OFFICIAL"} for s, n in zip(starts, (15, 13, 8))]
    )
    assert [p["name"] for p in people] == ["Nguyễn Văn Hùng", "Trần Văn Hùng", "Văn Hùng"]


def test_tone_placement_variants_are_one_person():
    text = "đồng chí Nguyễn Thị Thuý Hằng phát biểu; đồng chí Nguyễn Thị Thúy Hằng, Chủ tịch HĐND huyện kết luận."
    people = link_officials(text, ents(text, "OFFICIAL", "Nguyễn Thị Thuý Hằng", "Nguyễn Thị Thúy Hằng"))
    assert len(people) == 1
    assert people[0]["titles"] == ["Chủ tịch HĐND huyện"]
    assert len(people[0]["mentions"]) == 2


def test_post_taken_by_a_verb():
    text = "Quyết định số 1.290-QĐ/TU chuẩn y đồng chí Ksor Y Thăm giữ chức Phó Bí thư Đảng ủy xã Ea Sol."
    [person] = link_officials(text, ents(text, "OFFICIAL", "Ksor Y Thăm") + ents(text, "ORG", "Đảng ủy xã Ea Sol"))
    assert (person["titles"], person["orgs"]) == (["Phó Bí thư Đảng ủy xã Ea Sol"], ["Đảng ủy xã Ea Sol"])


def test_title_that_ends_in_the_bodys_head():
    # guidelines: "Trưởng ban Tổ chức Tỉnh ủy": the body is "ban Tổ chức Tỉnh ủy"
    text = "Trưởng ban Tổ chức Tỉnh ủy Nguyễn Văn An cho biết."
    [person] = link_officials(text, ents(text, "OFFICIAL", "Nguyễn Văn An"))
    assert (person["titles"], person["orgs"]) == (["Trưởng"], ["ban Tổ chức Tỉnh ủy"])


def test_no_context_no_posts():
    text = "Dự hội nghị có đồng chí Bùi Hoàng Phan."
    [person] = link_officials(text, ents(text, "OFFICIAL", "Bùi Hoàng Phan"))
    assert (person["titles"], person["orgs"]) == ([], [])


def test_enrich_gives_official_norm_the_merged_name():
    text = "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan phát biểu. Sau đó, đồng chí Hoàng Phan kết luận."
    short = text.index("Hoàng Phan kết")
    out, officials = enrich(
        text,
        ents(text, "OFFICIAL", "Bùi Hoàng Phan")
        + [{"start": short, "end": short + 10, "label": "OFFICIAL", "text": "Hoàng Phan"}],
    )
    assert [e["norm"] for e in out] == [{"name": "Bùi Hoàng Phan"}, {"name": "Bùi Hoàng Phan"}]
    assert officials == [
        {
            "name": "Bùi Hoàng Phan",
            "titles": ["Bí thư"],
            "orgs": ["Huyện ủy Thanh Oai"],
            "mentions": [[26, 40], [short, short + 10]],
        }
    ]


def test_broken_entities_are_ignored():
    assert link_officials("abc", [{"start": 5, "end": 9, "label": "OFFICIAL"}, "x", {"start": True, "end": 2}]) == []
    assert link_officials(None, []) == []


def test_body_between_title_and_name_without_entities():
    text = "Thủ tướng Chính phủ Phạm Minh Chính dự hội nghị. Bí thư Huyện ủy yêu cầu đồng chí Nguyễn Văn An báo cáo."
    people = link_officials(text, ents(text, "OFFICIAL", "Phạm Minh Chính", "Nguyễn Văn An"))
    assert [(p["titles"], p["orgs"]) for p in people] == [(["Thủ tướng"], ["Chính phủ"]), ([], [])]
