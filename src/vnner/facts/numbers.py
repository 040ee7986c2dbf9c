"""Vietnamese numbers: digit formats ("15.000", "14,5", "06") and number words ("hai mươi lăm").

Digits follow the Vietnamese convention of the annotation guidelines: "." groups thousands
and "," is the decimal mark. Values are computed exactly (Decimal) and returned as int when
whole, float otherwise. The word lists live in configs/settings.json (facts, vocabulary) ("number_words").
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from vnner.facts import config

DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
ROMAN = re.compile(r"^[IVXLCDM]+$")
_ROMAN_VALUES = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def as_number(value: Decimal) -> int | float | None:
    """An int when the value is whole, else a float (None if it does not fit one)."""
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None


def digits_value(token: str) -> Decimal | None:
    """The exact value of a digit token in Vietnamese format, or None if it is not one.

    "15.000" → 15000, "14,5" → 14.5, "06" → 6, "1.200,5" → 1200.5. A dot followed by a
    group of other than three digits is read as a decimal point ("2.5" → 2.5), and several
    comma groups of three as thousands ("1,297,000"), since both occur in the wild.
    """
    token = token.strip()
    if not token or not DIGITS.fullmatch(token):
        return None
    if "." in token and "," in token:
        last = max(token.rfind("."), token.rfind(","))
        integer, fraction = token[:last], token[last + 1 :]
        integer = integer.replace(".", "").replace(",", "")
        text = f"{integer}.{fraction}"
    elif "." in token:
        _, *groups = token.split(".")
        text = token.replace(".", "") if all(len(g) == 3 for g in groups) else (token if len(groups) == 1 else None)
    elif "," in token:
        _head, *groups = token.split(",")
        text = (
            token.replace(",", ".")
            if len(groups) == 1
            else (token.replace(",", "") if all(len(g) == 3 for g in groups) else None)
        )
    else:
        text = token
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


@config.derived
def _vocabulary() -> dict:
    cfg = config.load()["number_words"]
    f = config.fold
    return {
        "digits": {f(k): Decimal(v) for k, v in cfg["digits"].items()},
        "after_tens": {f(k): Decimal(v) for k, v in cfg["after_tens"].items()},
        "ten": {f(w) for w in cfg["ten"]},
        "tens": {f(w) for w in cfg["tens"]},
        "hundred": {f(w) for w in cfg["hundred"]},
        "zero_tens": {f(w) for w in cfg["zero_tens"]},
        "scales": {f(k): Decimal(v) for k, v in cfg["scales"].items()},
    }


def scale_of(word: str) -> Decimal | None:
    """The multiplier of a scale word ("nghìn" → 1000, "tỷ" → 10⁹), or None."""
    return _vocabulary()["scales"].get(config.fold(word))


def read_number(words: list[str]) -> tuple[Decimal | None, int]:
    """Read a number from the start of a word list: (value, words used), (None, 0) if none.

    Words may be digit tokens or number words, and may mix ("15 nghìn", "1,5 triệu"):
    "mười hai" → 12, "hai mươi lăm" → 25, "một trăm linh năm" → 105, "Ba" → 3.
    Reading stops at the first word that cannot continue the number.
    """
    v = _vocabulary()
    total = Decimal(0)  # what is already multiplied by a scale word
    group = Decimal(0)  # the group below the next scale word
    pending: Decimal | None = None  # a digit waiting for mươi/trăm/a scale word or the end
    can_digit = True  # a digit may come next
    after_tens = False  # the previous word was mười/mươi: "mốt", "lăm" may follow, "năm" may not
    last_scale: Decimal | None = None
    used = 0
    for i, raw in enumerate(words):
        word = config.fold(raw)
        number = digits_value(raw)
        if number is not None:
            if i:
                break
            pending, can_digit = number, False
        elif can_digit and after_tens and word in v["after_tens"]:
            pending, can_digit, after_tens = v["after_tens"][word], False, False
        elif can_digit and word in v["digits"] and not (after_tens and word == "năm"):
            pending, can_digit, after_tens = v["digits"][word], False, False
        elif word in v["ten"] and pending is None and can_digit and not group % 100:
            group += 10
            after_tens = True
        elif word in v["tens"] and pending is not None and pending < 10 and not group % 100:
            group += pending * 10
            pending, can_digit, after_tens = None, True, True
        elif word in v["hundred"] and pending is not None and not group:
            group += pending * 100
            pending, can_digit = None, True
        elif word in v["zero_tens"] and pending is None and group and not group % 100 and not after_tens:
            can_digit = True
            continue  # used only if a digit follows
        elif word in v["scales"] and (
            pending is not None or group or (last_scale is not None and v["scales"][word] > last_scale)
        ):
            scale = v["scales"][word]
            value = group + (pending or 0)
            total = (total + value) * scale if last_scale is not None and scale > last_scale else total + value * scale
            last_scale, group, pending = scale, Decimal(0), None
            can_digit, after_tens = True, False
        else:
            break
        used = i + 1
    if not used:
        return None, 0
    return total + group + (pending or 0), used


def parse_number(text: str) -> int | float | None:
    """The value of a whole number string, digits or words; None if the text is not just a number."""
    if not isinstance(text, str):
        return None
    words = text.split()
    if not words:
        return None
    value, used = read_number(words)
    if value is None or used != len(words):
        return None
    return as_number(value)


def to_roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN_VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def roman_or_none(token: str) -> str | None:
    """A term as a Roman numeral: "XII" → "XII", "12" → "XII", anything else → None."""
    token = token.strip()
    if ROMAN.match(token.upper()):
        return token.upper()
    if token.isdigit() and 0 < int(token) < 4000:
        return to_roman(int(token))
    return None
