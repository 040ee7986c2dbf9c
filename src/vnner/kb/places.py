"""Provinces named in a body's name or a document's text: what keeps two people of one name apart.

"Ủy ban nhân dân tỉnh Hà Nam" and "Tỉnh ủy Ninh Bình" name their province; "Huyện ủy Gio Linh
(Quảng Trị)" names it in brackets. A province counts only behind a word that makes it a place
("tỉnh", "thành phố", "Tỉnh ủy", "Thành ủy", "TP") or alone in brackets, so "Đoàn Thanh niên
Cộng sản Hồ Chí Minh" and "hòa bình" name none. Districts and communes are not mapped to their
province (that needs a gazetteer): "Huyện ủy Thanh Oai" names no province.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vnner.text import fold_tones

# The 63 provinces and centrally-run cities before July 2025, and Huế after; the 34 after the
# 2025 merger keep names from this list.
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
# Huế, a centrally-run city since 2025, is the former province of Thừa Thiên Huế
ALIASES = {"Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu", "Huế": "Thừa Thiên Huế"}
PLACE_WORDS = r"(?:tỉnh|Tỉnh|thành phố|Thành phố|TP\.?|Tỉnh ủy|Thành ủy|Đảng bộ tỉnh)"


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, str]]:
    names = {fold_tones(p): p for p in PROVINCES} | {fold_tones(a): p for a, p in ALIASES.items()}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # "tỉnh Nghệ An", "TP Hồ Chí Minh", "Tỉnh ủy Hà Giang", or "(Quảng Trị)"
    behind_word = rf"(?<!\w){PLACE_WORDS}\s+(?P<a>{alternation})"
    in_brackets = rf"\(\s*(?:{PLACE_WORDS}\s+)?(?P<b>{alternation})\s*\)"
    rx = re.compile(rf"(?:{behind_word}|{in_brackets}|(?<!\w)(?P<hcm>TP\.?\s?HCM))(?!\w)")
    return rx, names


def provinces_in(text: str) -> list[str]:
    """The provinces a text names, in order of first mention, each once."""
    if not text:
        return []
    rx, names = _pattern()
    found: dict[str, None] = {}
    for m in rx.finditer(fold_tones(text)):
        found.setdefault("Hồ Chí Minh" if m.group("hcm") else names[m.group("a") or m.group("b")], None)
    return list(found)
