"""`vnner show`: one document as HTML through displaCy (vnner.views.show, vnner.cli.show_cmd)."""

import json

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
    assert label_colors() == {"ORG": "#7aecec", "OFFICIAL": "#aa9cfc", "RESOLUTION": "#feca74", "QUANTITY": "#bfe1d9"}


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
    assert "Bùi Hoàng Phan" in page and "<td>Bí thư</td>" in page


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
