"""Probe sentences: facts on real-looking sentences, with the spans the annotation guidelines give.

Each probe is a sentence, its entities as [[span|LABEL]] markup (what the tagger hands to
enrich), and the fields one entity's norm must have (or an official's record). Written for
issue 10 point 11; every case follows docs/facts.md.
"""

import re

import pytest

from vnner.facts import enrich

MARK = re.compile(r"\[\[(.+?)\|([A-Z]+)\]\]")


def tagged(markup: str) -> tuple[str, list[dict]]:
    """Plain text and entities from "[[span|LABEL]]" markup."""
    text, entities, last = "", [], 0
    for m in MARK.finditer(markup):
        text += markup[last : m.start()]
        entities.append(
            {"start": len(text), "end": len(text) + len(m.group(1)), "label": m.group(2), "text": m.group(1)}
        )
        text += m.group(1)
        last = m.end()
    return text + markup[last:], entities


def norms(markup: str, label: str | None = None) -> list[dict]:
    text, entities = tagged(markup)
    warnings: list[str] = []
    out, _ = enrich(text, entities, warnings)
    assert warnings == []
    return [e["norm"] for e in out if label is None or e["label"] == label]


def officials(markup: str) -> list[dict]:
    text, entities = tagged(markup)
    return enrich(text, entities)[1]


def has(norm: dict, **fields) -> bool:
    return {k: norm.get(k) for k in fields} == fields


# ---- QUANTITY --------------------------------------------------------------------------------

QUANTITIES = [
    (
        "Toàn tỉnh đã tổ chức [[trên 15.000 lượt học viên|QUANTITY]] tham gia học tập.",
        dict(value=15000, unit="lượt học viên", approx="above", percent=False),
    ),
    (
        "Năm qua, ngành đã thực hiện [[hơn 2.000 lượt kiểm tra|QUANTITY]], phát hiện nhiều sai phạm.",
        dict(value=2000, unit="lượt kiểm tra", approx="above"),
    ),
    (
        "Ủy ban Kiểm tra đã tiến hành [[8 cuộc kiểm tra|QUANTITY]] đối với tổ chức đảng.",
        dict(value=8, unit="cuộc kiểm tra", approx=None),
    ),
    ("Hội nghị có [[gần 450 cán bộ|QUANTITY]] chủ chốt tham dự.", dict(value=450, unit="cán bộ", approx="below")),
    ("Huyện hỗ trợ [[khoảng 1.200 hộ|QUANTITY]] nghèo xây nhà.", dict(value=1200, unit="hộ", approx="about")),
    ("Tỷ lệ thu gom rác thải đạt [[gần như 100%|QUANTITY]].", dict(value=100, unit=None, approx="below", percent=True)),
    ("Số đảng viên vi phạm chiếm [[chưa đến 1%|QUANTITY]] tổng số.", dict(value=1, approx="below", percent=True)),
    ("Tỷ lệ hộ nghèo giảm xuống [[dưới 3%|QUANTITY]].", dict(value=3, approx="below", percent=True)),
    ("Mỗi chi bộ phải có ít nhất [[3 đảng viên|QUANTITY]] chính thức.", dict(value=3, unit="đảng viên", approx=None)),
    ("Mỗi đoàn có tối đa [[10 đại biểu|QUANTITY]].", dict(value=10, unit="đại biểu", approx=None)),
    ("Chỉ tiêu kết nạp đảng viên mới ≥ [[25%|QUANTITY]] so với năm trước.", dict(value=25, percent=True, approx=None)),
    ("Chỉ tiêu kết nạp đảng viên mới [[≥ 25%|QUANTITY]] so với năm trước.", dict(value=25, percent=True)),
    ("Tỷ lệ tăng trưởng đạt [[14,5%|QUANTITY]].", dict(value=14.5, percent=True, unit=None)),
    ("Toàn Đảng bộ có [[15.000 đảng viên|QUANTITY]].", dict(value=15000, unit="đảng viên")),
    ("Nghị quyết xác định [[hai nhiệm vụ|QUANTITY]] trọng tâm.", dict(value=2, unit="nhiệm vụ")),
    ("Có [[mười lăm xã|QUANTITY]] đạt chuẩn nông thôn mới.", dict(value=15, unit="xã")),
    ("Tổng kinh phí hỗ trợ là [[45 triệu đồng|QUANTITY]].", dict(value=45_000_000, unit="đồng")),
    ("Tỉnh đã giải ngân [[1,2 tỷ đồng|QUANTITY]] cho các xã.", dict(value=1_200_000_000, unit="đồng")),
    ("Mỗi đảng viên đóng góp [[500 nghìn đồng|QUANTITY]] vào quỹ.", dict(value=500_000, unit="đồng")),
    (
        "Có [[78/89 đồng chí|QUANTITY]] được đánh giá hoàn thành tốt nhiệm vụ.",
        dict(value=78, ratio=[78, 89], unit="đồng chí"),
    ),
    ("Năm 2024, huyện mở [[06 lớp|QUANTITY]] bồi dưỡng lý luận chính trị.", dict(value=6, unit="lớp")),
    ("Huyện xác định [[Ba đột phá|QUANTITY]] chiến lược.", dict(value=3, unit="đột phá")),
    ("Nguồn thu đạt [[hơn 38,6 tỷ đồng|QUANTITY]].", dict(value=38_600_000_000, unit="đồng", approx="above")),
    ("Diện tích trồng rừng mới [[khoảng 2,5 ha|QUANTITY]].", dict(value=2.5, unit="ha", approx="about")),
    ("Buổi lễ có [[trên dưới 300 người|QUANTITY]] tham dự.", dict(value=300, unit="người", approx="about")),
    ("Có [[hai mươi lăm chi bộ|QUANTITY]] được công nhận trong sạch, vững mạnh.", dict(value=25, unit="chi bộ")),
    ("Mỗi người được hỗ trợ [[12 triệu đồng|QUANTITY]]/tháng.", dict(value=12_000_000, unit="đồng")),
]

RANGES = [
    ("Dự kiến sáp nhập [[7 - 8 tỉnh|QUANTITY]] trong năm tới.", dict(value=7, max=8, unit="tỉnh")),
    ("Dự kiến sáp nhập [[7-8 tỉnh|QUANTITY]] trong năm tới.", dict(value=7, max=8, unit="tỉnh")),
    ("Mỗi năm mở [[từ 5 đến 7 lớp|QUANTITY]] bồi dưỡng.", dict(value=5, max=7, unit="lớp")),
    ("Mỗi năm mở từ [[5 đến 7 lớp|QUANTITY]] bồi dưỡng.", dict(value=5, max=7, unit="lớp")),
    (
        "Mỗi xã bố trí [[khoảng 3 - 5 cán bộ|QUANTITY]] chuyên trách.",
        dict(value=3, max=5, unit="cán bộ", approx="about"),
    ),
    ("Lãi suất giảm [[1,5 - 2%|QUANTITY]].", dict(value=1.5, max=2, percent=True)),
]


@pytest.mark.parametrize("markup, fields", QUANTITIES + RANGES)
def test_quantities(markup, fields):
    [norm] = norms(markup, "QUANTITY")
    assert has(norm, **fields), norm


def test_a_single_number_has_no_max():
    [norm] = norms("Toàn huyện có [[27 tổ chức cơ sở đảng|QUANTITY]].", "QUANTITY")
    assert "max" not in norm


# ---- RESOLUTION ------------------------------------------------------------------------------

RESOLUTIONS = [
    (
        "Nghị định số 43/2006/NĐ-CP quy định quyền tự chủ.",
        "[[Nghị định số 43/2006/NĐ-CP|RESOLUTION]] quy định quyền tự chủ.",
        dict(type="Nghị định", number="43/2006/NĐ-CP", issuer="Chính phủ"),
    ),
    (
        None,
        "Thực hiện [[Quyết định số 865-QĐ/TU|RESOLUTION]], các cấp ủy đã kiện toàn bộ máy.",
        dict(type="Quyết định", number="865-QĐ/TU", issuer="Tỉnh ủy"),
    ),
    (
        None,
        "Theo [[Thông tư 01/2023/TT-BNV|RESOLUTION]], việc đánh giá được thực hiện hằng năm.",
        dict(type="Thông tư", number="01/2023/TT-BNV", issuer="Bộ Nội vụ"),
    ),
    (
        None,
        "Thực hiện [[Chỉ thị 05-CT/TW|RESOLUTION]], Huyện ủy đã xây dựng kế hoạch.",
        dict(type="Chỉ thị", number="05-CT/TW", issuer="Ban Chấp hành Trung ương", key="chỉ thị|5-ct/tw"),
    ),
    (
        None,
        "Thực hiện [[Quy định số 37-QĐi/TW|RESOLUTION]] về những điều đảng viên không được làm.",
        dict(type="Quy định", number="37-QĐi/TW"),
    ),
    (
        None,
        "Ủy ban nhân dân huyện ban hành [[Kế hoạch số 12-KH/UBND|RESOLUTION]] triển khai nhiệm vụ.",
        dict(type="Kế hoạch", number="12-KH/UBND", issuer="Ủy ban nhân dân"),
    ),
    (
        None,
        "Thực hiện [[Nghị quyết số 18-NQ/TW|RESOLUTION]] ngày 25/10/2017 của [[Ban Chấp hành Trung ương|ORG]], tỉnh "
        "đã sắp xếp bộ máy.",
        dict(type="Nghị quyết", number="18-NQ/TW", issuer="Ban Chấp hành Trung ương"),
    ),
    (
        None,
        "Theo [[Nghị quyết số 45/2023/NQ-HĐND|RESOLUTION]], tỉnh hỗ trợ kinh phí.",
        dict(type="Nghị quyết", issuer="Hội đồng nhân dân"),
    ),
    (
        None,
        "[[Luật Báo chí năm 2016|RESOLUTION]] quy định rõ quyền của nhà báo.",
        dict(type="Luật", number=None, key="luật|báo chí 2016"),
    ),
    (
        None,
        "[[Hiến pháp năm 2013|RESOLUTION]] khẳng định vai trò lãnh đạo của Đảng.",
        dict(type="Hiến pháp", number=None, key="hiến pháp|2013"),
    ),
    (
        None,
        "Tăng cường kiểm tra việc chấp hành [[Điều lệ Đảng|RESOLUTION]] của các chi bộ.",
        dict(type="Điều lệ", issuer="Đảng", key="điều lệ|đảng"),
    ),
    (
        None,
        "Kiểm tra việc chấp hành [[Điều lệ Đảng|RESOLUTION]] của [[Đảng bộ xã Tân Lập|ORG]] trong nhiệm kỳ.",
        dict(type="Điều lệ", issuer="Đảng"),
    ),
    (
        None,
        "Thực hiện [[Nghị quyết Trung ương 4 (khóa XII)|RESOLUTION]], Đảng bộ tập trung chỉnh đốn.",
        dict(type="Nghị quyết", session="Trung ương 4", term="XII", key="nghị quyết|trung ương 4|xii"),
    ),
    (
        None,
        "Quán triệt [[Nghị quyết T.Ư 4 (khoá XII)|RESOLUTION]] đến từng chi bộ.",
        dict(type="Nghị quyết", session="Trung ương 4", term="XII", key="nghị quyết|trung ương 4|xii"),
    ),
    (
        None,
        "Thực hiện [[Quyết định số 1.283-QĐ/TU|RESOLUTION]] của [[Ban Thường vụ Tỉnh ủy|ORG]].",
        dict(number="1.283-QĐ/TU", issuer="Ban Thường vụ Tỉnh ủy", key="quyết định|1283-qđ/tu"),
    ),
    (
        None,
        "Thực hiện [[Kế hoạch số 112-KH/HU|RESOLUTION]], các chi bộ tổ chức sinh hoạt chuyên đề.",
        dict(type="Kế hoạch", issuer="Huyện ủy"),
    ),
    (
        None,
        "Theo [[Quyết định số 1234/QĐ-TTg|RESOLUTION]], đề án được phê duyệt.",
        dict(type="Quyết định", issuer="Thủ tướng Chính phủ"),
    ),
    (None, "[[Luật số 12/2024/QH15|RESOLUTION]] có hiệu lực từ ngày 1/1/2025.", dict(type="Luật", issuer="Quốc hội")),
]


@pytest.mark.parametrize("_, markup, fields", RESOLUTIONS)
def test_resolutions(_, markup, fields):
    norm = norms(markup, "RESOLUTION")[0]
    assert has(norm, **fields), norm


def test_law_list_gives_three_laws():
    laws = norms(
        "Quốc hội thông qua [[Luật Thủy lợi|RESOLUTION]], [[Luật Lâm nghiệp|RESOLUTION]] và [[Luật Trồng "
        "trọt|RESOLUTION]]."
    )
    assert [n["type"] for n in laws] == ["Luật"] * 3
    assert [n["key"] for n in laws] == ["luật|thủy lợi", "luật|lâm nghiệp", "luật|trồng trọt"]


@pytest.mark.parametrize(
    "short, full",
    [
        ("Kết luận 21", "Kết luận số 21-KL/TW"),
        ("Nghị quyết 18", "Nghị quyết số 18-NQ/TW"),
        ("Chỉ thị 05", "Chỉ thị số 05-CT/TW"),
    ],
)
def test_short_and_full_number_share_a_key(short, full):
    for markup in (
        f"Thực hiện [[{full}|RESOLUTION]] của [[Bộ Chính trị|ORG]], Đảng bộ đã sơ kết [[{short}|RESOLUTION]].",
        f"Sơ kết [[{short}|RESOLUTION]]; theo [[{full}|RESOLUTION]], các cấp ủy phải báo cáo.",
        f"Thực hiện [[{full}|RESOLUTION]], Đảng bộ đã sơ kết [[{short}|RESOLUTION]] của [[Bộ Chính trị|ORG]].",
    ):
        a, b = norms(markup, "RESOLUTION")
        assert a["key"] == b["key"], markup


def test_session_spellings_share_a_key():
    keys = {
        n["key"]
        for n in norms(
            "Thực hiện [[Nghị quyết Trung ương 4 (khóa XII)|RESOLUTION]] và [[Nghị quyết T.Ư 4 (khoá "
            "XII)|RESOLUTION]], "
            "khác với [[Nghị quyết Trung ương 4 (khóa XI)|RESOLUTION]]."
        )
    }
    assert keys == {"nghị quyết|trung ương 4|xii", "nghị quyết|trung ương 4|xi"}


# ---- ORG -------------------------------------------------------------------------------------

ORGS = [
    ("UBND tỉnh Lâm Đồng", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("HĐND huyện Tiên Du", "Hội đồng nhân dân huyện Tiên Du"),
    ("Uỷ ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("BTV Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
    ("UBKT Huyện uỷ Kim Sơn", "Ủy ban Kiểm tra Huyện ủy Kim Sơn"),
    ("Thành ủy TP. Hồ Chí Minh", "Thành ủy thành phố Hồ Chí Minh"),
    ("Ban Chấp hành T.Ư", "Ban Chấp hành Trung ương"),
    ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("TỈNH ỦY LÀO CAI", "Tỉnh ủy Lào Cai"),
    ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
    ("HỘI ĐỒNG NHÂN DÂN HUYỆN CHÂU THÀNH", "Hội đồng nhân dân huyện Châu Thành"),
    ("BAN TỔ CHỨC TỈNH ỦY", "Ban Tổ chức Tỉnh ủy"),
    ("Uỷ ban Kiểm tra Tỉnh uỷ", "Ủy ban Kiểm tra Tỉnh ủy"),
]


@pytest.mark.parametrize("span, canonical", ORGS)
def test_org_canonical_in_a_sentence(span, canonical):
    [norm] = norms(f"Đại diện [[{span}|ORG]] phát biểu tại hội nghị.", "ORG")
    assert norm["canonical"] == canonical


def test_bare_committee_takes_the_body_the_document_names():
    found = norms(
        "[[Huyện ủy Tiên Du|ORG]] tổ chức hội nghị sơ kết. Theo báo cáo của [[Huyện uỷ|ORG]], "
        "[[Ban Thường vụ Huyện ủy|ORG]] đã chỉ đạo [[UBND huyện|ORG]] phối hợp với [[UBND huyện Tiên Du|ORG]].",
        "ORG",
    )
    assert [n["canonical"] for n in found] == [
        "Huyện ủy Tiên Du",
        "Huyện ủy Tiên Du",
        "Ban Thường vụ Huyện ủy Tiên Du",
        "Ủy ban nhân dân huyện Tiên Du",
        "Ủy ban nhân dân huyện Tiên Du",
    ]
    assert all("scope" not in n for n in found)


def test_bare_committee_without_its_full_name_is_scoped_to_the_document():
    found = norms("Theo báo cáo của [[Tỉnh ủy|ORG]], [[HĐND huyện|ORG]] đã họp.", "ORG")
    assert [n["canonical"] for n in found] == ["Tỉnh ủy", "Hội đồng nhân dân huyện"]
    assert [n.get("scope") for n in found] == ["document", "document"]


def test_two_different_full_bodies_leave_the_bare_one_scoped():
    found = norms("[[Huyện ủy Tiên Du|ORG]] và [[Huyện ủy Quế Võ|ORG]] cùng báo cáo; [[Huyện ủy|ORG]] đã họp.", "ORG")
    assert found[2] == {"canonical": "Huyện ủy", "scope": "document"}


# ---- OFFICIAL --------------------------------------------------------------------------------


def person(markup: str, name: str) -> dict:
    return next(o for o in officials(markup) if o["name"] == name)


def test_title_and_body_before_the_name_without_a_comma():
    p = person(
        "Giám đốc [[Sở Nội vụ|ORG]] [[Trần Thị Lan|OFFICIAL]] cho biết, năm nay tỉnh tinh giản 120 biên chế.",
        "Trần Thị Lan",
    )
    assert (p["titles"], p["orgs"]) == (["Giám đốc"], ["Sở Nội vụ"])


def test_title_and_body_before_the_name_without_org_entity():
    p = person("Bí thư Huyện ủy Kim Sơn [[Đinh Văn Hùng|OFFICIAL]] phát biểu chỉ đạo.", "Đinh Văn Hùng")
    assert (p["titles"], p["orgs"]) == (["Bí thư"], ["Huyện ủy Kim Sơn"])


def test_post_after_a_dash():
    p = person(
        "Ông [[Nguyễn Văn Tám|OFFICIAL]] - Chủ tịch [[UBND huyện Châu Thành|ORG]] cho biết thêm.", "Nguyễn Văn Tám"
    )
    assert p["titles"] == ["Chủ tịch UBND huyện Châu Thành"]
    assert p["orgs"] == ["UBND huyện Châu Thành"]


def test_colon_list_of_officials():
    found = officials(
        "Dự hội nghị có các đồng chí: [[Nguyễn Văn Nam|OFFICIAL]], Ủy viên [[Ban Thường vụ Tỉnh ủy|ORG]], Trưởng "
        "[[ban Tổ chức Tỉnh ủy|ORG]]; [[Trần Thị Mai|OFFICIAL]], Phó Chủ tịch [[UBND tỉnh|ORG]]."
    )
    assert [(o["name"], o["titles"], o["orgs"]) for o in found] == [
        (
            "Nguyễn Văn Nam",
            ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng ban Tổ chức Tỉnh ủy"],
            ["Ban Thường vụ Tỉnh ủy", "ban Tổ chức Tỉnh ủy"],
        ),
        ("Trần Thị Mai", ["Phó Chủ tịch UBND tỉnh"], ["UBND tỉnh"]),
    ]


@pytest.mark.parametrize(
    "markup, name, titles, orgs",
    [
        ("Tổng Bí thư [[Tô Lâm|OFFICIAL]] chủ trì hội nghị.", "Tô Lâm", ["Tổng Bí thư"], []),
        (
            "Thủ tướng [[Chính phủ|ORG]] [[Phạm Minh Chính|OFFICIAL]] dự và chỉ đạo.",
            "Phạm Minh Chính",
            ["Thủ tướng"],
            ["Chính phủ"],
        ),
        ("Phó Thủ tướng [[Trần Hồng Hà|OFFICIAL]] kiểm tra tiến độ dự án.", "Trần Hồng Hà", ["Phó Thủ tướng"], []),
        ("Chủ tịch nước [[Lương Cường|OFFICIAL]] trao Huân chương.", "Lương Cường", ["Chủ tịch nước"], []),
        (
            "Đồng chí [[Lê Đình Sơn|OFFICIAL]], Ủy viên [[Trung ương Đảng|ORG]], Bí thư [[Tỉnh ủy|ORG]] phát biểu.",
            "Lê Đình Sơn",
            ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"],
            ["Trung ương Đảng", "Tỉnh ủy"],
        ),
        (
            "Phó Bí thư Thường trực [[Huyện uỷ|ORG]] [[Rơ Mah Thuyên|OFFICIAL]] cho biết.",
            "Rơ Mah Thuyên",
            ["Phó Bí thư Thường trực"],
            ["Huyện uỷ"],
        ),
    ],
)
def test_titles_of_national_and_local_leaders(markup, name, titles, orgs):
    p = person(markup, name)
    assert (p["titles"], p["orgs"]) == (titles, orgs)


def test_later_bare_given_name_joins_the_full_name():
    found = officials(
        "Đồng chí [[Bùi Hoàng Phan|OFFICIAL]], Bí thư [[Huyện ủy Thanh Oai|ORG]] chủ trì. "
        "Kết luận hội nghị, đồng chí [[Phan|OFFICIAL]] yêu cầu các chi bộ khắc phục hạn chế."
    )
    assert len(found) == 1 and found[0]["name"] == "Bùi Hoàng Phan"
    assert len(found[0]["mentions"]) == 2


@pytest.mark.parametrize(
    "block, title",
    [
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n[[Nguyễn Văn A|OFFICIAL]]", "Phó Chủ tịch"),
        ("TM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n(Đã ký)\n\n[[Trần Văn Bình|OFFICIAL]]", "Phó Bí thư"),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n[[Lê Thị Hoa|OFFICIAL]]\n", "Chủ tịch"),
    ],
)
def test_signature_block_gives_the_title_above_the_name(block, title):
    _text, _ = tagged(block)
    [p] = officials("Nơi nhận:\n- Như trên;\n- Lưu VT.\n" + block)
    assert title in p["titles"]


def test_report_keeps_unresolved_bare_bodies_of_two_documents_apart():
    from vnner.views.report import Tables

    tables = Tables()
    for doc, markup in [
        ("a", "[[Huyện ủy|ORG]] họp."),
        ("b", "[[Huyện uỷ|ORG]] họp."),
        ("c", "[[Huyện ủy Tiên Du|ORG]] và [[Huyện ủy|ORG]] họp."),
        ("d", "[[Huyện ủy Tiên Du|ORG]] họp."),
    ]:
        text, entities = tagged(markup)
        tables.add({"id": doc, "text": text, "entities": entities})
    rows = {(r["canonical"], r["mentions"]) for r in tables.rows()["organisations"]}
    assert rows == {("Huyện ủy", 1), ("Huyện ủy Tiên Du", 3)}
    assert len(tables.rows()["organisations"]) == 3


def test_post_in_brackets_after_the_name():
    p = person("Đồng chí [[Vũ Hải Sản|OFFICIAL]] (Bí thư [[Huyện ủy|ORG]]) phát biểu.", "Vũ Hải Sản")
    assert (p["titles"], p["orgs"]) == (["Bí thư Huyện ủy"], ["Huyện ủy"])
    assert person("Đồng chí [[Nguyễn Văn A|OFFICIAL]] (ảnh) phát biểu.", "Nguyễn Văn A")["titles"] == []


def test_standing_member_of_the_secretariat():
    p = person(
        "Dự có đồng chí [[Trần Cẩm Tú|OFFICIAL]], Ủy viên [[Bộ Chính trị|ORG]], Thường trực Ban Bí thư.", "Trần Cẩm Tú"
    )
    assert p["titles"] == ["Ủy viên Bộ Chính trị", "Thường trực Ban Bí thư"]


@pytest.mark.parametrize(
    "markup, fields",
    [
        ("Hỗ trợ [[2 - 3 tỷ đồng|QUANTITY]] mỗi năm.", dict(value=2_000_000_000, max=3_000_000_000, unit="đồng")),
        ("Mức hỗ trợ [[từ 10 đến 15 triệu đồng|QUANTITY]].", dict(value=10_000_000, max=15_000_000, unit="đồng")),
        (
            "Mỗi chi bộ có [[ít nhất 3 đảng viên|QUANTITY]] (a span that took the word in).",
            dict(value=3, unit="đảng viên", approx=None),
        ),
        ("Có [[20/20 xã|QUANTITY]], thị trấn hoàn thành.", dict(value=20, ratio=[20, 20], unit="xã")),
        ("Khiển trách [[80|QUANTITY]], cảnh cáo [[08|QUANTITY]].", dict(value=80, unit=None)),
    ],
)
def test_more_quantities(markup, fields):
    assert has(norms(markup, "QUANTITY")[0], **fields)


def test_elliptical_law_list_takes_the_type():
    laws = norms(
        "Quốc hội thông qua [[Luật Thủy lợi|RESOLUTION]], [[Lâm nghiệp|RESOLUTION]] và [[Trồng trọt|RESOLUTION]]."
    )
    assert [(n["type"], n["key"]) for n in laws] == [
        ("Luật", "luật|thủy lợi"),
        ("Luật", "luật|lâm nghiệp"),
        ("Luật", "luật|trồng trọt"),
    ]


@pytest.mark.parametrize(
    "markup, name, titles, orgs",
    [
        (
            "Phát biểu tại hội nghị, Bí thư [[Tỉnh ủy|ORG]], đồng chí [[Nguyễn Văn An|OFFICIAL]] nhấn mạnh.",
            "Nguyễn Văn An",
            ["Bí thư Tỉnh ủy"],
            ["Tỉnh ủy"],
        ),
        (
            "Ủy viên [[Trung ương Đảng|ORG]], Bí thư [[Tỉnh ủy|ORG]], Chủ tịch [[HĐND tỉnh|ORG]] [[Lê Văn "
            "Bình|OFFICIAL]] phát biểu.",
            "Lê Văn Bình",
            ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch"],
            ["Trung ương Đảng", "Tỉnh ủy", "HĐND tỉnh"],
        ),
        (
            "Dự có đồng chí [[Trần Văn Xuân|OFFICIAL]], Bí thư [[Tỉnh ủy|ORG]], đồng chí [[Lê Văn Yên|OFFICIAL]], "
            "Chủ tịch [[UBND tỉnh|ORG]].",
            "Lê Văn Yên",
            ["Chủ tịch UBND tỉnh"],
            ["UBND tỉnh"],
        ),
        (
            "Dự có các đồng chí: [[Trần Văn Xuân|OFFICIAL]], Bí thư [[Tỉnh ủy|ORG]], [[Lê Văn Yên|OFFICIAL]], Chủ "
            "tịch [[UBND tỉnh|ORG]].",
            "Lê Văn Yên",
            ["Chủ tịch UBND tỉnh"],
            ["UBND tỉnh"],
        ),
    ],
)
def test_posts_listed_before_the_name(markup, name, titles, orgs):
    p = person(markup, name)
    assert (p["titles"], p["orgs"]) == (titles, orgs)


@pytest.mark.parametrize(
    "markup, fields",
    [
        ("Chỉ tiêu kết nạp [[≥25%|QUANTITY]] so với năm trước.", dict(value=25, percent=True, approx=None)),
        ("Tỷ lệ bao phủ bảo hiểm y tế [[>90%|QUANTITY]].", dict(value=90, percent=True, approx="above")),
        ("Tỷ lệ hộ nghèo [[<3%|QUANTITY]].", dict(value=3, percent=True, approx="below")),
        ("Mỗi lớp [[≤ 40 học viên|QUANTITY]].", dict(value=40, unit="học viên", approx=None)),
    ],
)
def test_signs_glued_to_the_number(markup, fields):
    assert has(norms(markup, "QUANTITY")[0], **fields)


@pytest.mark.parametrize(
    "span, canonical",
    [
        ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư"),  # "TƯ" here is a syllable, not Trung ương
        ("UBND TỈNH BẮC KẠN", "Ủy ban nhân dân tỉnh Bắc Kạn"),
        ("ĐẢNG ỦY XÃ TÂN LẬP", "Đảng ủy xã Tân Lập"),
        ("Thành ủy TP.HCM", "Thành ủy thành phố Hồ Chí Minh"),
        ("Đoàn TNCS Hồ Chí Minh tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"),
        ("LĐLĐ tỉnh Nghệ An", "Liên đoàn Lao động tỉnh Nghệ An"),
        ("UBND Tp. Đà Nẵng", "Ủy ban nhân dân thành phố Đà Nẵng"),
    ],
)
def test_more_org_spellings(span, canonical):
    [norm] = norms(f"Đại diện [[{span}|ORG]] phát biểu.", "ORG")
    assert norm["canonical"] == canonical


def test_signature_title_in_ordinary_case_and_only_a_title_line_counts():
    found = officials(
        "KT. Chủ tịch\nPhó Chủ tịch\n\n[[Nguyễn Văn An|OFFICIAL]]\nGhi chú:\nhôm nay\n[[Trần Văn Bình|OFFICIAL]]"
    )
    assert [(o["name"], o["titles"]) for o in found] == [("Nguyễn Văn An", ["Phó Chủ tịch"]), ("Trần Văn Bình", [])]


@pytest.mark.parametrize(
    "markup, fields",
    [
        (
            "Theo [[Tờ trình số 118/TTr-STC|RESOLUTION]], tỉnh bổ sung dự toán.",
            dict(type="Tờ trình", issuer="Sở Tài chính"),
        ),
        (
            "Theo [[Báo cáo số 45/BC-UBND|RESOLUTION]], thu ngân sách tăng.",
            dict(type="Báo cáo", issuer="Ủy ban nhân dân"),
        ),
        (
            "Triển khai [[Đề án 06|RESOLUTION]] của [[Chính phủ|ORG]] về dữ liệu dân cư.",
            dict(type="Đề án", number="06", issuer="Chính phủ"),
        ),
        (
            "Thực hiện [[Công điện số 5/CĐ-TTg|RESOLUTION]], tỉnh ứng phó bão.",
            dict(type="Công điện", issuer="Thủ tướng Chính phủ"),
        ),
        (
            "Đoàn viên chấp hành [[Điều lệ Đoàn|RESOLUTION]].",
            dict(type="Điều lệ", issuer="Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        ),
        (
            "[[Luật Khiếu nại số 02/2011/QH13|RESOLUTION]] quy định rõ.",
            dict(type="Luật", number="02/2011/QH13", issuer="Quốc hội"),
        ),
        ("Căn cứ [[số 45/BC-UBND|RESOLUTION]] ngày 3/4/2024.", dict(type="Báo cáo", number="45/BC-UBND")),
    ],
)
def test_documents_beyond_the_main_types(markup, fields):
    assert has(norms(markup, "RESOLUTION")[0], **fields)


def test_a_half_measures_like_a_percentage():
    assert has(
        norms("Có [[gần một nửa|QUANTITY]] số xã đạt chuẩn.", "QUANTITY")[0], value=0.5, approx="below", unit=None
    )


@pytest.mark.parametrize(
    "markup, name, titles, orgs",
    [
        (
            "Đồng chí [[Nguyễn Văn Lợi|OFFICIAL]], Bí thư Tỉnh ủy, Trưởng đoàn đại biểu Quốc hội tỉnh phát biểu.",
            "Nguyễn Văn Lợi",
            ["Bí thư Tỉnh ủy", "Trưởng đoàn đại biểu Quốc hội tỉnh"],
            ["Tỉnh ủy", "đoàn đại biểu Quốc hội tỉnh"],
        ),
        (
            "Giám đốc Công an tỉnh, Đại tá [[Nguyễn Văn Hải|OFFICIAL]] báo cáo.",
            "Nguyễn Văn Hải",
            ["Giám đốc Công an tỉnh"],
            ["Công an tỉnh"],
        ),
        (
            "Đồng chí [[Phạm Thị Hoa|OFFICIAL]] được bầu giữ chức Bí thư Đảng ủy xã Tân Lập.",
            "Phạm Thị Hoa",
            ["Bí thư Đảng ủy xã Tân Lập"],
            ["Đảng ủy xã Tân Lập"],
        ),
    ],
)
def test_delegations_ranks_and_elections(markup, name, titles, orgs):
    p = person(markup, name)
    assert (p["titles"], p["orgs"]) == (titles, orgs)
