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


# Combining marks (an NFD "ố" is "o" + U+0302 + U+0301) and invisible characters belong to the
# letter before them: the tokenizer keeps them inside the word, the features ignore them.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_CLUSTER = re.compile(rf"[^{MARKS}{INVISIBLE}\n]?[{MARKS}{INVISIBLE}]+")


def analysis_form(string: str) -> str:
    """What the features see of a token or a phrase: NFC, invisible characters dropped.

    The same for "Khối" typed in NFC and in NFD, so `nlp(text)` on either finds the same entities.
    """
    if string.isascii():
        return string
    if not unicodedata.is_normalized("NFC", string):
        string = unicodedata.normalize("NFC", string)
    return string.translate(_DROP_INVISIBLE) if any(c in INVISIBLE for c in string) else string


class TextView:
    """A text in its analysis form (NFC, no invisible characters), with offsets mapped back.

    Rules that read raw text (regular expressions over lines, the facts' parsers) read `view.text`
    and turn their offsets back with `original()`; for a text that is NFC already (what `normalize`
    gives, so everything the CLI reads) the view is the text itself and the mapping the identity.
    """

    __slots__ = ("_back", "_forth", "original_text", "text")

    def __init__(self, text: str):
        self.original_text = text
        self._back: list[int] | None = None
        self._forth: dict[int, int] | None = None
        if unicodedata.is_normalized("NFC", text) and not any(c in text for c in INVISIBLE):
            self.text = text
            return
        pieces: list[str] = []
        back: list[int] = []  # view offset → original offset
        pos = 0
        for m in _CLUSTER.finditer(text):
            if m.start() > pos:
                plain = unicodedata.normalize("NFC", text[pos : m.start()])
                if len(plain) == m.start() - pos:
                    back.extend(range(pos, m.start()))
                else:  # a composition without marks (rare outside Vietnamese): map to the run's start
                    back.extend([pos] * len(plain))
                pieces.append(plain)
            cluster = analysis_form(m.group())
            back.extend([m.start()] * len(cluster))
            pieces.append(cluster)
            pos = m.end()
        tail = unicodedata.normalize("NFC", text[pos:])
        back.extend(range(pos, pos + len(tail)) if len(tail) == len(text) - pos else [pos] * len(tail))
        pieces.append(tail)
        back.append(len(text))
        self.text = "".join(pieces)
        self._back = back

    @property
    def identity(self) -> bool:
        return self._back is None

    def original(self, offset: int) -> int:
        """The original offset of a view offset (a cluster's start for an offset inside it)."""
        return offset if self._back is None else self._back[offset]

    def view(self, offset: int) -> int:
        """The view offset of an original offset at a cluster boundary (a token edge)."""
        if self._back is None:
            return offset
        if self._forth is None:
            self._forth = {}
            for i, o in enumerate(self._back):
                self._forth.setdefault(o, i)
        return self._forth[offset]
