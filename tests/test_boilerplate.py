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


def test_a_page_joined_on_one_line_is_running_text_though_it_holds_a_footer():
    """Scraped pages arrive as one line: a footer phrase inside it must not silence the whole page."""
    footer = "© Bản quyền thuộc Báo Hưng Yên. Ghi rõ nguồn khi phát hành lại thông tin từ website này."
    body = "Ban Thường vụ Tỉnh ủy Hưng Yên tổ chức hội nghị quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị. " * 3
    assert boilerplate_ranges(footer) == [(0, len(footer))]
    assert boilerplate_ranges(body + footer) == []
    assert boilerplate_ranges(body + "\n" + footer) == [(len(body) + 1, len(body) + 1 + len(footer))]


def test_a_long_page_line_keeps_its_entities(nlp):
    line = (
        "Thứ Hai, 21/10/2024 - 08:00 Chủ tịch UBND tỉnh Hưng Yên Trần Quốc Văn chủ trì họp nghe Sở Tài chính báo "
        "cáo về dự toán năm 2025 với tổng chi 20.000 tỷ đồng, bám sát Nghị quyết của Hội đồng nhân dân tỉnh "
        "© 2019 Copyright by Báo Hưng Yên"
    )
    assert len(line) > 200
    labels = {e.label_ for e in nlp(line).ents}
    assert {"ORG", "OFFICIAL", "QUANTITY"} <= labels
