"""RESOLUTION spans → {"type", "number", "session", "term", "issuer", "key"}.

"Quyết định số 865-QĐ/TU" → type "Quyết định", number "865-QĐ/TU";
"Nghị quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương (khóa XII)", "Nghị quyết T.Ư 6 (khoá
XII)" and "NQ TW 6 khóa XII" → session "Trung ương 6", term "XII" and one key; "… của Bộ Chính
trị" → issuer "Bộ Chính trị". Types, abbreviations and the ways of writing the Central
Committee come from configs/settings.json (facts, vocabulary). See docs/facts.md for the key.
"""

from __future__ import annotations

import re

from vnner.facts import config
from vnner.facts.numbers import roman_or_none
from vnner.facts.org import org_key
from vnner.facts.spans import OrgIndex
from vnner.text import fold_tones

FIELDS = ("type", "number", "session", "term", "issuer", "key")
NUMBER = re.compile(r"\s*(?:(?i:số)\s*)?(\d[\w.\-/]*\w|\d)")
ANY_NUMBER = re.compile(r"(?<!\w)(?i:số)\s*(\d[\w.\-/]*\w|\d)")
TERM = re.compile(r"(?i:khóa)\s+([IVXLC]+|\d{1,2})(?!\w)")
PERIOD = re.compile(r"(?i:nhiệm\s+kỳ)\s+(\d{4})\s*[-–—]\s*(\d{4})(?!\d)")
CONGRESS = re.compile(r"(?<!\w)(?i:đại\s+hội)(?:\s+[^\s,;:()]+){0,6}?\s+(?:(?i:lần\s+thứ)\s+)?([IVXLC]+)(?!\w)")
BARE_CONGRESS = re.compile(r"(?<!\w)(?i:đại\s+hội)(?!\w)")
# "của X" right behind a document, also after its date: "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của …"
DATE = (
    r"(?:\s*,)?\s+(?i:ngày)\s+\d{1,2}(?:\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\s+(?i:tháng)\s+\d{1,2}\s+(?i:năm)\s+\d{4})"
)
OF = re.compile(rf"(?:{DATE})?(?:\s*,)?\s+(?i:của)\s+")
ISSUER_END = re.compile(r"[,;.:()\[\]“”\"'!?\n…]")
YEAR = re.compile(r"(?:19|20)\d\d")
MAX_LIST_GAP = 12
GAP_IN_LIST = re.compile(r"^\s*[,;]?\s*(?:(?i:và)\s+)?$")


def empty_resolution() -> dict:
    """The norm of a RESOLUTION that could not be read."""
    return dict.fromkeys(FIELDS)


@config.derived
def _issuer_codes() -> dict[str, list[str]]:
    return config.mapping("issuer_codes")


def issuer_bodies(number: str | None) -> list[str]:
    """The bodies that issue under a number's code: "865-QĐ/TU" → ["Tỉnh ủy", …], "43/2006/NĐ-CP" →
    ["Chính phủ"], "12/2024/QH15" → ["Quốc hội"]; [] for a bare or unknown number."""
    if not number or is_bare_number(number):
        return []
    last = number.rsplit("/", 1)[-1]
    if "/" not in number and "-" in last:
        return []  # "21-KL": a type, no issuer
    code = re.sub(r"\d+$", "", last.rsplit("-", 1)[-1])
    return list(_issuer_codes().get(code, []))


def issuer_from_number(number: str | None) -> str | None:
    """The issuer a document number names by its code, or None."""
    bodies = issuer_bodies(number)
    return bodies[0] if bodies else None


def compatible_issuer(issuer: str, number: str | None) -> bool:
    """Whether a body can have issued a document with that number ("Bộ Chính trị" and "21-KL/TW")."""
    bodies = issuer_bodies(number)
    return not bodies or any(org_key(b) in org_key(issuer) for b in bodies)


@config.derived
def _patterns() -> dict:
    types = config.load()["resolution_types"]
    abbreviations = config.mapping("resolution_abbreviations")
    central = config.load()["central_committee"]
    ordinals = {config.fold(k): v for k, v in config.mapping("ordinals").items()}
    central_words = config.alternation(central["words"], folded=False)
    central_abbr = "|".join(
        re.escape(a).replace(r"\ ", r"\s*") for a in sorted(central["abbreviations"], key=len, reverse=True)
    )
    cc = rf"(?<![\w/.\-])(?:(?i:{central_words})|{central_abbr})(?![^\W\d])"  # "TW4" too
    ordinal = rf"(?:\d{{1,2}}(?!\d)|(?i:{config.alternation(list(ordinals), folded=False)})(?!\w))"
    return {
        "types": {config.fold(t): t for t in types},
        "type": re.compile(rf"^({config.alternation(types)})(?!\w)"),
        "abbreviations": abbreviations,
        "abbreviation": re.compile(
            rf"^({'|'.join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))})(?![\w])"
        ),
        "suffix": re.compile(
            rf"[-/]({'|'.join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))})(?=[/\-]|$)"
        ),
        "ordinals": ordinals,
        # "Trung ương 4", "T.Ư 4", "TW4", "Trung ương lần thứ tư"
        "cc_then_n": re.compile(rf"{cc}\s*(?:(?i:lần\s+thứ)\s+)?({ordinal})"),
        # "Hội nghị lần thứ 6 Ban Chấp hành Trung ương"
        "n_then_cc": re.compile(rf"(?i:lần\s+thứ)\s+({ordinal})\s+(?:(?i:của)\s+)?{cc}"),
        "year_titled": {config.fold(t) for t in config.words("resolution_year_titled")},
        "implied": {config.fold(k): v for k, v in config.mapping("resolution_implied_titles").items()},
    }


def _ordinal_value(token: str) -> int | None:
    token = " ".join(token.split())
    if token.isdigit():
        return int(token)
    return _patterns()["ordinals"].get(config.fold(token))


def _type(text: str, folded: str) -> tuple[str | None, int]:
    """(canonical type, where the rest of the span starts)."""
    p = _patterns()
    m = p["type"].match(folded)
    if m:
        return p["types"].get(" ".join(m.group(1).split())), m.end()
    m = p["abbreviation"].match(text)
    if m:
        return p["abbreviations"][m.group(1)], m.end()
    return None, 0


def _session(text: str) -> str | None:
    p = _patterns()
    for key in ("n_then_cc", "cc_then_n"):
        m = p[key].search(text)
        if m:
            n = _ordinal_value(m.group(1))
            if n:
                return f"Trung ương {n}"
    m = CONGRESS.search(text)
    if m:
        return f"Đại hội {m.group(1).upper()}"
    if BARE_CONGRESS.search(text):
        return "Đại hội"
    return None


def _term(text: str) -> str | None:
    m = TERM.search(text)
    if m:
        return roman_or_none(m.group(1))
    m = PERIOD.search(text)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    return None


def _number(text: str, rest: int) -> tuple[int, int] | None:
    """Where the document number is: right after the type ("Chỉ thị 05"), else after "số"."""
    m = NUMBER.match(text, rest) or ANY_NUMBER.search(text)
    return m.span(1) if m else None


def _title(text: str) -> str:
    """The rest of a span after its type, for documents known by their title ("năm 2013" → "2013")."""
    title = " ".join(text.strip(" \t\n“”\"'.,;:").split())
    if title.startswith("(") and title.endswith(")"):
        title = title[1:-1].strip()
    return re.sub(r"(?i:\bnăm) (?=(?:19|20)\d\d\b)", "", title)


def _suffix(number: str | None) -> str:
    """What follows a document number's digits ("-QĐ/TW"), folded; "" for none."""
    return config.fold(re.sub(r"^[\d.]+", "", number or ""))


def number_key(number: str) -> str:
    """'05-CT/TW' and '5-CT/TW', '1.283-QĐ/TU' and '1283-QĐ/TU' share a key."""
    head = re.match(r"^[\d.]+", number)
    digits = head.group().replace(".", "").lstrip("0") or "0" if head else ""
    return config.fold(digits + number[head.end() :] if head else number)


def resolution_key(
    type_: str | None,
    number: str | None,
    session: str | None,
    term: str | None,
    title: str = "",
    issuer: str | None = None,
) -> str:
    """One key per document (tone-folded, lower case); see docs/facts.md.

    type + number ("quyết định|865-qđ/tu"); a bare number that does not name its issuer
    ("Chương trình 01") also takes the issuer when one is given, since "Chương trình 01 của Thành
    ủy" and "Chương trình 01 của Huyện ủy" are two documents; else type + session + term
    ("nghị quyết|trung ương 4|xii"); else type + title ("luật|cán bộ, công chức").
    """
    kind = config.fold(type_) if type_ else "?"
    if number:
        key = f"{kind}|{number_key(number)}"
        if issuer and is_bare_number(number):
            key += f"|{org_key(issuer)}"
        return key
    if session or term:
        return f"{kind}|{config.fold(session or '')}|{config.fold(term or '')}"
    title = config.fold(_title(title))
    if type_ and not title:
        title = config.fold(_patterns()["implied"].get(config.fold(type_), ""))
    return f"{kind}|{title}"


def is_bare_number(number: str) -> bool:
    """'01', '1.283': a number without the issuer's suffix ('865-QĐ/TU', '45/2023/NQ-HĐND')."""
    return bool(re.fullmatch(r"[\d.]+", number))


def find_issuer(doc_text: str, end: int, entities: OrgIndex | list[dict] | None = None) -> str | None:
    """The body after "của" right behind a document: the ORG entity there, else its capitalised words.

    entities is the document's OrgIndex (enrich builds one per document) or a plain entity list.
    """
    m = OF.match(doc_text, end)
    if not m:
        return None
    where = m.end()
    orgs = entities if isinstance(entities, OrgIndex) else OrgIndex(entities or (), len(doc_text))
    ent = orgs.at(where)
    if ent is not None:
        return doc_text[where : ent["end"]]
    return _capitalised_body(doc_text, where)


def _capitalised_body(doc_text: str, where: int) -> str | None:
    """A body's name written at where: capitalised words, syllables of organisation names, and one
    lower-case syllable finishing a capitalised word ("Thủ tướng Chính phủ"), up to punctuation
    or a function word."""
    stop = {config.fold(w) for w in config.words("issuer_stop_words")}
    inner = {config.fold(w) for w in config.words("org_inner_words")}
    taken: list[str] = []
    for word in re.finditer(r"\S+", doc_text[where : where + 200]):
        token = word.group()
        cut = ISSUER_END.search(token)
        piece = token[: cut.start()] if cut else token
        folded = config.fold(piece)
        if not piece or folded in stop:
            break
        if not piece[0].isupper() and not (taken and (folded in inner or taken[-1][0].isupper())):
            break
        taken.append(piece)
        if cut or len(taken) >= 10:
            break
    while taken and config.fold(taken[-1]) in ("-", "–", "và"):
        taken.pop()
    return " ".join(taken) or None


def parse_resolution(
    span_text: str, doc_text: str | None = None, end: int | None = None, entities: OrgIndex | list[dict] | None = None
) -> dict:
    """The normalised form of one RESOLUTION span; the issuer needs the document text and the span's end."""
    written = " ".join(str(span_text).split())
    text = fold_tones(written)  # same length as written
    out = empty_resolution()
    type_, rest = _type(text, config.fold(text))
    where = _number(text, rest)
    if where and not (
        YEAR.fullmatch(text[where[0] : where[1]]) and type_ and config.fold(type_) in _patterns()["year_titled"]
    ):
        out["number"] = written[where[0] : where[1]]
    if type_ is None and out["number"]:
        m = _patterns()["suffix"].search(out["number"])
        type_ = _patterns()["abbreviations"][m.group(1)] if m else None
    out["type"] = type_
    out["session"] = _session(text)
    out["term"] = _term(text)
    if isinstance(doc_text, str) and isinstance(end, int) and 0 <= end <= len(doc_text):
        out["issuer"] = find_issuer(doc_text, end, entities)
    out["key"] = resolution_key(type_, out["number"], out["session"], out["term"], text[rest:], out["issuer"])
    fixed = config.mapping("resolution_fixed_issuers").get(out["key"])
    out["issuer"] = fixed or out["issuer"] or issuer_from_number(out["number"])
    return out


def complete_lists(spans: list[tuple[int, int]], norms: list[dict], text: str) -> None:
    """Fill elliptical lists in place: "các nghị quyết Hội nghị Trung ương 4, Trung ương 5, Trung ương 6
    khoá XIII của Đảng" → each of the three gets type "Nghị quyết", term "XIII" and issuer "Đảng".

    spans are the RESOLUTION spans in text order, norms their parsed forms. A list is a run of
    spans separated only by a comma, a semicolon or "và"; a member missing its type takes the
    first member's, one missing its term takes the next member's, one missing its issuer the last's.
    """
    chains: list[list[int]] = []
    for i, (start, _) in enumerate(spans):
        gap = text[spans[i - 1][1] : start] if i else ""
        if i and len(gap) <= MAX_LIST_GAP and GAP_IN_LIST.match(gap):
            chains[-1].append(i)
        else:
            chains.append([i])
    for chain in chains:
        if len(chain) < 2:
            continue
        first_type = norms[chain[0]].get("type")
        titled = first_type is not None and config.fold(first_type) in _patterns()["year_titled"]
        for i in chain:
            n = norms[i]
            if n.get("type") is None and (n.get("session") or n.get("number")):
                n["type"] = first_type
            elif n.get("type") is None and titled:
                # "Luật Thủy lợi, Lâm nghiệp và Trồng trọt": laws known by their titles
                n["type"] = first_type
                n["key"] = resolution_key(
                    first_type, None, None, None, fold_tones(" ".join(text[spans[i][0] : spans[i][1]].split()))
                )
        last = norms[chain[-1]]
        term = None
        for i in reversed(chain):
            n = norms[i]
            if n.get("session") and n.get("term") is None and term:
                n["term"] = term
            term = n.get("term") or term
            # "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW của Bộ Chính trị", but not
            # "Luật Công an nhân dân 2018 và Chỉ thị 46-CT/TW của Ban Bí thư"
            # an issuer read from the number's code gives way to the one the list names
            if (
                (n.get("issuer") is None or n.get("issuer") == issuer_from_number(n.get("number")))
                and last.get("issuer")
                and (n.get("type") == last.get("type") and _suffix(n.get("number")) == _suffix(last.get("number")))
            ):
                n["issuer"] = last["issuer"]
        for i in chain:
            n = norms[i]
            if n.get("number") or n.get("session") or n.get("term"):
                n["key"] = resolution_key(
                    n.get("type"), n.get("number"), n.get("session"), n.get("term"), "", n.get("issuer")
                )


def unify_keys(norms: list[dict]) -> None:
    """Give a document's short mentions the key of their full form when the document has only one.

    "Nghị quyết T.Ư 4" takes the key of "Nghị quyết Trung ương 4 (khóa XII)" when that is the only
    term the document gives for it; "Chương trình 01" takes the key of "Chương trình 01 của Thành
    ủy" and "Chỉ thị 05" that of "Chỉ thị 05-CT/TW" when the document has just one such; "Kết luận
    21 của Bộ Chính trị" that of "Kết luận số 21-KL/TW" when the body can issue under that code.
    The fields themselves keep what the span says (the term stays null).
    """

    def group(n: dict) -> tuple:
        if n.get("number"):
            return ("number", n.get("type"), re.match(r"[\d.]*", n["number"]).group().replace(".", "").lstrip("0"))
        return ("session", n.get("type"), n.get("session"))

    def bare(n: dict) -> bool:
        return bool(n.get("number")) and is_bare_number(n["number"])

    sessions: dict[tuple, set] = {}
    coded: dict[tuple, dict[str, dict]] = {}  # numbers with an issuer's code: key → one norm
    for n in norms:
        if n.get("session") and not n.get("number") and n.get("term"):
            sessions.setdefault(group(n), set()).add(n["key"])
        elif n.get("number") and not bare(n):
            coded.setdefault(group(n), {}).setdefault(n["key"], n)
    # a bare number with its issuer ("Kết luận 21 của Bộ Chính trị") joins the one coded form
    for n in norms:
        if bare(n) and n.get("issuer"):
            full = coded.get(group(n), {})
            if len(full) == 1:
                [(key, other)] = full.items()
                if compatible_issuer(n["issuer"], other["number"]):
                    n["key"] = key
    numbered: dict[tuple, set] = {}
    for n in norms:
        if n.get("number") and not (bare(n) and not n.get("issuer")):
            numbered.setdefault(group(n), set()).add(n["key"])
    for n in norms:
        if n.get("session") and not n.get("number") and not n.get("term"):
            known = sessions.get(group(n), set())
        elif bare(n) and not n.get("issuer"):
            known = numbered.get(group(n), set())
        else:
            continue
        if len(known) == 1:
            n["key"] = next(iter(known))
