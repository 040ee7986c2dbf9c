"""The edge rules (`vnner.pipeline.edges`) on the patterns real text of many genres shows."""

import pytest
import spacy

import vnner.pipeline.components  # noqa: F401  (registers the factories)


@pytest.fixture(scope="module")
def rules():
    """A pipeline with every component that runs before and including the edge rules, but no NER:
    the tests set the tagger's spans themselves."""
    nlp = spacy.blank(
        "xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnner.VietnameseTokenizer.v1", "segment": False}}}
    )
    for name in ("sentences", "boilerplate", "bodies", "abbreviations", "edges"):
        nlp.add_pipe(f"vnner_{name}", name=name)
    nlp.initialize()
    return nlp


def ent(text, surface, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return (start, start + len(surface), label)


def tagged(nlp, text, *ents):
    """The document after the components before the edge rules, with the given spans as the tagger's."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "edges":
            break
        doc = proc(doc)
    spans = [doc.char_span(s, e, label=label) for s, e, label in ents]
    assert all(s is not None for s in spans), "a test span is not on token bounds"
    doc.set_ents(spans)
    return doc


def run(nlp, text, *ents):
    doc = nlp.get_pipe("edges")(tagged(nlp, text, *ents))
    return [(e.label_, e.text) for e in doc.ents]


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
def test_a_name_swallowed_by_the_body_after_a_title_is_split_off(rules, text, org, name, kept_org):
    assert run(rules, text, ent(text, org, "ORG")) == [("ORG", kept_org), ("OFFICIAL", name)]


def test_bodies_named_after_people_are_not_split(rules):
    text = "Hiệu trưởng Trường Chính trị Nguyễn Văn Linh và Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh"
    ents = [
        ent(text, "Trường Chính trị Nguyễn Văn Linh", "ORG"),
        ent(text, "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "ORG"),
    ]
    assert run(rules, text, *ents) == [
        ("ORG", "Trường Chính trị Nguyễn Văn Linh"),
        ("ORG", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ]


def test_a_place_after_a_body_is_not_a_name(rules):
    text = "Bí thư Thành ủy Hà Nội làm việc"  # the registry knows the head: the place joins it (decision 26)
    assert run(rules, text, ent(text, "Thành ủy", "ORG")) == [("ORG", "Thành ủy Hà Nội")]
    text = "Bí thư Huyện ủy Cao Văn Thủy làm việc"  # a name after the head is no place
    assert run(rules, text, ent(text, "Huyện ủy", "ORG")) == [("ORG", "Huyện ủy"), ("OFFICIAL", "Cao Văn Thủy")]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Tổng Bí thư Tô Lâm dự hội nghị.", "Tô Lâm"),
        ("Phó Thủ tướng Trần Hồng Hà chủ trì.", "Trần Hồng Hà"),
        ("Thủ tướng Chính phủ Phạm Minh Chính yêu cầu", "Phạm Minh Chính"),
    ],
)
def test_a_name_after_a_leader_title_is_found(rules, text, name):
    ents = [ent(text, "Chính phủ", "ORG")] if "Chính phủ" in text else []
    assert ("OFFICIAL", name) in run(rules, text, *ents)


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("Thực hiện Chỉ thị số 12-CT/TU của Tỉnh ủy", "Thực hiện Chỉ thị số 12-CT/TU", "Chỉ thị số 12-CT/TU"),
        ("Luật Báo chí năm 2016 quy định rõ trách nhiệm", "Luật Báo chí năm 2016 quy định rõ", "Luật Báo chí năm 2016"),
        ("theo Quy định số 05 ngày 4/5/2018 của Bộ Chính trị", "Quy định số 05 ngày 4/5/2018", "Quy định số 05"),
    ],
)
def test_resolution_edges(rules, text, predicted, expected):
    assert run(rules, text, ent(text, predicted, "RESOLUTION")) == [("RESOLUTION", expected)]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("việc làm trái với Hiến pháp", "Hiến pháp"),
        ("Luật phải cụ thể, rõ ràng", "Luật phải cụ thể"),
        ("ban hành các Thông tư hướng dẫn", "các Thông tư hướng dẫn"),
        ("triển khai Chỉ thị, theo đó", "Chỉ thị"),
    ],
)
def test_a_document_type_without_identifier_is_not_a_resolution(rules, text, surface):
    assert run(rules, text, ent(text, surface, "RESOLUTION")) == []


def test_the_party_charter_and_quoted_titles_stay(rules):
    text = "chấp hành Điều lệ, “Quy định về trách nhiệm nêu gương” và Điều lệ Đảng"
    ents = [
        ent(text, "Điều lệ", "RESOLUTION"),
        ent(text, "Quy định về trách nhiệm nêu gương", "RESOLUTION"),
        ent(text, "Điều lệ Đảng", "RESOLUTION"),
    ]
    assert [t for _, t in run(rules, text, *ents)] == ["Điều lệ", "Quy định về trách nhiệm nêu gương", "Điều lệ Đảng"]


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("có 12 công trình được nghiệm thu", "12 công trình được", "12 công trình"),
        ("hỗ trợ 45 triệu đồng/người", "45 triệu", "45 triệu đồng"),
        ("kết nạp 712 đảng viên mới", "712 đảng viên mới", "712 đảng viên"),
        ("trải rộng trên 7 - 8 tỉnh miền núi", "8 tỉnh", "7 - 8 tỉnh"),
    ],
)
def test_quantity_edges(rules, text, predicted, expected):
    assert run(rules, text, ent(text, predicted, "QUANTITY")) == [("QUANTITY", expected)]


def test_a_split_range_is_merged(rules):
    text = "trải rộng trên 7 - 8 tỉnh"
    assert run(rules, text, ent(text, "7", "QUANTITY"), ent(text, "8 tỉnh", "QUANTITY")) == [("QUANTITY", "7 - 8 tỉnh")]


@pytest.mark.parametrize(
    "text, surface", [("3.2. Tổ chức thực hiện", "3.2."), ("báo cáo trước ngày 30/6 hằng năm", "30/6")]
)
def test_section_numbers_and_dates_are_not_quantities(rules, text, surface):
    assert run(rules, text, ent(text, surface, "QUANTITY")) == []


def test_capital_title_lines_are_not_orgs_but_capital_bodies_are(rules):
    text = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nQUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH"
    ents = [ent(text, "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "ORG"), ent(text, "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH", "ORG")]
    assert run(rules, text, *ents) == [("ORG", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")]


def test_an_official_is_a_name(rules):
    text = "tỷ lệ ≥ 25% do ông Lê Văn Ba phụ trách"
    assert run(rules, text, ent(text, "≥ 25%", "OFFICIAL"), ent(text, "Lê Văn Ba", "OFFICIAL")) == [
        ("OFFICIAL", "Lê Văn Ba")
    ]


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
def test_org_edges_and_generic_mentions(rules, text, predicted, expected):
    assert [t for _, t in run(rules, text, ent(text, predicted, "ORG"))] == expected


def test_rules_keep_abbreviations_names_ending_like_stop_words_and_boilerplate(rules):
    text = "Theo TTXVN. Đảng uỷ xã Sủng Là họp; hoàn thành đợt 1 với 35 thanh niên.\nTừ khóa: Tổng Bí thư Tô Lâm"
    ents = [
        ent(text, "TTXVN", "ORG"),
        ent(text, "Đảng uỷ xã Sủng Là", "ORG"),
        ent(text, "1", "QUANTITY"),
        ent(text, "35 thanh niên", "QUANTITY"),
    ]
    got = run(rules, text, *ents)  # "Từ khóa: …" is a tag line: boilerplate, so no name is added there
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
def test_durations_and_identifiers_are_not_quantities(rules, text, surface):
    assert run(rules, text, ent(text, surface, "QUANTITY")) == []


def test_spelled_out_five_is_still_a_count(rules):
    text = "đặt ra năm chỉ tiêu về xây dựng Đảng"
    assert run(rules, text, ent(text, "năm chỉ tiêu", "QUANTITY")) == [("QUANTITY", "năm chỉ tiêu")]


def test_a_document_type_then_a_comma_is_generic(rules):
    text = "Theo Nghị quyết, toà án được tổ chức phiên toà trực tuyến"
    assert run(rules, text, ent(text, "Nghị quyết, toà án", "RESOLUTION")) == []


def test_readers_lawyers_citizens_and_bylines_are_not_officials(rules):
    text = (
        "(Bạn đọc Hồ Thị Lan, Nghệ An)\nLuật gia Trần Đình Phúc\nTS. Hảng A Nênh - Học viện Chính trị\n"
        "Vừ Thị Dính (Ban Tuyên giáo Huyện ủy Mèo Vạc)\nPGS.TS Lê Văn Ba, Phó Hiệu trưởng, phát biểu"
    )
    ents = [
        ent(text, n, "OFFICIAL") for n in ("Hồ Thị Lan", "Trần Đình Phúc", "Hảng A Nênh", "Vừ Thị Dính", "Lê Văn Ba")
    ]
    assert run(rules, text, *ents) == [("OFFICIAL", "Lê Văn Ba")]


def test_a_name_in_a_headline_in_capitals(rules):
    text = "BÍ THƯ TỈNH ỦY NGHỆ AN NGUYỄN KHẮC THẬN LÀM VIỆC VỚI ĐẢNG ỦY XÃ"
    assert ("OFFICIAL", "NGUYỄN KHẮC THẬN") in run(rules, text, ent(text, "TỈNH ỦY NGHỆ AN", "ORG"))


def test_work_days_and_budget_lines_are_quantities(rules):
    text = "đóng góp trên 18.000 ngày công; phê duyệt danh mục 27 dự án; theo phân cấp 118.204 triệu đồng"
    ents = [ent(text, s, "QUANTITY") for s in ("trên 18.000 ngày công", "27 dự án", "118.204 triệu đồng")]
    assert [t for _, t in run(rules, text, *ents)] == ["trên 18.000 ngày công", "27 dự án", "118.204 triệu đồng"]


def test_edges_are_trimmed_but_brackets_and_percent_kept(rules):
    text = "Đảng bộ huyện. Nghị quyết Trung ương 4 (khóa XII) đạt 14,5%."
    ents = [
        (0, 14, "ORG"),
        (text.index("Nghị"), text.index(")") + 1, "RESOLUTION"),
        (text.index("14,5"), len(text), "QUANTITY"),
    ]
    assert run(rules, text, *ents) == [
        ("ORG", "Đảng bộ huyện"),
        ("RESOLUTION", "Nghị quyết Trung ương 4 (khóa XII)"),
        ("QUANTITY", "14,5%"),
    ]


def test_bylines_and_photo_credits_are_not_officials(rules):
    text = "Bí thư Huyện ủy Bùi Hoàng Phan phát biểu. Ảnh: Trần Phú\n\nCơ sở hạ tầng được hoàn thiện.\n\nLê Thảo"
    ents = [ent(text, s, "OFFICIAL") for s in ("Bùi Hoàng Phan", "Trần Phú", "Lê Thảo")]
    assert [t for _, t in run(rules, text, *ents)] == ["Bùi Hoàng Phan"]


def test_a_signature_under_an_upper_case_title_stays(rules):
    text = "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn Thắng"
    assert run(rules, text, ent(text, "Nguyễn Văn Thắng", "OFFICIAL")) == [("OFFICIAL", "Nguyễn Văn Thắng")]


def test_a_short_form_the_document_defines_is_an_org_with_its_place(rules):
    text = "Kho bạc Nhà nước (KBNN) tỉnh Sơn La họp. Năm nay KBNN tỉnh đã giải ngân; KBNN cũng kiểm soát chi."
    got = run(rules, text, ent(text, "Kho bạc Nhà nước (KBNN) tỉnh Sơn La", "ORG"))
    assert got == [("ORG", "Kho bạc Nhà nước (KBNN) tỉnh Sơn La"), ("ORG", "KBNN tỉnh"), ("ORG", "KBNN")]


def test_a_short_form_after_the_whole_name_is_a_span_of_its_own(rules):
    text = "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam (TKV) công bố; TKV cho biết"
    got = run(rules, text, ent(text, "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", "ORG"))
    assert got == [("ORG", "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam"), ("ORG", "TKV"), ("ORG", "TKV")]


def test_a_foreign_acronym_after_a_body_is_its_short_form(rules):
    """Schwartz–Hearst cannot match an English acronym of a Vietnamese name; right after an ORG it is one."""
    text = "Trung tâm Đổi mới sáng tạo Quốc gia (NIC) cho biết. Năm nay NIC hỗ trợ 40 doanh nghiệp."
    assert tagged(rules, text)._.abbreviations == []  # the letters spell nothing in Vietnamese
    got = run(rules, text, ent(text, "Trung tâm Đổi mới sáng tạo Quốc gia", "ORG"))
    assert got == [("ORG", "Trung tâm Đổi mới sáng tạo Quốc gia"), ("ORG", "NIC"), ("ORG", "NIC")]
    index = "Chỉ số chuyển đổi số cấp tỉnh (DTI) tăng; DTI năm nay cao."
    assert run(rules, index) == []  # not after a body: an index, not an ORG


@pytest.mark.parametrize("outlet", ["SGGPO", "Chinhphu.vn", "Đại Đoàn Kết"])
def test_the_outlet_of_a_dateline_is_an_org(rules, outlet):
    text = f"Tiêu đề bài viết\n\n({outlet}) - Sáng 21/8/2025, Ban Thường vụ Thành ủy họp."
    assert ("ORG", outlet) in run(rules, text)


def test_a_bracket_that_is_not_a_dateline_is_left_alone(rules):
    for text in ("(Ảnh minh họa) - chú thích", "(trích) - Theo báo cáo", "Sáng nay (SGGPO) - họp"):
        assert run(rules, text) == []


@pytest.mark.parametrize(
    "text, outlet",
    [("Thủ tướng phát biểu.\nẢnh: VGP/Trần Hải", "VGP"), ("Bài viết.\nThu Hà/VOV.VN", "VOV.VN")],
)
def test_an_outlet_in_a_credit_or_a_byline_is_an_org(rules, text, outlet):
    assert ("ORG", outlet) in run(rules, text)


def test_a_slash_in_running_text_or_an_identifier_is_no_credit(rules):
    assert run(rules, "Thông báo gửi UBND/Ủy ban các xã để biết và thực hiện ngay trong tuần này.") == []
    assert run(rules, "Kế hoạch số 45-KH/TU của Tỉnh ủy") == []


def test_a_foreign_or_minority_name_after_a_form_of_address_is_an_official(rules):
    """No Vietnamese surname to go by: after "Ông"/"Bà" two or three capitalised syllables are the name."""
    assert ("OFFICIAL", "Morita Kazuhiro") in run(rules, "Ông Morita Kazuhiro cho biết cảng sẽ mở rộng.")
    assert ("OFFICIAL", "Hanna Lindqvist") in run(rules, "Bà Hanna Lindqvist, Giám đốc dự án, phát biểu.")
    assert run(rules, "Trưởng đoàn Việt Nam và ông Lê Văn Hòa ký biên bản.") == [("OFFICIAL", "Lê Văn Hòa")]


def test_an_amount_per_unit_ends_before_the_slash(rules):
    text = "mức hỗ trợ 1.200.000 đồng/người/tháng"
    assert run(rules, text, ent(text, "1.200.000 đồng", "QUANTITY")) == [("QUANTITY", "1.200.000 đồng")]


def test_a_name_glued_to_its_title_is_an_official(rules):
    text = "Đại tướngNguyễn Văn An dự lễ"
    assert ("OFFICIAL", "Nguyễn Văn An") in run(rules, text)


def test_rules_are_a_setting_and_a_misspelt_one_names_the_nearest():
    nlp = spacy.blank("xx")
    with pytest.raises(ValueError, match="did you mean 'quantity_edges'"):
        nlp.add_pipe("vnner_edges", config={"rules": ["quantity_edge"]})


def test_two_documents_joined_by_va_are_two_spans_but_an_amending_law_is_one(rules):
    text = "theo luật Đất đai và bộ luật Lao động; Luật sửa đổi, bổ sung Luật Đất đai và Luật Nhà ở"
    ents = [
        ent(text, "luật Đất đai và bộ luật Lao động", "RESOLUTION"),
        ent(text, "Luật sửa đổi, bổ sung Luật Đất đai và Luật Nhà ở", "RESOLUTION"),
    ]
    assert [t for _, t in run(rules, text, *ents)] == [
        "luật Đất đai",
        "bộ luật Lao động",
        "Luật sửa đổi, bổ sung Luật Đất đai và Luật Nhà ở",
    ]


def test_a_count_starts_at_its_number(rules):
    text = "Kho bạc kiểm soát chi 1.200 tỉ đồng"
    assert run(rules, text, ent(text, "chi 1.200 tỉ đồng", "QUANTITY")) == [("QUANTITY", "1.200 tỉ đồng")]


def test_a_title_in_capitals_is_not_taken_for_a_name(rules):
    text = "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An"
    assert ("OFFICIAL", "PHÓ CHỦ TỊCH") not in run(rules, text)


def test_a_coded_number_listed_after_a_document_is_a_document(rules):
    text = "Thực hiện Chương trình số 01-CTr/TU, 03-CTr/TU và 05-CTr/TU của Thành ủy"
    got = run(rules, text, ent(text, "Chương trình số 01-CTr/TU", "RESOLUTION"))
    assert got == [
        ("RESOLUTION", "Chương trình số 01-CTr/TU"),
        ("RESOLUTION", "03-CTr/TU"),
        ("RESOLUTION", "05-CTr/TU"),
    ]


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("luôn được Ban Thường vụ Huyện ủy đặc biệt quan tâm", "Ban Thường vụ Huyện ủy đặc", "Ban Thường vụ Huyện ủy"),
        ("toàn Tập đoàn sản xuất khoảng 42 triệu tấn than", "Tập đoàn sản", "Tập đoàn"),
        ("Thường trực Tỉnh ủy dự Đại hội đại biểu", "Tỉnh ủy", "Tỉnh ủy"),  # a known name's end is kept
    ],
)
def test_a_name_never_ends_inside_a_word(rules, text, predicted, expected):
    assert run(rules, text, ent(text, predicted, "ORG")) == [("ORG", expected)]
