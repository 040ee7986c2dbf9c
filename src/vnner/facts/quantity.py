"""QUANTITY spans → {"value", "unit", "approx", "percent", "ratio"}.

"trên 15.000 lượt học viên" → value 15000, unit "lượt học viên", approx "above";
"14,5%" → value 14.5, percent true; "78/89 đồng chí" → value 78, ratio [78, 89];
"hai nhiệm vụ" → value 2; "hơn 38,6 tỷ đồng" → value 38600000000, unit "đồng" (scale
words are part of the number); a range "7 - 8 tỉnh" / "từ 5 đến 7 lớp" → value 7 (the low
end) and "max" 8, a key only ranges have. Approximators come from configs/settings.json (facts, vocabulary).
"""

from __future__ import annotations

import re

from vnner.facts import config
from vnner.facts.numbers import as_number, digits_value, read_number, scale_of

NUMBER = r"\d+(?:[.,]\d+)*"
TOKEN = re.compile(rf"{NUMBER}(?:/{NUMBER})?|%|[^\s%]+")
RATIO = re.compile(rf"^({NUMBER})/({NUMBER})$")
DASH_BETWEEN_NUMBERS = re.compile(r"(?<=\d)(%?)\s*[-–—]\s*(?=\d)")
FROM = re.compile(r"^(?i:từ)\s+(?=\d|\w)")
RANGE_WORDS = {"-", "–", "—", "đến", "tới"}


def empty_quantity() -> dict:
    """The norm of a QUANTITY that could not be read."""
    return {"value": None, "unit": None, "approx": None, "percent": None, "ratio": None}


@config.derived
def _approximators() -> tuple[re.Pattern, dict[str, str]]:
    table = {config.fold(k): v for k, v in config.mapping("approximators").items()}
    pattern = re.compile(rf"^({config.alternation(list(table))})(?=\s|\d|$)")
    return pattern, table


@config.derived
def _percent_words() -> list[list[str]]:
    return [config.fold(w).split() for w in config.words("percent_words")]


def split_approx(text: str) -> tuple[str | None, str]:
    """("above"|"below"|"about"|None, the rest of the text) for a leading approximator."""
    pattern, table = _approximators()
    m = pattern.match(config.fold(text))
    if not m:
        return None, text
    key = " ".join(m.group(1).split())
    return table.get(key), text[m.end() :].lstrip()


@config.derived
def _fractions() -> tuple[re.Pattern, dict[str, float]]:
    table = {config.fold(k): v for k, v in config.mapping("fraction_words").items()}
    return re.compile(rf"^({config.alternation(list(table))})(?!\w)"), table


def _fraction(rest: str) -> tuple[float, str] | None:
    """("một nửa số xã") → (0.5, "số xã"); None when the span does not start with a fraction word."""
    pattern, table = _fractions()
    m = pattern.match(config.fold(rest))
    return (table[" ".join(m.group(1).split())], rest[m.end() :].strip()) if m else None


def _percent(out: dict, folded: list[str], used: int) -> int:
    """Mark a percent sign or word at used (out["percent"] = True) and step over it."""
    for words in _percent_words():
        if folded[used : used + len(words)] == words:
            out["percent"] = True
            return used + len(words)
    return used


def parse_quantity(text: str) -> dict:
    """The normalised form of one QUANTITY span (see the module docstring)."""
    out = empty_quantity()
    out["percent"] = False
    text = " ".join(str(text).split())
    out["approx"], rest = split_approx(text)
    rest = DASH_BETWEEN_NUMBERS.sub(lambda m: f"{m.group(1)} - ", FROM.sub("", rest))  # "7-8 tỉnh", "từ 5 đến 7 lớp"
    tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(rest)]
    if not tokens:
        return out
    fraction = _fraction(rest)
    if fraction:
        out["value"], unit = fraction
        out["unit"] = unit or None
        return out
    first = 0
    ratio = RATIO.match(tokens[0][0])
    if not ratio and digits_value(tokens[0][0]) is None and read_number([t for t, _, _ in tokens])[0] is None:
        # no number up front: use the first digit token anywhere in the span
        first = next((i for i, (t, _, _) in enumerate(tokens) if digits_value(t) is not None or RATIO.match(t)), -1)
        if first < 0:
            return out
        ratio = RATIO.match(tokens[first][0])
    if ratio:
        a, b = digits_value(ratio.group(1)), digits_value(ratio.group(2))
        out["value"], out["ratio"] = as_number(a), [as_number(a), as_number(b)]
        used = first + 1
    else:
        value, n = read_number([t for t, _, _ in tokens[first:]])
        out["value"] = as_number(value)
        used = first + n
    folded = [config.fold(t) for t, _, _ in tokens]
    used = _percent(out, folded, used)
    if not out["ratio"] and out["value"] is not None and used + 1 < len(tokens) and folded[used] in RANGE_WORDS:
        high, n = read_number([t for t, _, _ in tokens[used + 1 :]])
        if high is not None:
            # "2 - 3 tỷ đồng": the scale word written once applies to both ends
            if n == 2 and (scale := scale_of(tokens[used + 2][0])) is not None and used == first + 1:
                out["value"] = (
                    as_number(digits_value(tokens[first][0]) * scale)
                    if digits_value(tokens[first][0]) is not None
                    else out["value"]
                )
            out["max"] = as_number(high)
            used = _percent(out, folded, used + 1 + n)
    unit = rest[tokens[used][1] :].strip() if used < len(tokens) else ""
    out["unit"] = unit or None
    return out
