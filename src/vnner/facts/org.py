"""ORG spans → {"canonical"}: one spelling for every way the same body is written.

"Uỷ ban MTTQ Việt Nam TP Cần Thơ" → "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ":
one tone placement (fold_tones: uỷ → ủy), abbreviations expanded (configs/settings.json (facts, vocabulary),
"org_abbreviations"), a bracketed abbreviation inside the name dropped ("Ban Thường vụ (BTV)
Thành ủy"), administrative units lower case before a name ("Đảng bộ Thành phố Hưng Yên" →
"Đảng bộ thành phố Hưng Yên"), white space collapsed and the first letter capitalised
("ban Tổ chức Tỉnh ủy" after "Trưởng" → "Ban Tổ chức Tỉnh ủy"; "Huyện Ủy" → "Huyện ủy").
"""

from __future__ import annotations

import re
import unicodedata

from vnner.facts import config
from vnner.text import fold_tones

BRACKETED_ABBREVIATION = re.compile(r"\s*\((?:[A-ZĐƯ][A-ZĐƯ.]*)\)")
# "Huyện Ủy", "Tỉnh Uỷ": the second syllable of a party committee's name is lower case
COMMITTEE = re.compile(r"\b(Tỉnh|Thành|Huyện|Quận|Thị|Đảng|Xã|Phường|Chi) (Ủy|Uỷ)(?!\w)")


@config.derived
def _abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    table = config.mapping("org_abbreviations")
    alternation = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    # whole words only: not inside another word, not part of a number suffix such as "21-KL/TW"
    return re.compile(rf"(?<![\w./\-])({alternation})(?![\w])"), table


@config.derived
def _locality() -> re.Pattern:
    # a unit word that is not the first word, followed by the next word (or the end)
    words = config.alternation(config.words("locality_words"), folded=False)
    return re.compile(rf"(?<=\S )((?i:{words}))(?:(?=\s+(\S))|$)")


def _lower_locality(m: re.Match) -> str:
    following = m.group(2)
    return m.group(1).lower() if following is None or following[0].isupper() else m.group(1)


@config.derived
def _casing() -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    phrases = {config.fold(p): fold_tones(p) for p in config.words("org_casing")}
    heads = config.words("proper_name_after") + config.words("locality_words")
    return (
        re.compile(rf"(?<!\w)({config.alternation(list(phrases))})(?!\w)"),
        phrases,
        re.compile(rf"(?<!\w)(?i:{config.alternation(heads)})\s+(?!(?i:ủy|uỷ)(?!\w))(?=\w)"),
    )


TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]+(?:ng|nh|ch|[cmnpt])?")


def _syllable(word: str) -> bool:
    """Whether a word in capitals is a Vietnamese syllable ("TƯ" in "ĐẦU TƯ"), not an abbreviation ("UBND")."""
    base = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(TONE_MARKS))
    return bool(SYLLABLE.fullmatch(base))


def _all_capitals(text: str) -> bool:
    """A name printed in capitals (a document header), not an abbreviation such as "UBND" or "BTV Thành ủy"."""
    if text != text.upper():  # the common case, without splitting
        return False
    table = _abbreviations()[1]
    words = [w for w in text.split() if w not in table]
    letters = [c for w in words for c in w if c.isalpha()]
    return len(words) >= 2 and len(letters) > 4 and all(c.isupper() for c in letters)


def recase(text: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG' → 'Ủy ban nhân dân tỉnh Lâm Đồng': the words of org names as
    configs/settings.json (facts.org_casing) writes them, a proper name after a locality word or committee
    capitalised."""
    table = _abbreviations()[1]
    phrase, phrases, head = _casing()
    lowered = " ".join(w if w in table and not _syllable(w) else fold_tones(config.lower_keep(w)) for w in text.split())
    lowered = phrase.sub(lambda m: phrases[" ".join(m.group(1).split())], lowered)
    m = None
    for m in head.finditer(lowered):  # noqa: B007 - the last match is the one wanted
        pass
    if m:
        lowered = lowered[: m.end()] + " ".join(w[:1].upper() + w[1:] for w in lowered[m.end() :].split())
    return lowered


def expand_abbreviations(text: str) -> str:
    pattern, table = _abbreviations()
    return pattern.sub(lambda m: table[m.group(1)], text)


def expand_document_abbreviations(text: str, abbreviations: dict[str, str]) -> str:
    """Short forms the document itself defined ("Kho bạc Nhà nước (KBNN)") → their long forms."""
    if not abbreviations:
        return text
    pattern = re.compile(
        rf"(?<![\w./\-])({'|'.join(map(re.escape, sorted(abbreviations, key=len, reverse=True)))})(?!\w)"
    )
    return pattern.sub(lambda m: abbreviations[m.group(1)], text)


@config.derived
def _canonical_cache() -> dict[str, str]:
    return {}


def canonical_name(text: str, abbreviations: dict[str, str] | None = None) -> str:
    """The canonical spelling of an organisation's name (see the module docstring); `abbreviations`
    are the short forms the document defined, which win over the registry's."""
    if abbreviations:
        return _canonical(" ".join(str(text).split()), abbreviations)
    cache = _canonical_cache()  # per lexicon: the same names come back in every document
    found = cache.get(text)
    if found is None:
        if len(cache) > 100_000:
            cache.clear()
        found = cache[text] = _canonical(" ".join(str(text).split()), None)
    return found


def _canonical(text: str, abbreviations: dict[str, str] | None) -> str:
    whole = config.load()["org_whole_names"]
    if not (abbreviations and text in abbreviations):
        known = whole.get(text) or whole.get(config.fold(text))
        if known:  # a body the registry knows by this spelling or short form: "EVN", "World Bank"
            return known
    text = BRACKETED_ABBREVIATION.sub("", text)
    text = expand_document_abbreviations(text, abbreviations or {})
    if _all_capitals(text):
        text = recase(text)
    text = expand_abbreviations(text)
    text = " ".join(text.split())
    text = _locality().sub(_lower_locality, text)
    text = COMMITTEE.sub(lambda m: f"{m.group(1)} {m.group(2).lower()}", text)
    text = fold_tones(text)
    return text[:1].upper() + text[1:]


def canonical_org(text: str, abbreviations: dict[str, str] | None = None) -> dict:
    """The norm of one ORG span: {"canonical": str | None}."""
    name = canonical_name(text, abbreviations)
    return {"canonical": name or None}


def org_key(text: str) -> str:
    """A matching key for an organisation: its canonical name, lower case."""
    return config.lower_keep(canonical_name(text))
