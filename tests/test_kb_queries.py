"""Questions to the knowledge base (vnner.kb.queries), in the JSON shapes of issue 18."""

import pytest
from kb_support import promoted, record, resolution_spellings, two_provinces, write

from vnner.kb.build import build, open_kb
from vnner.kb.queries import body, document, person


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kb.db"
    build([write(tmp_path / "out.jsonl", promoted() + two_provinces() + resolution_spellings())], path)
    handle = open_kb(path)
    yield handle
    handle.close()


def test_person_promoted_has_both_posts_in_date_order(db):
    [found] = person(db, "Lê Hồng Vinh")
    assert set(found) == {"id", "name", "posts"} and found["id"].startswith("p")
    assert found["name"] == "Lê Hồng Vinh"
    assert found["posts"] == [
        {
            "title": "Phó Chủ tịch",
            "body": "Ủy ban nhân dân tỉnh Nghệ An",
            "first_seen": "2023-03-05",
            "last_seen": "2023-03-05",
            "documents": ["nghean-2023"],
        },
        {
            "title": "Chủ tịch",
            "body": "Ủy ban nhân dân tỉnh Nghệ An",
            "first_seen": "2024-06-12",
            "last_seen": "2024-06-12",
            "documents": ["nghean-2024"],
        },
    ]
    assert person(db, "đồng chí LÊ HỒNG VINH") == [found]


def test_person_of_one_name_in_two_provinces_is_two(db):
    found = person(db, "Trần Văn Hải")
    assert [(p["name"], [(x["title"], x["body"]) for x in p["posts"]]) for p in found] == [
        ("Trần Văn Hải", [("Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam")]),
        ("Trần Văn Hải", [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Ninh Bình")]),
    ]
    assert found[0]["id"] != found[1]["id"]


def test_person_by_part_of_the_name_when_no_one_has_it_whole(db):
    assert [p["name"] for p in person(db, "Hồng Vinh")] == ["Lê Hồng Vinh"]
    assert person(db, "Nobody At All") == []
    assert person(db, "  ") == []


@pytest.mark.parametrize("name", ["UBND tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An", "uỷ ban nhân dân tỉnh nghệ an"])
def test_abbreviated_and_full_body_names_are_one_body(db, name):
    assert body(db, name) == [
        {
            "canonical": "Ủy ban nhân dân tỉnh Nghệ An",
            "names": ["UBND tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An"],
            "posts": [
                {
                    "title": "Phó Chủ tịch",
                    "person": "Lê Hồng Vinh",
                    "first_seen": "2023-03-05",
                    "last_seen": "2023-03-05",
                },
                {"title": "Chủ tịch", "person": "Lê Hồng Vinh", "first_seen": "2024-06-12", "last_seen": "2024-06-12"},
            ],
        }
    ]


def test_body_by_part_of_its_name(db):
    assert [b["canonical"] for b in body(db, "tỉnh Nghệ An")] == ["Ủy ban nhân dân tỉnh Nghệ An"]
    assert body(db, "Bộ Quốc phòng") == []


@pytest.mark.parametrize("text", ["Nghị quyết 57", "Nghị quyết số 57-NQ/TW", "NQ 57-NQ/TW", "nghị quyết 57-nq/tw"])
def test_two_spellings_of_one_resolution_find_the_same_key_with_both_citing_documents(db, text):
    assert document(db, text) == [
        {
            "key": "nghị quyết|57-nq/tw",
            "type": "Nghị quyết",
            "number": "57-NQ/TW",
            "issuer": "Bộ Chính trị",
            "cited_by": [{"id": "nq57-full", "date": "2025-02-03"}, {"id": "nq57-short", "date": "2025-03-10"}],
        }
    ]


def test_a_bare_number_with_its_issuer_joins_the_coded_form_that_names_the_same_issuer(tmp_path):
    text = "Ngày 4/5/2025, Thành ủy Huế học tập Nghị quyết 57 của {}."
    docs = resolution_spellings() + [  # "Nghị quyết số 57-NQ/TW của Bộ Chính trị" in nq57-full
        record("same", text.format("Bộ Chính trị"), [("Nghị quyết 57", "RESOLUTION"), ("Bộ Chính trị", "ORG")]),
        record("other", text.format("Tỉnh ủy Bến Tre"), [("Nghị quyết 57", "RESOLUTION"), ("Tỉnh ủy Bến Tre", "ORG")]),
    ]
    path = tmp_path / "kb.db"
    build([write(tmp_path / "out.jsonl", docs)], path)
    db = open_kb(path)
    assert [(r["key"], [c["id"] for c in r["cited_by"]]) for r in document(db, "Nghị quyết số 57-NQ/TW")] == [
        ("nghị quyết|57-nq/tw", ["nq57-full", "nq57-short", "same"])
    ]
    assert [r["key"] for r in document(db, "Nghị quyết 57")] == ["nghị quyết|57-nq/tw", "nghị quyết|57|tỉnh ủy bến tre"]


def test_a_bare_number_with_several_coded_forms_keeps_its_own_key(tmp_path):
    docs = resolution_spellings() + [
        record(
            "nq57-tinh",
            "Ngày 4/4/2025, Tỉnh ủy Bến Tre ban hành Nghị quyết số 57-NQ/TU về chuyển đổi số.",
            [("Tỉnh ủy Bến Tre", "ORG"), ("Nghị quyết số 57-NQ/TU", "RESOLUTION")],
        )
    ]
    path = tmp_path / "kb.db"
    build([write(tmp_path / "out.jsonl", docs)], path)
    db = open_kb(path)
    assert [(r["key"], [c["id"] for c in r["cited_by"]]) for r in document(db, "Nghị quyết 57")] == [
        ("nghị quyết|57", ["nq57-short"]),
        ("nghị quyết|57-nq/tu", ["nq57-tinh"]),
        ("nghị quyết|57-nq/tw", ["nq57-full"]),
    ]
    assert [r["key"] for r in document(db, "Nghị quyết số 57-NQ/TW")] == ["nghị quyết|57-nq/tw"]


def test_a_session_without_a_term_finds_every_terms(tmp_path):
    docs = [
        record(
            "xii",
            "Ngày 1/2/2020, Huyện ủy học Nghị quyết Trung ương 4 (khóa XII).",
            [("Nghị quyết Trung ương 4 (khóa XII)", "RESOLUTION")],
        ),
        record(
            "xiii",
            "Ngày 1/2/2022, Huyện ủy học Nghị quyết Trung ương 4 khóa XIII.",
            [("Nghị quyết Trung ương 4 khóa XIII", "RESOLUTION")],
        ),
    ]
    path = tmp_path / "kb.db"
    build([write(tmp_path / "out.jsonl", docs)], path)
    db = open_kb(path)
    assert [r["key"] for r in document(db, "Nghị quyết T.Ư 4")] == [
        "nghị quyết|trung ương 4|xii",
        "nghị quyết|trung ương 4|xiii",
    ]
    assert [r["key"] for r in document(db, "NQ TW 4 khoá XII")] == ["nghị quyết|trung ương 4|xii"]
    assert document(db, "Chỉ thị 99-CT/TW") == []
