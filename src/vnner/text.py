"""Text normalisation: the one text every offset points into.

`normalize` is applied once to every input; all spans vnner reads or writes are character
offsets into its result. `fold_tones` maps old and new tone placement (uỷ/ủy, khoá/khóa,
hoà/hòa) onto one form without changing length, so features and keys can ignore the
difference while offsets stay valid.
"""

from __future__ import annotations

import html
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?|!--.*?--)>", re.S)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_BLOCK_TAGS = re.compile(r"<(?:br|/p|/div|/li|/h[1-6]|/tr)\b[^<>]*>", re.I)


def normalize(text: str) -> str:
    """NFC, unified line ends, no control or invisible characters, no HTML tags or entities.

    Letters, spacing and tone placement are otherwise kept as they are (guidelines, "Text").
    """
    if "<" in text:
        text = _BLOCK_TAGS.sub("\n", text)
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _tone_pairs() -> dict[str, str]:
    """New-style (tone on the second vowel) → old-style pairs for syllable-final oa, oe, uy."""
    pairs: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                new = f + unicodedata.normalize("NFC", s + tone)
                old = unicodedata.normalize("NFC", f + tone) + s
                pairs[new] = old
    return pairs


_PAIRS = _tone_pairs()
_NEW_STYLE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_PAIRS, key=len, reverse=True)) + r")(?!\w)")


def fold_tones(text: str) -> str:
    """Old-style tone placement for syllable-final oa/oe/uy ("uỷ" → "ủy"); length is kept."""
    return _NEW_STYLE.sub(lambda m: _PAIRS[m.group(1)], text)
