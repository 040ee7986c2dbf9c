"""QUANTITY norms (vnner.facts.quantity), on spans from the real articles in shared/corpus/raw."""

import pytest

from vnner.facts.quantity import parse_quantity


def q(value, unit=None, approx=None, percent=False, ratio=None):
    return {"value": value, "unit": unit, "approx": approx, "percent": percent, "ratio": ratio}


@pytest.mark.parametrize(
    "span, norm",
    [
        # Hưng Yên: "mở 06 lớp Trung cấp lý luận chính trị - hành chính với 391 đồng chí học viên"
        ("06 lớp", q(6, "lớp")),
        ("391 đồng chí học viên", q(391, "đồng chí học viên")),
        # Hưng Yên: "tổ chức 179 lớp bồi dưỡng chính trị, chuyên môn, nghiệp vụ cho trên 15.000 lượt học viên"
        ("179 lớp", q(179, "lớp")),
        ("trên 15.000 lượt học viên", q(15000, "lượt học viên", "above")),
        # Hưng Yên: "Tỷ lệ các đợt học nghị quyết đạt trên 97% đối với cấp thành phố; trên 88% đối với cấp cơ sở"
        ("trên 97%", q(97, approx="above", percent=True)),
        # Hưng Yên: "80% đảng viên hoàn thành tốt nhiệm vụ (trong đó có 14,5% hoàn thành xuất sắc nhiệm vụ)"
        ("80%", q(80, percent=True)),
        ("14,5%", q(14.5, percent=True)),
        # Hưng Yên: "78/89 đồng chí là bí thư chi bộ đồng thời là trưởng thôn"
        ("78/89 đồng chí", q(78, "đồng chí", ratio=[78, 89])),
        # Hưng Yên: "Bồi dưỡng kết nạp được 712 đảng viên mới"
        ("712 đảng viên", q(712, "đảng viên")),
        # Hưng Yên: "giải quyết đạt gần 100% số đơn nhận được"
        ("gần 100%", q(100, approx="below", percent=True)),
        # Hưng Yên: "(trong đó khiển trách 80, cảnh cáo 08, cách chức 01, khai trừ 15)"
        ("08", q(8)),
        ("01", q(1)),
        # Hưng Yên: "thành phố đã giảm 05 đầu mối đơn vị sự nghiệp"
        ("05 đầu mối đơn vị sự nghiệp", q(5, "đầu mối đơn vị sự nghiệp")),
        # Sông Lô: "bình quân đạt hơn 94%; tỷ lệ đảng viên đủ tư cách hoàn thành tốt nhiệm vụ trên 88%"
        ("hơn 94%", q(94, approx="above", percent=True)),
        ("trên 88%", q(88, approx="above", percent=True)),
        # Sông Lô: "kiểm tra 59 tổ chức đảng, 20 đảng viên"
        ("59 tổ chức đảng", q(59, "tổ chức đảng")),
        # Thanh Oai: "có 7/9 chỉ tiêu đều đạt và vượt; 2/9 chỉ tiêu gặp khó khăn"
        ("7/9 chỉ tiêu", q(7, "chỉ tiêu", ratio=[7, 9])),
        ("2/9 chỉ tiêu", q(2, "chỉ tiêu", ratio=[2, 9])),
        # Thanh Oai: "cho trên 900 đảng ủy viên và chi ủy"
        ("trên 900 đảng ủy viên", q(900, "đảng ủy viên", "above")),
        # Thanh Oai: "120 lớp đào tạo, bồi dưỡng cho hơn 17.792 lượt học viên"
        ("hơn 17.792 lượt học viên", q(17792, "lượt học viên", "above")),
        # Thanh Oai: "hơn 50% chỉ tiêu đã đạt được"
        ("hơn 50%", q(50, approx="above", percent=True)),
    ],
)
def test_corpus_quantities(span, norm):
    assert parse_quantity(span) == norm


@pytest.mark.parametrize(
    "span, norm",
    [
        ("hai nhiệm vụ", q(2, "nhiệm vụ")),  # the guidelines' example
        ("Ba đột phá", q(3, "đột phá")),
        ("mười hai đảng viên", q(12, "đảng viên")),
        ("hai mươi lăm chi bộ", q(25, "chi bộ")),
        ("một trăm linh năm tổ chức cơ sở đảng", q(105, "tổ chức cơ sở đảng")),
        ("5 rõ", q(5, "rõ")),
    ],
)
def test_spelled_out_numbers(span, norm):
    assert parse_quantity(span) == norm


@pytest.mark.parametrize(
    "span, approx",
    [
        ("trên 50%", "above"),
        ("hơn 60 cuộc giám sát", "above"),
        ("ngoài 60 tuổi", "above"),
        ("gần 148.600 đảng viên", "below"),
        ("chưa đến 5%", "below"),
        ("dưới 50%", "below"),
        ("gần như 100%", "below"),
        ("khoảng 7%", "about"),
        ("chừng 20 người", "about"),
        ("712 đảng viên", None),
    ],
)
def test_approximators(span, approx):
    assert parse_quantity(span)["approx"] == approx


def test_gan_nhu_is_one_approximator_not_gan_plus_unit():
    assert parse_quantity("gần như 100%") == q(100, approx="below", percent=True)


def test_money_scale_words_are_part_of_the_value():
    assert parse_quantity("hơn 38,6 tỷ đồng") == q(38600000000, "đồng", "above")
    assert parse_quantity("khoảng 15 tỷ đồng") == q(15000000000, "đồng", "about")


def test_measure_keeps_its_unit():
    assert parse_quantity("2,5 ha") == q(2.5, "ha")


def test_no_number_gives_nulls():
    assert parse_quantity("nhiều năm") == q(None)
    assert parse_quantity("") == q(None)


def test_spacing_is_normalised():
    # the Hưng Yên footer and tables use non-breaking spaces
    assert parse_quantity("trên\u00a015.000  lượt học viên") == q(15000, "lượt học viên", "above")


def test_a_fraction_keeps_what_it_measures():
    """ "một nửa số xã": the value is the fraction, the unit what it is a fraction of (decision 32)."""
    assert parse_quantity("một nửa số xã") == {
        "value": 0.5,
        "unit": "số xã",
        "approx": None,
        "percent": False,
        "ratio": None,
    }
    assert parse_quantity("gần một nửa số đảng viên")["unit"] == "số đảng viên"
