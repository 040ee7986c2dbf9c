from vnner.pipeline.boilerplate import boilerplate_ranges


def test_footer_link_lists_and_counters_are_boilerplate(raw_texts):
    text = raw_texts["hungyen-city-party-2015-2020"]
    lines = [text[s:e] for s, e in boilerplate_ranges(text)]
    assert "Bài viết khác" in lines
    assert any(line.startswith("• Kim Động") for line in lines)
    assert any(line.startswith("Hôm nay122") for line in lines)
    assert any(line.startswith("© 2019") for line in lines)
    # The editor line names an official (docs/annotation-decisions.md, decision 2).
    assert not any(line.startswith("Trưởng ban biên tập") for line in lines)
    # No body paragraph is boilerplate.
    assert not any("712 đảng viên" in line for line in lines)


def test_timestamp_and_mobile_link_are_boilerplate(raw_texts):
    songlo = raw_texts["songlo-resolution4-changes"]
    assert "11:10 | 22/10/2020" in [songlo[s:e] for s, e in boilerplate_ranges(songlo)]
    thanhoai = raw_texts["thanhoai-program01-midterm"]
    assert "Phiên bản di động" in [thanhoai[s:e] for s, e in boilerplate_ranges(thanhoai)]


def test_list_ends_at_first_non_item_line():
    text = "Tin liên quan\n• Một tin (01/02/2023)\nĐảng bộ xã Tân Lập kết nạp 12 đảng viên."
    ranges = boilerplate_ranges(text)
    assert [text[s:e] for s, e in ranges] == ["Tin liên quan", "• Một tin (01/02/2023)"]


def test_official_headers_and_web_furniture_are_boilerplate():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: 12/2023/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nTrang chủ > Xây dựng Đảng > Tin tức\nTừ khóa: đảng viên, Đảng bộ tỉnh\n"
        "Thứ Hai, 12/08/2024 09:30 (GMT+7)\nCăn cứ Luật Tổ chức chính quyền địa phương;"
    )
    lines = [text[s:e] for s, e in boilerplate_ranges(text)]
    assert lines == [
        "Số: 12/2023/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Trang chủ > Xây dựng Đảng > Tin tức",
        "Từ khóa: đảng viên, Đảng bộ tỉnh",
        "Thứ Hai, 12/08/2024 09:30 (GMT+7)",
    ]
