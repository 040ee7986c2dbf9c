"""Surface rewrites for training: each changes how a thing is written and keeps every span on its words."""

import random

from vnner.training import surface

TEXT = (
    "Kho bạc Nhà nước tỉnh Sơn La đã giải ngân 1.200 tỷ đồng theo Chỉ thị số 15-CT/TW.\n\n"
    "Đại tướng Nguyễn Văn An dự. Kho bạc Nhà nước tỉnh Sơn La cho biết thêm."
)


def ents_of(text, *surfaces):
    out, at = [], 0
    for word, label in surfaces:
        start = text.index(word, at)
        out.append((start, start + len(word), label))
        at = start + 1
    return out


ENTS = ents_of(
    TEXT,
    ("Kho bạc Nhà nước tỉnh Sơn La", "ORG"),
    ("1.200 tỷ đồng", "QUANTITY"),
    ("Chỉ thị số 15-CT/TW", "RESOLUTION"),
    ("Nguyễn Văn An", "OFFICIAL"),
    ("Kho bạc Nhà nước tỉnh Sơn La", "ORG"),
)


def shown(text, ents):
    return [(text[s:e], lab) for s, e, lab in sorted(ents)]


def test_abbreviate_puts_the_short_form_in_the_first_mention_and_uses_it_after():
    text, ents = surface.abbreviate(TEXT, ENTS, {"Kho bạc Nhà nước": "KBNN"}, random.Random(0))
    assert "Kho bạc Nhà nước (KBNN) tỉnh Sơn La đã" in text and "KBNN tỉnh Sơn La cho biết" in text
    assert shown(text, ents)[0] == ("Kho bạc Nhà nước (KBNN) tỉnh Sơn La", "ORG")
    assert shown(text, ents)[-1] == ("KBNN tỉnh Sơn La", "ORG")


def test_a_whole_name_gets_its_short_form_as_a_span_of_its_own():
    text = "Thông tấn xã Việt Nam đưa tin. Thông tấn xã Việt Nam cho biết."
    ents = ents_of(text, ("Thông tấn xã Việt Nam", "ORG"), ("Thông tấn xã Việt Nam", "ORG"))
    new, spans = surface.abbreviate(text, ents, {"Thông tấn xã Việt Nam": "TTXVN"}, random.Random(0))
    assert new == "Thông tấn xã Việt Nam (TTXVN) đưa tin. TTXVN cho biết."
    assert shown(new, spans) == [("Thông tấn xã Việt Nam", "ORG"), ("TTXVN", "ORG"), ("TTXVN", "ORG")]


def test_identifiers_types_numbers_and_titles_are_rewritten_with_their_spans():
    rng = random.Random(1)
    text, ents = surface.odd_identifier(TEXT, ENTS, rng)
    assert ("Chỉ thị số 15" in text) and any(
        t.startswith("Chỉ thị số 15") and "CT/TW" in t for t, _ in shown(text, ents)
    )
    text, ents = surface.lower_type(TEXT, ENTS, rng)
    assert ("chỉ thị số 15-CT/TW", "RESOLUTION") in shown(text, ents)
    text, ents = surface.ti(TEXT, ENTS, rng)
    assert ("1.200 tỉ đồng", "QUANTITY") in shown(text, ents)
    text, ents = surface.glue_title(TEXT, ENTS, rng)
    assert "Đại tướngNguyễn Văn An" in text and ("Nguyễn Văn An", "OFFICIAL") in shown(text, ents)


def test_a_credit_adds_the_outlet_as_an_org_and_the_photographer_as_no_one():
    text, ents = surface.credit(TEXT, ENTS, ["TTXVN"], random.Random(0))
    line = next(line for line in text.split("\n") if line.startswith("Ảnh:"))
    assert line.endswith("/TTXVN") and ("TTXVN", "ORG") in shown(text, ents)
    assert len(ents) == len(ENTS) + 1


def test_rewrites_say_none_when_there_is_no_place_for_them():
    rng = random.Random(0)
    assert surface.abbreviate("không có gì", [], {"Kho bạc Nhà nước": "KBNN"}, rng) is None
    assert surface.flatten_header("Một dòng", [], rng) is None
    assert surface.glue_title("Ông Lê Văn A", [(4, 12, "OFFICIAL")], rng) is None
