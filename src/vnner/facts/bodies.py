"""Bare heads of local bodies ("Huyện ủy", "UBND tỉnh") → the full body the document names.

"Huyện ủy" means a different body in every district, so `vnner report` must not count the
bare head of one article with that of another. Within a document a bare head takes the one
full name the document gives for that head ("Huyện ủy Tiên Du"), also inside a longer name
("Ban Thường vụ Huyện ủy" → "Ban Thường vụ Huyện ủy Tiên Du"). When the document names none,
or several ("Huyện ủy Tiên Du" and "Huyện ủy Quế Võ"), the canonical name stays the bare head
and the norm gets "scope": "document": the report then keeps one row per document for it.
One pass to collect the full names and one to resolve: linear in the number of ORGs.
"""

from __future__ import annotations

import re

from vnner.facts import config
from vnner.text import fold_tones

NAME_WORD = re.compile(r" ([^\s,;:()]+)")


@config.derived
def _heads() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """(a head anywhere, a head at the end of a name, folded head → its level head or itself)."""
    cfg = config.load()["bare_bodies"]
    units = [fold_tones(u) for u in config.words("locality_words")]
    level_of: dict[str, str] = {}
    for committee in cfg["committees"]:
        level_of[config.fold(committee)] = config.fold(committee)
    for level in cfg["levels"]:
        level_of[config.fold(level)] = config.fold(level)
        for unit in units:
            level_of[config.fold(f"{level} {unit}")] = config.fold(level)
    heads = config.alternation(list(level_of))
    unit = config.alternation(units)
    return (
        re.compile(rf"(?<!\w)(?P<head>(?i:{heads}))(?:\s+(?:{unit}))?(?= \S)"),
        re.compile(rf"(?<!\w)(?i:{heads})$"),
        level_of,
    )


def _full_names(canonical: str) -> list[tuple[str, str]]:
    """(folded head, full name) for each head followed by a proper name inside a canonical name:
    "Ủy ban nhân dân huyện Tiên Du" → under "ủy ban nhân dân huyện" and "ủy ban nhân dân";
    "Đảng ủy xã Tân Lập" → under "đảng ủy"."""
    anywhere, _, level_of = _heads()
    found = []
    for m in anywhere.finditer(canonical):
        end = m.end()
        words = []
        for w in NAME_WORD.finditer(canonical, end):
            if w.start() != end or not w.group(1)[0].isupper():
                break
            words.append(w.group(1))
            end = w.end()
        if not words:
            continue
        head = " ".join(config.fold(m.group("head")).split())
        name = canonical[m.start() : end]
        found.append((head, name))
        if level_of.get(head, head) != head:
            found.append((level_of[head], name))
    return found


def resolve_bare_bodies(norms: list[dict]) -> None:
    """Rewrite, in place, the canonical names of ORG norms that end in a bare head (see the module docstring)."""
    _, at_end, _ = _heads()
    full: dict[str, set[str]] = {}
    for norm in norms:
        for head, name in _full_names(norm["canonical"]):
            full.setdefault(head, set()).add(name)
    for norm in norms:
        canonical = norm["canonical"]
        m = at_end.search(canonical)
        if not m:
            continue
        names = full.get(" ".join(config.fold(m.group()).split()), set())
        if len(names) == 1:
            norm["canonical"] = canonical[: m.start()] + next(iter(names))
        else:
            norm["scope"] = "document"
