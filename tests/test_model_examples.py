"""The bundled model on the issue's own examples of real-text surface (issue 16): what a user sees first."""

import pytest

from vnner.text import normalize

CASES = [
    ("Kho bạc Nhà nước (KBNN) tỉnh Sơn La cho biết. Năm nay KBNN đã kiểm soát chi.", ("KBNN", "ORG")),
    ("Đoàn kiểm tra làm việc với VKSND tỉnh và UBND TP. Đà Nẵng.", ("UBND TP. Đà Nẵng", "ORG")),
    ("Thực hiện Chỉ thị 15 – CT/TW của Ban Bí thư, tỉnh đã triển khai.", ("Chỉ thị 15 – CT/TW", "RESOLUTION")),
    ("Mức hỗ trợ 1.200.000 đồng/người/tháng.", ("1.200.000 đồng", "QUANTITY")),
    ("Hội nghị có Bộ trưởng Bộ Nội vụ Phạm Thị Hà.", ("Phạm Thị Hà", "OFFICIAL")),
    ("Đại tướngNguyễn Văn An dự lễ.", ("Nguyễn Văn An", "OFFICIAL")),
    (
        "ỦY BAN NHÂN DÂN HUYỆN A CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        ("ỦY BAN NHÂN DÂN HUYỆN A", "ORG"),
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_the_bundled_model_on_real_surface(nlp, text, expected):
    assert expected in [(e.text, e.label_) for e in nlp(normalize(text)).ents]


def test_a_temple_or_a_street_named_after_someone_is_no_official(nlp):
    doc = nlp(normalize("Lễ hội đền Trần Hưng Đạo diễn ra trên phố Lý Thường Kiệt."))
    assert not [e for e in doc.ents if e.label_ == "OFFICIAL"]
