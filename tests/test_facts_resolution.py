"""RESOLUTION norms (vnner.facts.resolution), on sentences from the real articles in shared/corpus/raw."""

import pytest

from vnner.facts import enrich
from vnner.facts.resolution import complete_lists, parse_resolution, unify_keys

THANH_OAI = (
    "Huyện ủy Thanh Oai (TP Hà Nội) mới tổ chức Hội nghị Sơ kết giữa nhiệm kỳ thực hiện Chương trình 01 "
    "của Thành ủy và Chương trình 01 của Huyện ủy về Tăng cường xây dựng, chỉnh đốn Đảng"
)
THANH_OAI_LIST = (
    "Đổi mới phương thức lãnh đạo, cầm quyền của Đảng theo các nghị quyết Hội nghị Trung ương 4, "
    "Trung ương 5, Trung ương 6 khoá XIII của Đảng; Tập trung làm tốt công tác luân chuyển"
)


def spans(text, *surfaces, label="RESOLUTION"):
    out, pos = [], 0
    for s in surfaces:
        start = text.index(s, pos)
        out.append({"start": start, "end": start + len(s), "label": label, "text": s})
        pos = start + len(s)
    return out


def test_decision_number_from_the_issue():
    n = parse_resolution("Quyết định số 865-QĐ/TU")
    assert (n["type"], n["number"], n["session"], n["term"]) == ("Quyết định", "865-QĐ/TU", None, None)
    assert n["key"] == "quyết định|865-qđ/tu"


def test_session_and_term_songlo():
    # Sông Lô: "Thực hiện Nghị quyết Trung ương 4 (khóa XII) về “Tăng cường xây dựng, chỉnh đốn Đảng; …”"
    n = parse_resolution("Nghị quyết Trung ương 4 (khóa XII)")
    assert n == {
        "type": "Nghị quyết",
        "number": None,
        "session": "Trung ương 4",
        "term": "XII",
        "issuer": None,
        "key": "nghị quyết|trung ương 4|xii",
    }


def test_abbreviated_central_committee_songlo():
    # Sông Lô: "đưa các nội dung của Nghị quyết T.Ư 4 vào cuộc sống"
    n = parse_resolution("Nghị quyết T.Ư 4")
    assert (n["type"], n["session"], n["term"]) == ("Nghị quyết", "Trung ương 4", None)


def test_plenum_by_ordinal_hungyen():
    # Hưng Yên: "Thực hiện Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương (khóa XII), thành phố đã giảm …"
    n = parse_resolution("Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương (khóa XII)")
    assert (n["session"], n["term"]) == ("Trung ương 6", "XII")
    assert n["key"] == parse_resolution("Nghị quyết Trung ương 6 khóa XII")["key"]
    assert (
        parse_resolution("Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII")["session"]
        == "Trung ương 6"
    )


@pytest.mark.parametrize(
    "variant",
    [
        "Nghị quyết Trung ương 4 (khóa XII)",
        "Nghị quyết T.Ư 4 (khoá XII)",
        "Nghị quyết Trung ương 4 khóa XII",
        "NQ TW 4 khóa XII",
        "Nghị quyết trung ương 4 (khóa XII)",
        "Nghị quyết TW4 (khóa 12)",
    ],
)
def test_variants_of_one_document_share_a_key(variant):
    n = parse_resolution(variant)
    assert (n["type"], n["session"], n["term"]) == ("Nghị quyết", "Trung ương 4", "XII")
    assert n["key"] == "nghị quyết|trung ương 4|xii"


def test_different_documents_have_different_keys():
    # Hưng Yên has both: "Nghị quyết trung ương 4 (khóa XI) “Một số vấn đề …”;
    # Nghị quyết trung ương 4 (khóa XII) “Về tăng cường …”"
    keys = {
        parse_resolution(t)["key"]
        for t in [
            "Nghị quyết trung ương 4 (khóa XI)",
            "Nghị quyết trung ương 4 (khóa XII)",
            "Nghị quyết Trung ương 6 (khóa XII)",
            "Chỉ thị Trung ương 4 (khóa XII)",
            "Quyết định số 865-QĐ/TU",
            "Quyết định số 866-QĐ/TU",
        ]
    }
    assert len(keys) == 6


@pytest.mark.parametrize(
    "span, type_, number",
    [
        ("NQ 18-NQ/TW", "Nghị quyết", "18-NQ/TW"),
        ("CT 05-CT/TW", "Chỉ thị", "05-CT/TW"),
        ("QĐ 865-QĐ/TU", "Quyết định", "865-QĐ/TU"),
        ("KL 21-KL/TW", "Kết luận", "21-KL/TW"),
        ("Chỉ thị 05", "Chỉ thị", "05"),
        ("Quy định 08-QĐi/TW", "Quy định", "08-QĐi/TW"),
        ("Kế hoạch số 112-KH/TU", "Kế hoạch", "112-KH/TU"),
        ("Hướng dẫn số 26-HD/BTCTW", "Hướng dẫn", "26-HD/BTCTW"),
        ("Thông báo số 12-TB/TW", "Thông báo", "12-TB/TW"),
        ("Quy chế số 3-QC/TU", "Quy chế", "3-QC/TU"),
        ("Nghị định số 43/2006/NĐ-CP", "Nghị định", "43/2006/NĐ-CP"),
        ("Thông tư số 01/2020/TT-BNV", "Thông tư", "01/2020/TT-BNV"),
        ("Pháp lệnh số 02/2022/UBTVQH15", "Pháp lệnh", "02/2022/UBTVQH15"),
        ("Luật số 22/2008/QH12", "Luật", "22/2008/QH12"),
        ("Quyết định số 1.283-QĐ/TU", "Quyết định", "1.283-QĐ/TU"),
        ("21-KL/TW", "Kết luận", "21-KL/TW"),  # type read from the number's suffix
    ],
)
def test_types_and_abbreviations(span, type_, number):
    n = parse_resolution(span)
    assert (n["type"], n["number"]) == (type_, number)


def test_documents_known_by_title_or_year():
    assert parse_resolution("Điều lệ Đảng")["type"] == "Điều lệ"
    assert parse_resolution("Điều lệ")["key"] == parse_resolution("Điều lệ Đảng")["key"] == "điều lệ|đảng"
    assert parse_resolution("Hiến pháp năm 1992") == {
        "type": "Hiến pháp",
        "number": None,
        "session": None,
        "term": None,
        "issuer": None,
        "key": "hiến pháp|1992",
    }
    # a year is not a document number: "Hiến pháp 1992" is the same document
    assert parse_resolution("Hiến pháp 1992")["number"] is None
    assert parse_resolution("Hiến pháp 1992")["key"] == "hiến pháp|1992"
    assert parse_resolution("Bộ luật Hình sự")["type"] == "Bộ luật"
    assert parse_resolution("Luật Cán bộ, công chức")["key"] == "luật|cán bộ, công chức"
    # Hưng Yên: the quoted title stands for the document
    n = parse_resolution(
        "Quy định xử lý vi phạm trong học tập, quán triệt nghị quyết, chỉ thị của Đảng đối với đảng viên"
    )
    assert (n["type"], n["number"], n["session"]) == ("Quy định", None, None)


def test_term_of_a_congress_period():
    n = parse_resolution("nghị quyết đại hội nhiệm kỳ 2015-2020")
    assert (n["type"], n["session"], n["term"]) == ("Nghị quyết", "Đại hội", "2015-2020")


def test_leading_zeros_and_thousand_dots_do_not_split_a_key():
    assert parse_resolution("Chỉ thị số 05-CT/TW")["key"] == parse_resolution("Chỉ thị 5-CT/TW")["key"]
    assert parse_resolution("Quyết định số 1.283-QĐ/TU")["key"] == parse_resolution("Quyết định 1283-QĐ/TU")["key"]


def test_issuer_after_cua_with_entities_thanh_oai():
    ents = spans(THANH_OAI, "Chương trình 01", "Chương trình 01")
    orgs = spans(THANH_OAI, "Thành ủy", label="ORG") + spans(THANH_OAI, "Huyện ủy về", label="ORG")
    orgs[1]["end"] -= 3  # "Huyện ủy"
    first = parse_resolution(ents[0]["text"], THANH_OAI, ents[0]["end"], orgs)
    second = parse_resolution(ents[1]["text"], THANH_OAI, ents[1]["end"], orgs)
    assert (first["issuer"], second["issuer"]) == ("Thành ủy", "Huyện ủy")
    # two programmes numbered 01 by two bodies are two documents
    assert first["key"] == "chương trình|1|thành ủy"
    assert second["key"] == "chương trình|1|huyện ủy"


def test_issuer_without_entities_takes_the_capitalised_words():
    text = "Kết quả thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương về đẩy mạnh xây dựng, chỉnh đốn Đảng"
    end = text.index(" của")
    assert parse_resolution("Kết luận số 21-KL/TW", text, end)["issuer"] == "Ban Chấp hành Trung ương"
    assert parse_resolution("Kết luận số 21", "Kết luận số 21 của cấp ủy", 14)["issuer"] is None
    assert parse_resolution("Kết luận số 21", text, 5)["issuer"] is None  # no "của" right after
    # without a body after "của", the number's code names the issuer (configs/settings.json, facts.issuer_codes)
    assert (
        parse_resolution("Kết luận số 21-KL/TW", "Kết luận số 21-KL/TW của cấp ủy", 20)["issuer"]
        == "Ban Chấp hành Trung ương"
    )


def test_issuer_is_not_part_of_the_key_when_the_number_names_it():
    text = "thực hiện Quy định số 144-QĐ/TW của Bộ Chính trị về chuẩn mực"
    end = text.index(" của")
    assert (
        parse_resolution("Quy định số 144-QĐ/TW", text, end)["key"] == parse_resolution("Quy định số 144-QĐ/TW")["key"]
    )


def test_elliptical_list_thanh_oai():
    ents = spans(THANH_OAI_LIST, "nghị quyết Hội nghị Trung ương 4", "Trung ương 5", "Trung ương 6 khoá XIII")
    ents += spans(THANH_OAI_LIST, "Đảng", label="ORG") + spans(THANH_OAI_LIST, "XIII của Đảng", label="ORG")
    ents[-1]["start"] += len("XIII của ")
    ents[-1]["text"] = "Đảng"
    out, _ = enrich(THANH_OAI_LIST, ents)
    norms = [e["norm"] for e in out if e["label"] == "RESOLUTION"]
    assert [(n["type"], n["session"], n["term"], n["issuer"]) for n in norms] == [
        ("Nghị quyết", "Trung ương 4", "XIII", "Đảng"),
        ("Nghị quyết", "Trung ương 5", "XIII", "Đảng"),
        ("Nghị quyết", "Trung ương 6", "XIII", "Đảng"),
    ]
    assert len({n["key"] for n in norms}) == 3


def test_two_decisions_joined_by_va_share_the_issuer():
    text = "Việc thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW của Bộ Chính trị về giám sát"
    ents = spans(text, "Quyết định số 217-QĐ/TW", "Quyết định số 218-QĐ/TW")
    norms = [parse_resolution(e["text"], text, e["end"]) for e in ents]
    complete_lists([(e["start"], e["end"]) for e in ents], norms, text)
    assert [n["issuer"] for n in norms] == ["Bộ Chính trị", "Bộ Chính trị"]
    assert norms[0]["key"] != norms[1]["key"]


def test_short_mention_takes_the_key_of_its_full_form_songlo():
    # Sông Lô writes "Nghị quyết Trung ương 4 (khóa XII)" and later "Nghị quyết T.Ư 4"
    norms = [parse_resolution("Nghị quyết Trung ương 4 (khóa XII)"), parse_resolution("Nghị quyết T.Ư 4")]
    unify_keys(norms)
    assert norms[1]["key"] == norms[0]["key"]
    assert norms[1]["term"] is None  # the field says what the span says


def test_short_mention_stays_apart_when_the_document_is_ambiguous_hungyen():
    # Hưng Yên names both the XI and the XII resolution of the 4th plenum
    norms = [
        parse_resolution("Nghị quyết Trung ương 4 (khóa XI)"),
        parse_resolution("Nghị quyết trung ương 4 (khóa XII)"),
        parse_resolution("Nghị quyết Trung ương 4"),
    ]
    unify_keys(norms)
    assert norms[2]["key"] == "nghị quyết|trung ương 4|"


def test_unreadable_input_gives_fields_not_errors():
    n = parse_resolution("")
    assert set(n) == {"type", "number", "session", "term", "issuer", "key"}
    assert n["type"] is None and n["number"] is None
    assert parse_resolution("Nghị quyết", "short", 99)["issuer"] is None  # end outside the text


def test_issuer_is_not_shared_across_document_types():
    text = "thực hiện tốt Luật Công an nhân dân 2018 và Chỉ thị 46-CT/TW của Ban Bí thư."
    ents = spans(text, "Luật Công an nhân dân 2018", "Chỉ thị 46-CT/TW")
    norms = [parse_resolution(e["text"], text, e["end"]) for e in ents]
    complete_lists([(e["start"], e["end"]) for e in ents], norms, text)
    assert [n["issuer"] for n in norms] == [None, "Ban Bí thư"]
    assert norms[0]["key"] == "luật|công an nhân dân 2018"


def test_fallback_issuer_stops_at_the_verb():
    text = "theo Quyết định số 90/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Chương trình mục tiêu"
    assert parse_resolution("Quyết định số 90/QĐ-TTg", text, text.index(" của"))["issuer"] == "Thủ tướng Chính phủ"


def test_bracketed_part_of_a_title_stays():
    assert parse_resolution("Luật Công đoàn (sửa đổi)")["key"] == "luật|công đoàn (sửa đổi)"
