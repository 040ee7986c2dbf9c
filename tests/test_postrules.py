from vnner.pipeline.postrules import apply, trim


def _ent(text, surface, label):
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "label": label, "text": surface}


def test_edges_are_trimmed_but_brackets_and_percent_kept():
    text = "Đảng bộ huyện. Nghị quyết Trung ương 4 (khóa XII) đạt 14,5%."
    assert trim(text, 0, 14) == (0, 13)
    start = text.index("Nghị")
    assert text[slice(*trim(text, start, text.index(")") + 1))].endswith("(khóa XII)")
    assert text[slice(*trim(text, text.index("14,5"), len(text)))] == "14,5%"


def test_quantity_without_a_number_is_dropped():
    text = "được chấn chỉnh trên nhiều lĩnh vực; kết nạp hai đảng viên và 12 chi bộ"
    ents = [
        _ent(text, "trên nhiều lĩnh vực", "QUANTITY"),
        _ent(text, "hai đảng viên", "QUANTITY"),
        _ent(text, "12 chi bộ", "QUANTITY"),
    ]
    assert [e["text"] for e in apply(text, ents)] == ["hai đảng viên", "12 chi bộ"]


def test_bylines_and_photo_credits_are_not_officials():
    text = "Bí thư Huyện ủy Bùi Hoàng Phan phát biểu. Ảnh: Trần Phú\n\nCơ sở hạ tầng được hoàn thiện.\n\nLê Thảo"
    ents = [
        _ent(text, "Bùi Hoàng Phan", "OFFICIAL"),
        _ent(text, "Trần Phú", "OFFICIAL"),
        _ent(text, "Lê Thảo", "OFFICIAL"),
    ]
    assert [e["text"] for e in apply(text, ents)] == ["Bùi Hoàng Phan"]


def test_a_signature_under_an_upper_case_title_stays():
    text = "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn Thắng"
    assert [e["text"] for e in apply(text, [_ent(text, "Nguyễn Văn Thắng", "OFFICIAL")])] == ["Nguyễn Văn Thắng"]
