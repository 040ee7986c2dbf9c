"""ORG canonical names (vnner.facts.org), on names from the real articles in shared/corpus/raw."""

import pytest

from vnner.facts.org import canonical_org, org_key


@pytest.mark.parametrize(
    "span, canonical",
    [
        # Thanh Oai writes both "Huyện ủy Thanh Oai" and "Huyện uỷ Thanh Oai"
        ("Huyện uỷ Thanh Oai", "Huyện ủy Thanh Oai"),
        ("Huyện ủy Thanh Oai", "Huyện ủy Thanh Oai"),
        # Hưng Yên: "Trưởng ban Dân vận Thành ủy đồng thời là Chủ tịch Ủy ban MTTQ Việt Nam thành phố"
        ("Ủy ban MTTQ Việt Nam thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"),
        ("ban Dân vận Thành ủy", "Ban Dân vận Thành ủy"),
        # Hưng Yên: "thực hiện Bí thư cấp ủy đồng thời là Chủ tịch UBND cấp xã"
        ("UBND", "Ủy ban nhân dân"),
        # Hưng Yên: "cấp ủy, tổ chức Đảng, UBKT các cấp của thành phố"
        ("UBKT", "Ủy ban Kiểm tra"),
        # Hưng Yên: "phát huy vai trò của MTTQ và các đoàn thể nhân dân"
        ("MTTQ", "Mặt trận Tổ quốc"),
        # Thanh Oai: "Dấu ấn của Bác Hồ với Đảng bộ TP Hà Nội"
        ("Đảng bộ TP Hà Nội", "Đảng bộ thành phố Hà Nội"),
        # Hưng Yên writes "Đảng bộ Thành phố Hưng Yên" and "Đảng bộ thành phố Hưng Yên"
        ("Đảng bộ Thành phố Hưng Yên", "Đảng bộ thành phố Hưng Yên"),
        ("Đảng bộ thành phố Hưng Yên", "Đảng bộ thành phố Hưng Yên"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("BTV Thành ủy", "Ban Thường vụ Thành ủy"),
        ("Ban Thường vụ (BTV) Thành ủy", "Ban Thường vụ Thành ủy"),
        ("Ban Chấp hành T.Ư", "Ban Chấp hành Trung ương"),
        ("Ban Chấp hành TW", "Ban Chấp hành Trung ương"),
        ("BCH Đảng bộ tỉnh", "Ban Chấp hành Đảng bộ tỉnh"),
        ("Uỷ ban MTTQ Việt Nam TP Cần Thơ", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"),
        ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("Tỉnh ủy", "Tỉnh ủy"),
        ("Huyện Ủy Thanh Oai", "Huyện ủy Thanh Oai"),
        ("Thành Uỷ", "Thành ủy"),
        ("Đảng", "Đảng"),
    ],
)
def test_canonical(span, canonical):
    assert canonical_org(span) == {"canonical": canonical}


def test_one_key_for_spelling_variants():
    assert org_key("Huyện uỷ Thanh Oai") == org_key("Huyện ủy  Thanh Oai") == "huyện ủy thanh oai"
    assert org_key("UBND tỉnh") == org_key("Ủy ban nhân dân tỉnh")
    assert org_key("Huyện ủy Thanh Oai") != org_key("Huyện ủy Sông Lô")


def test_abbreviation_inside_a_document_number_is_not_expanded():
    assert canonical_org("Ban Chỉ đạo 35-KL/TW")["canonical"] == "Ban Chỉ đạo 35-KL/TW"


def test_empty():
    assert canonical_org("   ") == {"canonical": None}
