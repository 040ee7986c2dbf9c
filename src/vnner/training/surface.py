"""Surface rewrites for training (issue 16): how real text writes what composed text writes tidily.

Each rewrite changes how something is written, never what it is, and moves the gold spans with
the text: a body introduced with its short form in brackets and then shortened ("Kho bạc Nhà nước
(KBNN) … KBNN"), a document type in lower case ("nghị định số 15"), an identifier with a spaced
dash ("15 – CT/TW"), "tỉ" for "tỷ", a name glued to its title by a crawler ("Đại tướngNguyễn"),
a photo credit with an outlet ("Ảnh: Minh Đức/TTXVN"), a document header flattened onto one line.
Used by the training augmenter (`vnner.training.augment`); each returns None when the text offers
no place for it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

Ent = tuple[int, int, str]

TYPE_WORDS = ("Nghị định", "Thông tư", "Quyết định", "Chỉ thị", "Nghị quyết", "Luật", "Bộ luật", "Kết luận")
NUMBERED = re.compile(r"(\d+)-([A-ZĐ][A-ZĐa-z]*/[A-ZĐ][A-ZĐa-zƯ.]*)")
TITLES = ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Bí thư", "Chủ tịch")
CREDIT_NAMES = ("Minh Đức", "Thu Hà", "Quang Vinh", "Thanh Tùng", "Hoàng Hải", "Ngọc Mai", "Văn Điệp", "Lâm Khánh")


def replace(text: str, ents: Sequence[Ent], start: int, end: int, new: str) -> tuple[str, list[Ent]]:
    """text[start:end] replaced by `new`; spans after it shift, a span around it stretches."""
    shift = len(new) - (end - start)
    out = []
    for s, e, lab in ents:
        if e <= start:
            out.append((s, e, lab))
        elif s >= end:
            out.append((s + shift, e + shift, lab))
        elif s <= start and end <= e:
            out.append((s, e + shift, lab))
        # a span that only partly overlaps the replaced text is dropped: its words changed
    return text[:start] + new + text[end:], out


def abbreviate(text: str, ents: list[Ent], bodies: dict[str, str], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """The first mention of a body the registry gives a short form gets it in brackets, later ones become it:
    "Kho bạc Nhà nước (KBNN) tỉnh Sơn La … KBNN tỉnh Sơn La", "Thông tấn xã Việt Nam (TTXVN) … TTXVN"."""
    found = []
    for s, e, lab in ents:
        if lab != "ORG":
            continue
        for name, short in bodies.items():
            if text[s:e] == name or (text.startswith(name + " ", s) and s + len(name) < e):
                found.append((text[s:e], name, short))
                break
    if not found:
        return None
    whole, name, short = rng.choice(found)
    mentions = [(s, e) for s, e, lab in ents if lab == "ORG" and text[s:e] == whole]
    out_text, out = text, list(ents)
    for s, _ in reversed(mentions[1:]):  # later mentions first, so earlier offsets stay valid
        out_text, out = replace(out_text, out, s, s + len(name), short)
    s, e = mentions[0]
    if whole == name:  # "Name (SHORT)" ends the name: two spans, brackets outside (decision 36)
        out_text, out = replace(out_text, out, e, e, f" ({short})")
        out += [(e + 2, e + 2 + len(short), "ORG")]
    else:  # "Name (SHORT) tỉnh Sơn La": the bracket inside the one span
        out_text, out = replace(out_text, out, s + len(name), s + len(name), f" ({short})")
    return out_text, sorted(out)


def lower_type(text: str, ents: list[Ent], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """ "Nghị định số 15/2024/NĐ-CP" → "nghị định số 15/2024/NĐ-CP" (same length)."""
    found = [(s, t) for s, e, lab in ents if lab == "RESOLUTION" for t in TYPE_WORDS if text.startswith(t + " ", s)]
    if not found:
        return None
    s, t = rng.choice(found)
    return text[:s] + t.lower() + text[s + len(t) :], list(ents)


def odd_identifier(text: str, ents: list[Ent], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """ "15-CT/TW" → "15 – CT/TW" or "15- CT/TW": the identifier as PDF exports and hurried typing leave it."""
    found = [m for s, e, lab in ents if lab == "RESOLUTION" for m in NUMBERED.finditer(text, s, e)]
    if not found:
        return None
    m = rng.choice(found)
    joiner = rng.choice([" – ", " - ", "- "])
    return replace(text, ents, m.end(1), m.start(2), joiner)


def ti(text: str, ents: list[Ent], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """ "tỷ" → "tỉ", "nghìn" → "ngàn" everywhere (same length for tỷ/tỉ; spans follow)."""
    if "tỷ" not in text and "nghìn" not in text:
        return None
    out_text, out = text, list(ents)
    for m in reversed(list(re.finditer(r"\b(tỷ|nghìn)\b", text))):
        out_text, out = replace(out_text, out, m.start(), m.end(), "tỉ" if m.group() == "tỷ" else "ngàn")
    return out_text, out


def glue_title(text: str, ents: list[Ent], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """ "Đại tướng Nguyễn Văn A" → "Đại tướngNguyễn Văn A", as crawlers leave a title and name."""
    found = [s for s, e, lab in ents if lab == "OFFICIAL" and any(text.endswith(t + " ", 0, s) for t in TITLES)]
    if not found:
        return None
    s = rng.choice(found)
    return replace(text, ents, s - 1, s, "")


def credit(text: str, ents: list[Ent], outlets: Sequence[str], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """A photo credit "Ảnh: Minh Đức/TTXVN" at a paragraph break: the outlet is an ORG, the person no one."""
    breaks = [m.start() for m in re.finditer(r"\n\n", text)]
    if not breaks or not outlets:
        return None
    at = rng.choice(breaks)
    outlet = rng.choice(list(outlets))
    line = f"\nẢnh: {rng.choice(CREDIT_NAMES)}/{outlet}"
    new_text, out = replace(text, ents, at, at, line)
    end = at + len(line)
    return new_text, sorted([*out, (end - len(outlet), end, "ORG")])


def flatten_header(text: str, ents: list[Ent], rng: random.Random) -> tuple[str, list[Ent]] | None:
    """The first lines of an official document joined by spaces, as PDF exports flatten a two-column header."""
    lines = text.split("\n")
    if len(lines) < 4 or "CỘNG HÒA" not in text[:400]:
        return None
    n = min(len(lines), rng.choice([2, 3, 4]))
    head = len("\n".join(lines[:n]))
    if any(s < head < e for s, e, _ in ents):
        return None
    return text[:head].replace("\n", " ") + text[head:], list(ents)
