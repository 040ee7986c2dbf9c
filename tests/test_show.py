"""`vnner show`: one document as HTML through displaCy (vnner.views.show, vnner.cli.show_cmd)."""

import colorsys
import json
import re

import pytest
from typer.testing import CliRunner

from vnner.cli import app
from vnner.facts import enrich
from vnner.views.show import DocumentNotFound, displacy_doc, label_colors, render, show

# Thanh Oai, photo caption (shared/corpus/raw)
TEXT = "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan phát biểu chỉ đạo tại Hội nghị. Ảnh: Trần Phú"


@pytest.fixture
def extracted(tmp_path):
    entities, officials = enrich(
        TEXT,
        [
            {"start": 7, "end": 25, "label": "ORG", "text": "Huyện ủy Thanh Oai"},
            {"start": 26, "end": 40, "label": "OFFICIAL", "text": "Bùi Hoàng Phan"},
        ],
    )
    path = tmp_path / "out.jsonl"
    record = {"id": "thanhoai", "text": TEXT, "sentences": [[0, 73]], "entities": entities, "officials": officials}
    path.write_text("garbage\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_colours_come_from_configs():
    assert label_colors() == {"ORG": "#7aecec", "OFFICIAL": "#aa9cfc", "RESOLUTION": "#feca74", "QUANTITY": "#a6e06a"}


def test_the_four_labels_have_clearly_different_colours():
    # issue 19 point 10: ORG #7aecec and QUANTITY #bfe1d9 were nearly the same teal (hues 180° and 166°)
    hues = {}
    for label, colour in label_colors().items():
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        hues[label] = colorsys.rgb_to_hls(r, g, b)[0] * 360
    for a in hues:
        for b in hues:
            if a < b:
                apart = min(abs(hues[a] - hues[b]), 360 - abs(hues[a] - hues[b]))
                assert apart >= 45, (a, b, hues[a], hues[b])


def test_displacy_input_drops_overlaps():
    doc = displacy_doc(
        {
            "id": 7,
            "text": TEXT,
            "entities": [
                {"start": 26, "end": 40, "label": "OFFICIAL"},
                {"start": 7, "end": 25, "label": "ORG"},
                {"start": 10, "end": 30, "label": "ORG"},
            ],
        }
    )
    assert doc == {
        "text": TEXT,
        "title": "7",
        "ents": [{"start": 7, "end": 25, "label": "ORG"}, {"start": 26, "end": 40, "label": "OFFICIAL"}],
    }


def test_page(extracted, tmp_path):
    out = show("thanhoai", extracted, tmp_path / "page" / "doc.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<mark") == 2
    assert "background: #aa9cfc" in page and "background: #7aecec" in page
    assert "Bùi Hoàng Phan" in page and "<td>Bí thư, Huyện ủy Thanh Oai</td>" in page


def test_page_shows_each_entitys_facts(extracted, tmp_path):
    # issue 19 point 10: the facts (norm) as a tooltip on each entity and in a table under the text
    page = show("thanhoai", extracted, tmp_path / "doc.html").read_text(encoding="utf-8")
    assert re.findall(r'<mark class="entity" title="([^"]*)"', page) == [
        "ORG: canonical: Huyện ủy Thanh Oai",
        "OFFICIAL: name: Bùi Hoàng Phan",
    ]
    facts = page[page.index("Entities and their facts") :]
    assert "<td>ORG</td><td>Huyện ủy Thanh Oai</td><td>canonical: Huyện ủy Thanh Oai</td>" in facts


def test_officials_table_names_the_other_documents_of_the_same_person(tmp_path):
    # the same person as vnner report and vnner kb see them (vnner.kb.linking): tied by the body
    other = "Đồng chí Bùi Hoàng Phan, Bí thư Huyện ủy Thanh Oai, dự lễ."
    elsewhere = "Đồng chí Bùi Hoàng Phan, Chủ tịch UBND tỉnh Nghệ An, dự lễ."
    lines = []
    for doc_id, text, org in (("thanhoai", TEXT, "Huyện ủy Thanh Oai"), ("other", other, "Huyện ủy Thanh Oai")) + (
        ("nghean", elsewhere, "UBND tỉnh Nghệ An"),
    ):
        ents = [
            {"start": text.index(org), "end": text.index(org) + len(org), "label": "ORG"},
            {"start": text.index("Bùi"), "end": text.index("Bùi") + len("Bùi Hoàng Phan"), "label": "OFFICIAL"},
        ]
        entities, officials = enrich(text, ents)
        lines.append(json.dumps({"id": doc_id, "text": text, "entities": entities, "officials": officials}))
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = show("thanhoai", path, tmp_path / "doc.html").read_text(encoding="utf-8")
    assert "<tr><td>Bùi Hoàng Phan</td><td>Bí thư, Huyện ủy Thanh Oai</td><td>1</td><td>other</td></tr>" in page


def test_unknown_id(extracted, tmp_path):
    with pytest.raises(DocumentNotFound, match=r"no document with id 'nope'.*ids there: thanhoai"):
        show("nope", extracted, tmp_path / "doc.html")
    assert not (tmp_path / "doc.html").exists()


def test_render_escapes_the_title():
    page = render(
        {"id": "<b>", "text": "Đảng", "entities": [{"start": 0, "end": 4, "label": "ORG"}]}, colors={"ORG": "red"}
    )
    assert "<title>&lt;b&gt;</title>" in page


def test_cli_show(extracted, tmp_path):
    out = tmp_path / "doc.html"
    result = CliRunner().invoke(app, ["show", "thanhoai", str(extracted), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_cli_show_unknown_id(extracted, tmp_path):
    result = CliRunner().invoke(app, ["show", "nope", str(extracted), "-o", str(tmp_path / "doc.html")])
    assert result.exit_code == 2
    assert "no document with id 'nope'" in result.output


def test_cli_show_help():
    result = CliRunner().invoke(app, ["show", "--help"])
    assert result.exit_code == 0
    assert "displaCy" in result.output


def test_show_refuses_to_write_over_its_input(tmp_path):
    from typer.testing import CliRunner

    from vnner.cli import app

    src = tmp_path / "out.jsonl"
    src.write_text('{"id": "a", "text": "x", "entities": []}\n', encoding="utf-8")
    before = src.read_bytes()
    result = CliRunner().invoke(app, ["show", "a", str(src), "-o", str(src)])
    assert result.exit_code == 2 and "is the input" in result.output and src.read_bytes() == before
