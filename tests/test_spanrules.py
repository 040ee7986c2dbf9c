"""The span-edge rules on the patterns real text of other genres shows (issue 10)."""

import json

import pytest

from vnner.paths import CONFIGS
from vnner.pipeline.spanrules import SpanRules, apply_span_rules

RULES = SpanRules.from_dict(json.loads((CONFIGS / "spanrules.json").read_text(encoding="utf-8")))


def ent(text, surface, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "label": label, "text": surface}


def run(text, *ents):
    return [(e["label"], e["text"]) for e in apply_span_rules(text, list(ents), RULES)]


@pytest.mark.parametrize(
    "text, org, name, kept_org",
    [
        ("Giám đốc Sở Nội vụ Trần Thị Lan cho biết", "Sở Nội vụ Trần Thị Lan", "Trần Thị Lan", "Sở Nội vụ"),
        (
            "Bí thư Huyện ủy Kim Sơn Đinh Văn Hùng phát biểu",
            "Huyện ủy Kim Sơn Đinh Văn Hùng",
            "Đinh Văn Hùng",
            "Huyện ủy Kim Sơn",
        ),
        (
            "Chủ tịch UBND thành phố Nguyễn Thị Kim Ngân chủ trì",
            "UBND thành phố Nguyễn Thị Kim Ngân",
            "Nguyễn Thị Kim Ngân",
            "UBND thành phố",
        ),
    ],
)
def test_a_name_swallowed_by_the_body_after_a_title_is_split_off(text, org, name, kept_org):
    assert run(text, ent(text, org, "ORG")) == [("ORG", kept_org), ("OFFICIAL", name)]


def test_bodies_named_after_people_are_not_split():
    text = "Hiệu trưởng Trường Chính trị Nguyễn Văn Linh và Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh"
    ents = [
        ent(text, "Trường Chính trị Nguyễn Văn Linh", "ORG"),
        ent(text, "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "ORG"),
    ]
    assert run(text, *ents) == [
        ("ORG", "Trường Chính trị Nguyễn Văn Linh"),
        ("ORG", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ]


def test_a_place_after_a_body_is_not_a_name():
    text = "Bí thư Thành ủy Hà Nội làm việc"
    assert run(text, ent(text, "Thành ủy", "ORG")) == [("ORG", "Thành ủy")]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Tổng Bí thư Tô Lâm dự hội nghị.", "Tô Lâm"),
        ("Phó Thủ tướng Trần Hồng Hà chủ trì.", "Trần Hồng Hà"),
        ("Thủ tướng Chính phủ Phạm Minh Chính yêu cầu", "Phạm Minh Chính"),
    ],
)
def test_a_name_after_a_leader_title_is_found(text, name):
    ents = [ent(text, "Chính phủ", "ORG")] if "Chính phủ" in text else []
    assert ("OFFICIAL", name) in run(text, *ents)


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("Thực hiện Chỉ thị số 12-CT/TU của Tỉnh ủy", "Thực hiện Chỉ thị số 12-CT/TU", "Chỉ thị số 12-CT/TU"),
        ("Luật Báo chí năm 2016 quy định rõ trách nhiệm", "Luật Báo chí năm 2016 quy định rõ", "Luật Báo chí năm 2016"),
        ("theo Quy định số 05 ngày 4/5/2018 của Bộ Chính trị", "Quy định số 05 ngày 4/5/2018", "Quy định số 05"),
    ],
)
def test_resolution_edges(text, predicted, expected):
    assert run(text, ent(text, predicted, "RESOLUTION")) == [("RESOLUTION", expected)]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("việc làm trái với Hiến pháp", "Hiến pháp"),
        ("Luật phải cụ thể, rõ ràng", "Luật phải cụ thể"),
        ("ban hành các Thông tư hướng dẫn", "các Thông tư hướng dẫn"),
        ("triển khai Chỉ thị, theo đó", "Chỉ thị"),
    ],
)
def test_a_document_type_without_identifier_is_not_a_resolution(text, surface):
    assert run(text, ent(text, surface, "RESOLUTION")) == []


def test_the_party_charter_and_quoted_titles_stay():
    text = "chấp hành Điều lệ, “Quy định về trách nhiệm nêu gương” và Điều lệ Đảng"
    ents = [
        ent(text, "Điều lệ", "RESOLUTION"),
        ent(text, "Quy định về trách nhiệm nêu gương", "RESOLUTION"),
        ent(text, "Điều lệ Đảng", "RESOLUTION"),
    ]
    assert [t for _, t in run(text, *ents)] == ["Điều lệ", "Quy định về trách nhiệm nêu gương", "Điều lệ Đảng"]


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("có 12 công trình được nghiệm thu", "12 công trình được", "12 công trình"),
        ("hỗ trợ 45 triệu đồng/người", "45 triệu", "45 triệu đồng"),
        ("kết nạp 712 đảng viên mới", "712 đảng viên mới", "712 đảng viên"),
        ("trải rộng trên 7 - 8 tỉnh miền núi", "8 tỉnh", "7 - 8 tỉnh"),
    ],
)
def test_quantity_edges(text, predicted, expected):
    assert run(text, ent(text, predicted, "QUANTITY")) == [("QUANTITY", expected)]


def test_a_split_range_is_merged():
    text = "trải rộng trên 7 - 8 tỉnh"
    assert run(text, ent(text, "7", "QUANTITY"), ent(text, "8 tỉnh", "QUANTITY")) == [("QUANTITY", "7 - 8 tỉnh")]


@pytest.mark.parametrize(
    "text, surface", [("3.2. Tổ chức thực hiện", "3.2."), ("báo cáo trước ngày 30/6 hằng năm", "30/6")]
)
def test_section_numbers_and_dates_are_not_quantities(text, surface):
    assert run(text, ent(text, surface, "QUANTITY")) == []


def test_capital_title_lines_are_not_orgs_but_capital_bodies_are():
    text = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nQUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH"
    ents = [ent(text, "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "ORG"), ent(text, "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH", "ORG")]
    assert run(text, *ents) == [("ORG", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")]


def test_an_official_is_a_name():
    text = "tỷ lệ ≥ 25% do ông Lê Văn Ba phụ trách"
    assert run(text, ent(text, "≥ 25%", "OFFICIAL"), ent(text, "Lê Văn Ba", "OFFICIAL")) == [("OFFICIAL", "Lê Văn Ba")]


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("thống nhất ba nội dung lớn", "ba nội", "ba nội dung"),
        ("đề xuất 4 phương án khác nhau", "4 phương", "4 phương án"),
        ("mở 03 lớp học tập nghị quyết", "03 lớp", "03 lớp"),
    ],
)
def test_a_quantity_never_ends_inside_a_word(text, predicted, expected):
    assert run(text, ent(text, predicted, "QUANTITY")) == [("QUANTITY", expected)]


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("chỉnh đốn Đảng tạo sự chuyển biến", "Đảng tạo sự", ["Đảng"]),
        ("Ban Dân vận và Ban Tuyên giáo", "Ban Dân vận và", ["Ban Dân vận"]),
        ("Kính gửi: Ủy ban nhân dân các phường, xã", "Ủy ban nhân dân các phường", []),
        ("ngân sách Trung ương cấp 15 tỷ đồng", "Trung ương", []),
        ("như Trung ương đã kết luận", "Trung ương", ["Trung ương"]),
        ("Đảng bộ Khối các cơ quan tỉnh họp", "Đảng bộ Khối các cơ quan tỉnh", ["Đảng bộ Khối các cơ quan tỉnh"]),
    ],
)
def test_org_edges_and_generic_mentions(text, predicted, expected):
    assert [t for _, t in run(text, ent(text, predicted, "ORG"))] == expected


def test_rules_keep_abbreviations_names_ending_like_stop_words_and_boilerplate():
    text = "Theo TTXVN. Đảng uỷ xã Sủng Là họp; hoàn thành đợt 1 với 35 thanh niên.\nTừ khóa: Tổng Bí thư Tô Lâm"
    ents = [
        ent(text, "TTXVN", "ORG"),
        ent(text, "Đảng uỷ xã Sủng Là", "ORG"),
        ent(text, "1", "QUANTITY"),
        ent(text, "35 thanh niên", "QUANTITY"),
    ]
    line = text.index("Từ khóa")
    got = [(e["label"], e["text"]) for e in apply_span_rules(text, ents, RULES, blocked=[(line, len(text))])]
    assert got == [("ORG", "TTXVN"), ("ORG", "Đảng uỷ xã Sủng Là"), ("QUANTITY", "35 thanh niên")]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Ngữ văn 120 phút; Toán 120 phút", "120 phút"),
        ("có hơn 20 năm gắn bó với ngành than", "hơn 20 năm gắn bó"),
        ("khiếu nại đã gần hai năm", "gần hai năm"),
        ("tuyển sinh vào lớp 10 trung học phổ thông", "10 trung học"),
        ("theo Phụ lục 2 đính kèm", "2 đính"),
    ],
)
def test_durations_and_identifiers_are_not_quantities(text, surface):
    assert run(text, ent(text, surface, "QUANTITY")) == []


def test_spelled_out_five_is_still_a_count():
    text = "đặt ra năm chỉ tiêu về xây dựng Đảng"
    assert run(text, ent(text, "năm chỉ tiêu", "QUANTITY")) == [("QUANTITY", "năm chỉ tiêu")]


def test_a_document_type_then_a_comma_is_generic():
    text = "Theo Nghị quyết, toà án được tổ chức phiên toà trực tuyến"
    assert run(text, ent(text, "Nghị quyết, toà án", "RESOLUTION")) == []


def test_readers_lawyers_citizens_and_bylines_are_not_officials():
    text = (
        "(Bạn đọc Hồ Thị Lan, Nghệ An)\nLuật gia Trần Đình Phúc\nTS. Hảng A Nênh - Học viện Chính trị\n"
        "Vừ Thị Dính (Ban Tuyên giáo Huyện ủy Mèo Vạc)\nPGS.TS Lê Văn Ba, Phó Hiệu trưởng, phát biểu"
    )
    ents = [
        ent(text, n, "OFFICIAL") for n in ("Hồ Thị Lan", "Trần Đình Phúc", "Hảng A Nênh", "Vừ Thị Dính", "Lê Văn Ba")
    ]
    assert run(text, *ents) == [("OFFICIAL", "Lê Văn Ba")]


def test_a_name_in_a_headline_in_capitals():
    text = "BÍ THƯ TỈNH ỦY NGHỆ AN NGUYỄN KHẮC THẬN LÀM VIỆC VỚI ĐẢNG ỦY XÃ"
    assert ("OFFICIAL", "NGUYỄN KHẮC THẬN") in run(text, ent(text, "TỈNH ỦY NGHỆ AN", "ORG"))


def test_work_days_and_budget_lines_are_quantities():
    text = "đóng góp trên 18.000 ngày công; phê duyệt danh mục 27 dự án; theo phân cấp 118.204 triệu đồng"
    ents = [ent(text, s, "QUANTITY") for s in ("trên 18.000 ngày công", "27 dự án", "118.204 triệu đồng")]
    assert [t for _, t in run(text, *ents)] == ["trên 18.000 ngày công", "27 dự án", "118.204 triệu đồng"]
