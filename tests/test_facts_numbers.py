"""Vietnamese number formats and number words (vnner.facts.numbers)."""

from decimal import Decimal

import pytest

from vnner.facts.numbers import digits_value, parse_number, read_number, roman_or_none


@pytest.mark.parametrize(
    "text, value",
    [
        ("15.000", 15000),  # "cho trên 15.000 lượt học viên" (Hưng Yên)
        ("17.792", 17792),  # "cho hơn 17.792 lượt học viên" (Thanh Oai)
        ("14,5", 14.5),  # "có 14,5% hoàn thành xuất sắc nhiệm vụ" (Hưng Yên)
        ("06", 6),  # "mở 06 lớp Trung cấp lý luận chính trị" (Hưng Yên)
        ("08", 8),  # "cảnh cáo 08" (Hưng Yên)
        ("712", 712),
        ("1.200,5", 1200.5),
        ("0,58", 0.58),
    ],
)
def test_digit_formats(text, value):
    assert parse_number(text) == value
    assert type(parse_number(text)) is type(value)


@pytest.mark.parametrize(
    "text, value",
    [
        ("hai", 2),
        ("Ba", 3),  # "Ba là: Duy trì nghiêm kỷ cương" capitalised at a sentence start
        ("bốn", 4),
        ("mười", 10),
        ("mười hai", 12),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("hai mươi lăm", 25),
        ("chín mươi chín", 99),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("một trăm lẻ năm", 105),
        ("hai trăm mười", 210),
        ("ba trăm hai mươi", 320),
        ("một nghìn hai trăm", 1200),
        ("một triệu hai trăm nghìn", 1200000),
        ("15 nghìn", 15000),
        ("1,5 triệu", 1500000),
        ("hai nghìn tỷ", 2000000000000),
    ],
)
def test_number_words(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "   ", "đảng viên", "hai ba", "mười năm", "một trăm linh", "15.0.0", "12a", None])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_read_number_stops_at_the_counted_noun():
    assert read_number(["hai", "mươi", "lăm", "đảng", "viên"]) == (Decimal(25), 3)
    # "năm" after mười/mươi is a year, not five: "mười năm" is ten years
    assert read_number(["mười", "năm", "qua"]) == (Decimal(10), 1)
    assert read_number(["nhiệm", "vụ"]) == (None, 0)


def test_vietnamese_decimal_comma_and_thousands_dot():
    assert digits_value("1.283") == Decimal(1283)
    assert digits_value("38,6") == Decimal("38.6")
    assert digits_value("2.5") == Decimal("2.5")  # not three digits after the dot: a decimal point
    assert digits_value("1,297,000") == Decimal(1297000)
    assert digits_value("abc") is None


def test_terms_as_roman_numerals():
    assert roman_or_none("XII") == "XII"
    assert roman_or_none("xiii") == "XIII"
    assert roman_or_none("12") == "XII"
    assert roman_or_none("mới") is None
