"""Document dates (vnner.kb.dates): meta.date, an official document's header, a date the text starts with."""

import pytest

from vnner.kb.dates import document_date


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"date": "2025-06-12"}, ("2025-06-12", "meta.date")),
        ({"date": "2025-06-12T08:30:00+07:00"}, ("2025-06-12", "meta.date")),
        ({"date": "2025-06-12 08:30"}, ("2025-06-12", "meta.date")),
    ],
)
def test_meta_date_wins(meta, expected):
    assert document_date("Hà Nội, ngày 1 tháng 1 năm 2020\nSáng 5/3/2024, họp.", meta) == expected


@pytest.mark.parametrize("bad", ["12/6/2025", "2025-02-30", "yesterday", 20250612, None])
def test_a_meta_date_that_is_not_iso_8601_is_not_used(bad):
    assert document_date("Sáng 5/3/2024, Tỉnh ủy họp.", {"date": bad}) == ("2024-03-05", "text")


def test_official_document_header():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG\nSố: 318/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nBắc Giang, ngày 09 tháng 3 năm 2022\n\nQUYẾT ĐỊNH\n"
        "Căn cứ Nghị định số 63/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ;"
    )
    assert document_date(text) == ("2022-03-09", "header")
    assert document_date("HUYỆN ỦY TAM DƯƠNG\nTam Dương, ngày 12/11/2021\nBÁO CÁO") == ("2021-11-12", "header")
    assert document_date("Hà Nội, ngày 12 tháng 6 năm 2025\nTHÔNG BÁO") == ("2025-06-12", "header")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỉnh ủy họp\n\nSáng 5/3/2024, Tỉnh ủy Nghệ An tổ chức hội nghị.", "2024-03-05"),
        ("Ngày 25/4/2024, đoàn công tác của Ban Dân vận Tỉnh uỷ Lai Châu làm việc.", "2024-04-25"),
        ("Tin\n09:12 | 03/03/2024\nSáng 3/3, đồng chí Bí thư chủ trì.", "2024-03-03"),
        ("Tin\nThứ Năm, 14/08/2025 - 09:20\nNgày 13/8, Đảng ủy họp.", "2025-08-14"),
        ("Chiều 21/12/2020, tại kỳ họp thứ 22, HĐND tỉnh Long An miễn nhiệm.", "2020-12-21"),
        ("Ngày 12 tháng 6 năm 2025, Quốc hội thông qua luật.", "2025-06-12"),
    ],
)
def test_a_date_the_text_starts_with(text, expected):
    assert document_date(text) == (expected, "text")


def test_the_year_from_the_text_when_the_lead_has_none():
    text = "Tổng kết năm 2023\n\nNgày 5/3, Huyện ủy tổng kết công tác năm 2023 và triển khai nhiệm vụ tháng 3/2024."
    assert document_date(text) == ("2024-03-05", "text, year inferred")
    # document numbers, ranges and targets are not the year it was written
    text = (
        "Chiều 20/3, Tỉnh ủy sơ kết Nghị quyết 98/2023/QH15 giai đoạn 2021 - 2025, định hướng đến năm 2030 (năm 2022)."
    )
    assert document_date(text) == ("2022-03-20", "text, year inferred")


@pytest.mark.parametrize(
    "text",
    [
        "Chiều 20/3, Tỉnh ủy Đắk Lắk sơ kết 5 năm thực hiện nghị quyết.",  # no year anywhere
        "Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương.",  # a cited document's date
        "Từ ngày 01/01/2026, các địa phương áp dụng bảng giá đất mới.",  # a date the text talks about
        "Tháp Mười: Trao Huy hiệu Đảng đợt 3/2 cho 86 đảng viên",  # "3/2" is not a date here
        "Ngày 31/2/2024, không có ngày ấy.",
        "",
    ],
)
def test_undated(text):
    assert document_date(text) == (None, None)
