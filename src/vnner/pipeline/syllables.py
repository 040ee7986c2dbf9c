"""Syllables and punctuation as offsets into one text: the tokens every part of vnner sees.

Vietnamese writes one syllable per space-separated unit. A token is a number in Vietnamese
format (15.000, 14,5%, 78/89), a word with inner joiners (865-QĐ/TU, T.Ư, Đ/c, 2015-2020), or
any other single character. Two things real pages do are undone here, because an entity edge
falls inside them: a per-unit slash between lower-case words ("đồng/người/tháng": the amount
ends before the slash) and a name glued to its title by a crawler ("Đại tướngNguyễn Văn A").
Combining marks and invisible characters stay inside their word (`vnner.text.MARKS`), so NFD
text gives the same tokens as its NFC form.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from vnner.text import INVISIBLE, MARKS, analysis_form

_W = rf"[\w{MARKS}{INVISIBLE}]"
TOKEN_RE = re.compile(
    rf"\d+(?:[.,]\d+)*(?:/\d+)*%?(?![\w/\-])"
    rf"|{_W}+(?:[\-/.&'’]{_W}+)*"
    r"|\S"
)


class Token(NamedTuple):
    """A token and its character offsets (a tuple: cheap to make by the hundred thousand)."""

    start: int
    end: int
    text: str


def word_cuts(word: str) -> list[int]:
    """Where a word token is cut: around a per-unit slash, before a glued name (offsets into word)."""
    if "/" not in word and (word.islower() or word.isupper() or word[1:].islower()):
        return []
    form = analysis_form(word)
    if len(form) != len(word):  # NFD or invisible characters: judged on the analysis form, mapped back
        return [_map_cut(word, form, c) for c in _form_cuts(form)]
    return _form_cuts(word)


def _form_cuts(form: str) -> list[int]:
    """Around a slash after a lower-case letter ("đồng/người"; not "Đ/c", "QĐ/TU", "15/QĐ"), and
    before a capitalised syllable glued to a lower-case run of two letters or more ("tướngNguyễn")."""
    cuts: set[int] = set()
    for i in range(1, len(form) - 1):
        c = form[i]
        if c == "/" and form[i + 1].isalnum() and _per_unit_or_credit(form, i):
            cuts.update((i, i + 1))
        elif c.isupper() and form[i + 1].islower() and i >= 2 and form[i - 1].islower() and form[i - 2].islower():
            cuts.add(i)
    return sorted(cuts)


def _part(form: str, start: int, step: int) -> str:
    """The run of letters and digits from `start` going left (step -1) or right (step 1)."""
    i = start
    while 0 <= i < len(form) and form[i].isalnum():
        i += step
    return form[i + 1 : start + 1] if step < 0 else form[start:i]


def _per_unit_or_credit(form: str, slash: int) -> bool:
    """ "đồng/người", "tạ/ha" (a lower-case word before the slash), "Tấn/TTXVN" (a name, then an outlet
    in capitals) or "VGP/Trần" (an outlet, then the photographer's name); not "QĐ/TU", "03-CTr/TU", "Đ/c"."""
    left, right = _part(form, slash - 1, -1), _part(form, slash + 1, 1)
    if left.isalpha() and left.islower():
        return True
    if left.isalpha() and left.isupper() and len(left) > 1 and right.isalpha() and right.istitle() and len(right) > 1:
        return True
    return left.isalpha() and left.istitle() and len(left) > 1 and right.isalpha() and right.isupper()


def _map_cut(word: str, form: str, cut: int) -> int:
    """The offset in word whose analysis form is form[:cut]."""
    for i in range(len(word) + 1):
        if len(analysis_form(word[:i])) >= cut and (i == len(word) or analysis_form(word[:i]) == form[:cut]):
            return i
    return len(word)


def tokenize(text: str) -> list[Token]:
    """Syllable and punctuation tokens with their character offsets."""
    out: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        cuts = word_cuts(word) if len(word) > 2 else []
        if not cuts:
            out.append(Token(m.start(), m.end(), word))
            continue
        edges = [0, *cuts, len(word)]
        out.extend(Token(m.start() + a, m.start() + b, word[a:b]) for a, b in itertools.pairwise(edges) if b > a)
    return out
