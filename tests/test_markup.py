import pytest

from vnner.labelling.markup import MarkupError, parse, render


def test_parse_gives_offsets_into_the_stripped_text():
    text, spans = parse("Bí thư [[Huyện ủy Thanh Oai|ORG]] [[Bùi Hoàng Phan|OFFICIAL]] phát biểu")
    assert text == "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan phát biểu"
    assert [text[s:e] for s, e, _ in spans] == ["Huyện ủy Thanh Oai", "Bùi Hoàng Phan"]
    assert render(text, spans) == "Bí thư [[Huyện ủy Thanh Oai|ORG]] [[Bùi Hoàng Phan|OFFICIAL]] phát biểu"


def test_unknown_label_is_an_error():
    with pytest.raises(MarkupError, match="unknown label"):
        parse("[[Đảng|PARTY]]")


def test_unbalanced_markup_is_an_error():
    with pytest.raises(MarkupError, match="malformed"):
        parse("[[Đảng|ORG] và [[Nhà nước")
