"""People across documents (vnner.kb.linking) and one document's posts and bodies (vnner.kb.posts)."""

import random

import pytest
from kb_support import promoted, record, two_provinces

from vnner.kb.linking import document_mentions, link, person_posts
from vnner.kb.posts import DocumentBodies, anchored, name_key, pair_posts


def people(*records, dates=None):
    dates = dates or {}
    mentions = [m for r in records for m in document_mentions(r, dates.get(r["id"]))]
    return link(mentions)


def summary(persons):
    return sorted(
        (p.name, sorted(m.document for m in p.members), [(s.title, s.body) for s in person_posts(p)]) for p in persons
    )


def test_same_name_in_two_provinces_stays_two_people():
    assert summary(people(*two_provinces())) == [
        ("Trần Văn Hải", ["hanam"], [("Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam")]),
        ("Trần Văn Hải", ["ninhbinh"], [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Ninh Bình")]),
    ]


def test_one_person_promoted_across_two_dated_documents_with_abbreviated_and_full_body():
    first, second = promoted()
    [person] = people(second, first, dates={"nghean-2023": "2023-03-05", "nghean-2024": "2024-06-12"})
    posts = person_posts(person)
    assert [(p.title, p.body, p.first_seen, p.last_seen, p.documents) for p in posts] == [
        ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", "2023-03-05", "2023-03-05", ["nghean-2023"]),
        ("Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", "2024-06-12", "2024-06-12", ["nghean-2024"]),
    ]


def test_dong_chi_or_not_is_one_name():
    assert name_key("đồng chí Lê Hồng Vinh") == name_key("Lê Hồng  Vinh") == name_key("Đ/c LÊ HỒNG VINH")
    assert name_key("Nguyễn Thị Thuỷ") == name_key("Nguyễn Thị Thủy")
    a = record("a", "Đồng chí Vũ Đại Thắng, Bí thư Tỉnh ủy Quảng Ninh, dự lễ.", [("Vũ Đại Thắng", "OFFICIAL")])
    a["officials"][0]["name"] = "đồng chí Vũ Đại Thắng"  # as a model that takes "đồng chí" into the span writes it
    b = record("b", "Bí thư Tỉnh ủy Quảng Ninh Vũ Đại Thắng phát biểu.", [("Vũ Đại Thắng", "OFFICIAL")])
    [person] = people(a, b)
    assert person.name == "Vũ Đại Thắng" and len(person.members) == 2


def test_nothing_tying_two_mentions_makes_two_people():
    a = record("a", "Ông Phạm Minh Đức phát biểu tại hội thảo.", [("Phạm Minh Đức", "OFFICIAL")])
    b = record("b", "Ý kiến của ông Phạm Minh Đức được ghi nhận.", [("Phạm Minh Đức", "OFFICIAL")])
    assert len(people(a, b)) == 2


def test_the_same_province_ties_when_no_body_is_shared():
    a = record(
        "a",
        "Sáng 2/4/2024, Giám đốc Sở Nội vụ tỉnh Quảng Trị Hồ Văn Tám báo cáo.",
        [("Sở Nội vụ tỉnh Quảng Trị", "ORG"), ("Hồ Văn Tám", "OFFICIAL")],
    )
    b = record(
        "b",
        "UBND tỉnh Quảng Trị họp. Phó Chủ tịch UBND tỉnh Hồ Văn Tám chủ trì.",
        [("UBND tỉnh Quảng Trị", "ORG"), ("UBND tỉnh", "ORG", 1), ("Hồ Văn Tám", "OFFICIAL")],
    )
    [person] = people(a, b)
    assert person.provinces == {"Quảng Trị"}


def test_a_body_every_province_has_ties_nobody():
    # "Sở Nội vụ" without its province is a different body in each province
    a = record("a", "Giám đốc Sở Nội vụ Lê Văn Ba báo cáo.", [("Sở Nội vụ", "ORG"), ("Lê Văn Ba", "OFFICIAL")])
    b = record("b", "Giám đốc Sở Nội vụ Lê Văn Ba trả lời.", [("Sở Nội vụ", "ORG"), ("Lê Văn Ba", "OFFICIAL")])
    assert len(people(a, b)) == 2
    assert not anchored("Sở Nội vụ") and not anchored("Ban Thường vụ") and not anchored("Đảng ủy xã")
    assert anchored("Huyện ủy Thanh Oai") and anchored("Bộ Nội vụ") and anchored("Quốc hội")
    assert anchored("Ban Chấp hành Trung ương Đảng") and not anchored("Bộ Chỉ huy Quân sự tỉnh")


def test_a_shared_national_body_ties_across_the_provinces_visited():
    text = "Ngày {}, đồng chí Trần Cẩm Tú, Ủy viên Bộ Chính trị, làm việc tại tỉnh {}."
    a = record("a", text.format("2/3/2024", "Hà Giang"), [("Trần Cẩm Tú", "OFFICIAL"), ("Bộ Chính trị", "ORG")])
    b = record("b", text.format("9/5/2024", "Cà Mau"), [("Trần Cẩm Tú", "OFFICIAL"), ("Bộ Chính trị", "ORG")])
    [person] = people(a, b)
    assert person.provinces == set()


def test_never_merged_across_provinces_even_with_a_shared_body():
    a = record(
        "a",
        "Đồng chí Nguyễn Văn Thắng, Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy Điện Biên, phát biểu.",
        [("Nguyễn Văn Thắng", "OFFICIAL"), ("Ban Chấp hành Trung ương Đảng", "ORG"), ("Tỉnh ủy Điện Biên", "ORG")],
    )
    b = record(
        "b",
        "Đồng chí Nguyễn Văn Thắng, Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy Lai Châu, phát biểu.",
        [("Nguyễn Văn Thắng", "OFFICIAL"), ("Ban Chấp hành Trung ương Đảng", "ORG"), ("Tỉnh ủy Lai Châu", "ORG")],
    )
    assert len(people(a, b)) == 2


def test_a_third_mention_joins_the_people_it_ties_together():
    a = record(
        "a",
        "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan dự họp.",
        [("Huyện ủy Thanh Oai", "ORG"), ("Bùi Hoàng Phan", "OFFICIAL")],
    )
    b = record(
        "b",
        "Trưởng Ban Dân vận Trung ương Bùi Hoàng Phan dự họp.",
        [("Ban Dân vận Trung ương", "ORG"), ("Bùi Hoàng Phan", "OFFICIAL")],
    )
    c = record(
        "c",
        "Đồng chí Bùi Hoàng Phan, Bí thư Huyện ủy Thanh Oai, Ủy viên Ban Dân vận Trung ương, phát biểu.",
        [("Bùi Hoàng Phan", "OFFICIAL"), ("Huyện ủy Thanh Oai", "ORG"), ("Ban Dân vận Trung ương", "ORG")],
    )
    assert len(people(a, b)) == 2
    [person] = people(a, b, c)
    assert sorted(m.document for m in person.members) == ["a", "b", "c"]


def test_the_same_mentions_give_the_same_people_in_any_order():
    records = promoted() + two_provinces()
    mentions = [m for r in records for m in document_mentions(r, "2024-01-01")]
    expected = [(p.id, sorted(m.id for m in p.members)) for p in link(mentions)]
    for seed in range(5):
        random.Random(seed).shuffle(mentions)
        assert [(p.id, sorted(m.id for m in p.members)) for p in link(mentions)] == expected


@pytest.mark.parametrize(
    ("titles", "orgs", "expected"),
    [
        (["Chủ tịch UBND tỉnh"], ["UBND tỉnh"], [("Chủ tịch", "UBND tỉnh")]),
        (["Bí thư"], ["Huyện ủy Thanh Oai"], [("Bí thư", "Huyện ủy Thanh Oai")]),
        (
            ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng ban Tổ chức Tỉnh ủy"],
            ["Ban Thường vụ Tỉnh ủy", "ban Tổ chức Tỉnh ủy"],
            [("Ủy viên", "Ban Thường vụ Tỉnh ủy"), ("Trưởng", "ban Tổ chức Tỉnh ủy")],
        ),
        (
            ["nguyên Phó Trưởng Ban Tổ chức Tỉnh ủy", "Bí thư"],
            ["Ban Tổ chức Tỉnh ủy", "Đảng ủy xã Yên Thành"],
            [("nguyên Phó Trưởng", "Ban Tổ chức Tỉnh ủy"), ("Bí thư", "Đảng ủy xã Yên Thành")],
        ),
        (["Tỉnh ủy viên", "Bí thư Huyện ủy"], ["Huyện ủy"], [("Tỉnh ủy viên", None), ("Bí thư", "Huyện ủy")]),
        ([], ["Sở Y tế"], [(None, "Sở Y tế")]),
    ],
)
def test_titles_pair_with_their_bodies(titles, orgs, expected):
    assert pair_posts(titles, orgs) == expected


def test_a_bare_body_takes_the_full_name_the_document_gives():
    r = record(
        "a",
        "Tỉnh ủy Nghệ An họp. Đồng chí Hồ Lê Ngọc, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tổ chức Tỉnh ủy, báo cáo.",
        [
            ("Tỉnh ủy Nghệ An", "ORG"),
            ("Hồ Lê Ngọc", "OFFICIAL"),
            ("Ban Thường vụ Tỉnh ủy", "ORG"),
            ("ban Tổ chức Tỉnh ủy", "ORG"),
        ],
    )
    bodies = DocumentBodies(r)
    assert bodies.resolve("Ban Thường vụ Tỉnh ủy").canonical == "Ban Thường vụ Tỉnh ủy Nghệ An"
    assert bodies.resolve("Tỉnh uỷ").canonical == "Tỉnh ủy Nghệ An"
    # not an entity here: resolved the way the document's entities were
    assert bodies.resolve("Ủy ban Kiểm tra Tỉnh ủy").canonical == "Ủy ban Kiểm tra Tỉnh ủy Nghệ An"
    [mention] = document_mentions(r)
    assert [(p.title, p.body) for p in mention.posts] == [
        ("Ủy viên", "Ban Thường vụ Tỉnh ủy Nghệ An"),
        ("Trưởng", "Ban Tổ chức Tỉnh ủy Nghệ An"),
    ]
    assert mention.provinces == {"Nghệ An"}


def test_an_unresolved_bare_body_belongs_to_its_document():
    r = record("x", "Bí thư Huyện ủy Lò Văn Xiêng dự họp.", [("Huyện ủy", "ORG"), ("Lò Văn Xiêng", "OFFICIAL")])
    [post] = document_mentions(r)[0].posts
    assert (post.body, post.body_key, post.anchored) == ("Huyện ủy", "huyện ủy@x", False)
