"""`vnner_abbreviations`: short forms a document defines in brackets, and every later use of them.

"Kho bạc Nhà nước (KBNN) tỉnh Sơn La … Năm nay KBNN đã …": the long form comes first, its short
form in brackets, and from then on the short form stands alone. This is Schwartz & Hearst's
algorithm (2003), as scispaCy's `AbbreviationDetector` does it for English, on Vietnamese
syllables: every letter of the short form, read from the end, must be found in the words before
the bracket, the first one at the start of a word ("Hội đồng nhân dân" → HĐND; "Tập đoàn Công
nghiệp Than - Khoáng sản Việt Nam" → TKV), and the long form may not be much longer than the
short form has letters. Letters compare without tone marks or case, and đ is d.

Output: `doc._.abbreviations`, one `{"short", "long", "start", "end"}` per short form (its first
definition; offsets of the long form), read by the edge rules (each use of the short form is an
ORG) and the facts (its canonical name is the long form's). With `feature = true` the short
form's tokens get `tag_` "SHORT" for the NER.
"""

from __future__ import annotations

import unicodedata

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from vnner.text import analysis_form

MAX_SHORT = 12
STOP = {",", ";", ":", ".", "!", "?", "(", ")", "“", "”", '"', "\n"}


def base_letters(text: str) -> str:
    """Lower case, no tone or vowel marks, đ as d: "Đồng" → "dong"."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def is_short_form(text: str) -> bool:
    """A candidate short form: 2–12 characters, a capital first, at least two capitals, mostly letters."""
    letters = [c for c in text if c.isalpha()]
    capitals = [c for c in letters if c.isupper()]
    return (
        2 <= len(text) <= MAX_SHORT
        and text[:1].isupper()
        and len(capitals) >= 2
        and len(letters) >= len(text) / 2
        and not all(c in "IVXLC" for c in text)  # a roman numeral: "(khóa XII)"
    )


def long_form(short: str, words: list[str]) -> int | None:
    """How many of `words` (the words right before the bracket, in order) the long form takes, by
    Schwartz & Hearst: each letter of the short form, from the last, is found going backwards, the
    first one at the start of a word; None when one is not found."""
    letters = [c for c in base_letters(short) if c.isalnum()]
    if len(letters) < 2:
        return None
    limit = min(len(letters) + 5, len(letters) * 2)
    text = " ".join(base_letters(w) for w in words[-limit:])
    pos = len(text) - 1
    for k in range(len(letters) - 1, -1, -1):
        c = letters[k]
        while pos >= 0 and (text[pos] != c or (k == 0 and pos > 0 and text[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
    return text[pos + 1 :].count(" ") + 1


class Abbreviations:
    """Finds "long form (SHORT)" pairs in a document (see the module docstring)."""

    def __init__(self, name: str = "abbreviations", feature: bool = False):
        self.name = name
        self.feature = feature

    def __call__(self, doc: Doc) -> Doc:
        defined: dict[str, dict] = {}
        strings = doc.vocab.strings
        orths = doc.to_array([ORTH]).tolist() if len(doc) else []
        opening, closing = strings.add("("), strings.add(")")
        # only the brackets are looked at: no Token object for the rest of the document
        for i in (k for k in range(1, len(orths) - 2) if orths[k] == opening and orths[k + 2] == closing):
            short = analysis_form(strings[orths[i + 1]])
            if short in defined or not is_short_form(short):
                continue
            words: list[int] = []
            j = i - 1
            while j >= 0 and len(words) < 2 * MAX_SHORT:
                text = strings[orths[j]]
                if text in STOP or (text.isspace() and "\n" in text):
                    break
                if not text.isspace() and text not in ("-", "–", "&"):
                    words.append(j)
                j -= 1
            words.reverse()
            if not words:
                continue
            taken = long_form(short, [analysis_form(strings[orths[k]]) for k in words])
            if taken is None:
                continue
            first, last = words[-taken], words[-1]
            defined[short] = {
                "short": short,
                "long": analysis_form(doc[first : last + 1].text),
                "start": doc[first].idx,
                "end": doc[last].idx + len(doc[last]),
            }
        doc._.abbreviations = list(defined.values())
        if self.feature:
            tags = ["SHORT" if analysis_form(strings[o]) in defined else "" for o in orths] if defined else []
            for i, tag in enumerate(tags):
                if tag:
                    doc[i].tag_ = tag
        return doc


@Language.factory("vnner_abbreviations", assigns=["doc._.abbreviations"], default_config={"feature": False})
def make_abbreviations(nlp: Language, name: str, feature: bool) -> Abbreviations:
    return Abbreviations(name, feature)
