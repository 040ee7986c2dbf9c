"""`vnner report`: CSV tables from extract output (vnner.views.report, vnner.cli.report_cmd)."""

import csv
import json
import re

import pytest
from typer.testing import CliRunner

from vnner.cli import app
from vnner.facts import enrich
from vnner.pipeline.sentences import text_sentences
from vnner.views.report import ReportInputError, report

# Real sentences: Thanh Oai and Sông Lô articles (shared/corpus/raw)
THANH_OAI = (
    "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan phát biểu chỉ đạo tại Hội nghị.\n\n"
    "Theo báo cáo của Huyện uỷ Thanh Oai, trong 9 chỉ tiêu Chương trình 01 của Thành ủy, Huyện ủy đề ra, "
    "có 7/9 chỉ tiêu đều đạt và vượt; 2/9 chỉ tiêu gặp khó khăn quyết tâm phấn đấu đến cuối nhiệm kỳ."
)
SONG_LO = (
    "Thực hiện Nghị quyết Trung ương 4 (khóa XII) về “Tăng cường xây dựng, chỉnh đốn Đảng”, Huyện ủy Sông Lô lãnh đạo, "
    "chỉ đạo các chi, Đảng bộ trực thuộc thực hiện nghiêm túc.\n\n"
    "Một trong những giải pháp mang tính quyết định đó chính là đưa các nội dung của Nghị quyết T.Ư 4 vào cuộc "
    "sống.\n\n"
    "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên bình quân đạt hơn 94%."
)


def entity(text, surface, label, nth=0):
    m = list(re.finditer(re.escape(surface), text))[nth]
    return {"start": m.start(), "end": m.end(), "label": label, "text": surface}


def extract_line(doc_id, text, entities, with_norms=True):
    sentences = [[s, e] for s, e in text_sentences(text)]
    if with_norms:
        entities, officials = enrich(text, entities)
        return {"id": doc_id, "text": text, "sentences": sentences, "entities": entities, "officials": officials}
    return {"id": doc_id, "text": text, "sentences": sentences, "entities": entities}


@pytest.fixture
def extracted(tmp_path):
    thanh_oai = [
        entity(THANH_OAI, "Huyện ủy Thanh Oai", "ORG"),
        entity(THANH_OAI, "Bùi Hoàng Phan", "OFFICIAL"),
        entity(THANH_OAI, "Huyện uỷ Thanh Oai", "ORG"),
        entity(THANH_OAI, "9 chỉ tiêu", "QUANTITY"),
        entity(THANH_OAI, "Chương trình 01", "RESOLUTION"),
        entity(THANH_OAI, "Thành ủy", "ORG"),
        entity(THANH_OAI, "7/9 chỉ tiêu", "QUANTITY"),
        entity(THANH_OAI, "2/9 chỉ tiêu", "QUANTITY"),
    ]
    song_lo = [
        entity(SONG_LO, "Nghị quyết Trung ương 4 (khóa XII)", "RESOLUTION"),
        entity(SONG_LO, "Đảng", "ORG"),
        entity(SONG_LO, "Huyện ủy Sông Lô", "ORG"),
        entity(SONG_LO, "Nghị quyết T.Ư 4", "RESOLUTION"),
        entity(SONG_LO, "hơn 94%", "QUANTITY"),
    ]
    path = tmp_path / "out.jsonl"
    lines = [
        json.dumps(extract_line("thanhoai", THANH_OAI, thanh_oai), ensure_ascii=False),
        "{not json",
        json.dumps({"id": "broken", "text": "abc", "entities": [{"start": 1, "end": 9, "label": "ORG"}]}),
        "",
        json.dumps(
            extract_line("songlo", SONG_LO, song_lo, with_norms=False), ensure_ascii=False
        ),  # norms computed here
        json.dumps({"text": "no id", "entities": []}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_tables(extracted, tmp_path):
    summary = report(extracted, tmp_path / "tables")
    assert summary.documents == 2
    assert [str(p) for p in summary.problems] == [
        f"{extracted}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{extracted}:3: entity 0 offsets [1, 9] are outside the text (length 3)",
        f'{extracted}:6: missing "id" (a string)',
    ]
    orgs = read(summary.files["organisations"])
    assert orgs[0] == {
        "canonical": "Huyện ủy Thanh Oai",
        "mentions": "2",
        "documents": "1",
        "variants": "Huyện ủy Thanh Oai | Huyện uỷ Thanh Oai",
    }
    assert {r["canonical"] for r in orgs} == {"Huyện ủy Thanh Oai", "Thành ủy", "Đảng", "Huyện ủy Sông Lô"}

    [official] = read(summary.files["officials"])
    assert official == {
        "name": "Bùi Hoàng Phan",
        "titles": "Bí thư",
        "orgs": "Huyện ủy Thanh Oai",
        "posts": "Bí thư, Huyện ủy Thanh Oai",
        "provinces": "",
        "mentions": "1",
        "documents": "thanhoai",
    }

    resolutions = read(summary.files["resolutions"])
    assert resolutions[0] == {
        "key": "nghị quyết|trung ương 4|xii",
        "type": "Nghị quyết",
        "number": "",
        "session": "Trung ương 4",
        "term": "XII",
        "issuers": "",
        "mentions": "2",
        "documents": "1",
        "variants": "Nghị quyết Trung ương 4 (khóa XII) | Nghị quyết T.Ư 4",
    }
    assert resolutions[1]["key"] == "chương trình|1|thành ủy"
    assert resolutions[1]["issuers"] == "Thành ủy"

    quantities = read(summary.files["quantities"])
    assert [
        (q["document"], q["text"], q["value"], q["unit"], q["approx"], q["percent"], q["ratio"]) for q in quantities
    ] == [
        ("thanhoai", "9 chỉ tiêu", "9", "chỉ tiêu", "", "false", ""),
        ("thanhoai", "7/9 chỉ tiêu", "7", "chỉ tiêu", "", "false", "7/9"),
        ("thanhoai", "2/9 chỉ tiêu", "2", "chỉ tiêu", "", "false", "2/9"),
        ("songlo", "hơn 94%", "94", "", "above", "true", ""),
    ]
    assert (
        quantities[3]["sentence"] == "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên bình quân đạt hơn 94%."
    )
    assert quantities[1]["sentence"].startswith("Theo báo cáo của Huyện uỷ Thanh Oai, trong 9 chỉ tiêu")
    assert summary.rows == {"organisations": 4, "officials": 1, "resolutions": 2, "quantities": 4}


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(ReportInputError, match="cannot open"):
        report(tmp_path / "nope.jsonl", tmp_path / "tables")


def test_cli_report(extracted, tmp_path):
    result = CliRunner().invoke(app, ["report", str(extracted), "-o", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output
    assert f"{extracted}:2: not valid JSON" in result.output
    assert sorted(p.name for p in (tmp_path / "cli").iterdir()) == [
        "officials.csv",
        "organisations.csv",
        "quantities.csv",
        "resolutions.csv",
    ]


def test_cli_report_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "cli")])
    assert result.exit_code == 2
    assert "cannot open" in result.output


def test_cli_report_help():
    result = CliRunner().invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    assert "officials.csv" in result.output


def test_report_refuses_to_write_over_its_input(tmp_path):
    from typer.testing import CliRunner

    from vnner.cli import app

    src = tmp_path / "organisations.csv"
    src.write_text('{"id": "a", "text": "x", "entities": []}\n', encoding="utf-8")
    before = src.read_bytes()
    result = CliRunner().invoke(app, ["report", str(src), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is the input" in result.output
    assert src.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["organisations.csv"]


# issue 18: "Trần Văn A", Chủ tịch UBND tỉnh Hà Nam in one document and Phó Chủ tịch UBND tỉnh Ninh
# Bình in two others, came out as one row with titles "Chủ tịch | Phó Chủ tịch" and the bare "UBND tỉnh".
HA_NAM = "Sáng 5/3/2024, UBND tỉnh Hà Nam họp. Chủ tịch UBND tỉnh Trần Văn A chủ trì."
NINH_BINH = "Ngày {day}/4/2024, UBND tỉnh Ninh Bình họp. Phó Chủ tịch UBND tỉnh Trần Văn A dự."


def _officials_line(doc_id, text):
    ents = [entity(text, "UBND tỉnh Hà Nam" if "Hà Nam" in text else "UBND tỉnh Ninh Bình", "ORG")]
    ents += [entity(text, "UBND tỉnh", "ORG", nth=1), entity(text, "Trần Văn A", "OFFICIAL")]
    return json.dumps(extract_line(doc_id, text, ents), ensure_ascii=False)


def test_officials_are_people_never_merged_across_provinces(tmp_path):
    path = tmp_path / "out.jsonl"
    lines = [_officials_line("hanam", HA_NAM)]
    lines += [_officials_line(f"ninhbinh-{d}", NINH_BINH.format(day=d)) for d in (2, 9)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = report(path, tmp_path / "tables")
    rows = sorted(read(summary.files["officials"]), key=lambda r: r["documents"])
    assert [(r["name"], r["titles"], r["orgs"], r["provinces"], r["documents"]) for r in rows] == [
        ("Trần Văn A", "Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam", "Hà Nam", "hanam"),
        ("Trần Văn A", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Ninh Bình", "Ninh Bình", "ninhbinh-2 | ninhbinh-9"),
    ]
    orgs = {r["canonical"]: r for r in read(summary.files["organisations"])}
    assert orgs["Ủy ban nhân dân tỉnh Ninh Bình"]["documents"] == "2"
    assert orgs["Ủy ban nhân dân tỉnh Ninh Bình"]["variants"] == "UBND tỉnh Ninh Bình | UBND tỉnh"
