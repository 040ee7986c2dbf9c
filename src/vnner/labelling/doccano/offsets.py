"""Span offsets between Python (code points) and doccano's annotation screen (UTF-16 code units).

doccano's server stores whatever integers it is given, but its browser UI (with grapheme mode
off, as vnner's projects are) reads and writes offsets as JavaScript string positions: UTF-16
code units. For NFC Vietnamese text every character is in the Basic Multilingual Plane and
the two counts agree. A character outside it (an emoji, a rare CJK ideograph) counts 1 in
Python and 2 in the browser, so push converts offsets to UTF-16 and pull converts them back;
a span the browser drew from the middle of such a character cannot be converted and is reported.
"""

from __future__ import annotations

from bisect import bisect_left


def _astral(text: str) -> list[int]:
    """Code-point positions of the characters that take two UTF-16 code units."""
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


def to_utf16(text: str, offset: int, astral: list[int] | None = None) -> int:
    astral = _astral(text) if astral is None else astral
    return offset + bisect_left(astral, offset)


def from_utf16(text: str, offset: int, astral: list[int] | None = None) -> int | None:
    """The code-point offset for a UTF-16 offset, or None when it falls inside a surrogate pair."""
    astral = _astral(text) if astral is None else astral
    if not astral:
        return offset
    # Walk the astral characters before the offset: each one shifts later positions by one.
    shift = 0
    for position in astral:
        start16 = position + shift
        if offset <= start16:
            break
        if offset == start16 + 1:
            return None
        shift += 1
    return offset - shift


class Converter:
    """Both directions for one text, computing its astral positions once."""

    def __init__(self, text: str):
        self.text = text
        self.astral = _astral(text)

    def to_utf16(self, offset: int) -> int:
        return to_utf16(self.text, offset, self.astral) if self.astral else offset

    def from_utf16(self, offset: int) -> int | None:
        return from_utf16(self.text, offset, self.astral) if self.astral else offset
