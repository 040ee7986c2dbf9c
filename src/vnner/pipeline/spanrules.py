"""Guideline rules on span edges that the tagger gets wrong on real text of other genres.

Each rule is a sentence of the guidelines (or of docs/annotation-decisions.md) that holds by
form, so a rule says it more reliably than a model that learned it from few examples:

- a name right after a title and its body is an OFFICIAL, not the end of the ORG
  ("Giám đốc Sở Nội vụ Trần Thị Lan", "Tổng Bí thư Tô Lâm");
- a RESOLUTION starts at its document type, not at the verb before it ("Thực hiện …"), ends
  before a date, and a type word with no identifier is not one ("trái với Hiến pháp");
- a QUANTITY ends at its noun phrase (not on "được", "là"), keeps the money unit ("45 triệu
  đồng"), takes a range whole ("7 - 8 tỉnh") and is never a date or a section number;
- a line in capitals is not an ORG because it is in capitals; plural addressees ("UBND các
  xã") and the central level ("ngân sách Trung ương") are not ORGs either;
- an OFFICIAL is a name, and not a reader's, a lawyer's or an author's in a byline;
- a QUANTITY is never a duration ("120 phút"), an identifier ("lớp 10") or inside a word.

Word lists live in ``configs/spanrules.json``; the functions take them as a ``SpanRules``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from vnner.text import fold_tones

Ent = dict


def _fold_text(text: str) -> str:
    """Lower case with tone placement folded (uỷ = ủy, hoà = hòa), for word-list lookups."""
    return fold_tones(unicodedata.normalize("NFC", text.lower()))


_fold_short = lru_cache(maxsize=200_000)(_fold_text)


def _fold(text: str) -> str:
    """`_fold_text`, cached for the short strings (words, titles, a few words of context) it mostly sees."""
    return _fold_short(text) if len(text) <= 64 else _fold_text(text)


@dataclass(frozen=True)
class SpanRules:
    surnames: frozenset[str]
    person_titles: tuple[str, ...]
    resolution_types: tuple[str, ...]
    resolution_lead_verbs: tuple[str, ...]
    quantity_stop_words: frozenset[str]
    money_scales: frozenset[str]
    org_heads_upper: tuple[str, ...]
    eponyms: frozenset[str] = frozenset()
    eponymous_heads: tuple[str, ...] = ()
    snap_quantity_to_words: bool = False
    snap_keep_units: frozenset[str] = frozenset()
    org_trailing_stop_words: frozenset[str] = frozenset()
    party_heads: frozenset[str] = frozenset()
    plural_org: re.Pattern | None = None
    central_level_before: tuple[str, ...] = ()
    ordinal_before: tuple[str, ...] = ()
    duration_units: frozenset[str] = frozenset()
    identifier_before: tuple[str, ...] = ()
    not_official_before: tuple[str, ...] = ()
    byline_prefixes: tuple[str, ...] = ()
    duration_exceptions: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, cfg: dict) -> SpanRules:
        return cls(
            surnames=frozenset(_fold(s) for s in cfg["surnames"]),
            person_titles=tuple(sorted((_fold(t) for t in cfg["person_titles"]), key=len, reverse=True)),
            resolution_types=tuple(sorted((_fold(t) for t in cfg["resolution_types"]), key=len, reverse=True)),
            resolution_lead_verbs=tuple(_fold(v) for v in cfg["resolution_lead_verbs"]),
            quantity_stop_words=frozenset(_fold(w) for w in cfg["quantity_stop_words"]),
            money_scales=frozenset(_fold(w) for w in cfg["money_scales"]),
            org_heads_upper=tuple(_fold(h) for h in cfg["org_heads_upper"]),
            eponyms=frozenset(_fold(n) for n in cfg.get("eponyms", ())),
            eponymous_heads=tuple(_fold(h) for h in cfg.get("eponymous_heads", ())),
            snap_quantity_to_words=bool(cfg.get("snap_quantity_to_words", False)),
            snap_keep_units=frozenset(_fold(u) for u in cfg.get("snap_keep_units", ())),
            org_trailing_stop_words=frozenset(_fold(w) for w in cfg.get("org_trailing_stop_words", ())),
            party_heads=frozenset(_fold(w) for w in cfg.get("party_heads", ())),
            plural_org=re.compile(cfg["plural_org_pattern"], re.I) if cfg.get("plural_org_pattern") else None,
            central_level_before=tuple(_fold(w) for w in cfg.get("central_level_before", ())),
            ordinal_before=tuple(_fold(w) for w in cfg.get("ordinal_before", ())),
            duration_units=frozenset(_fold(w) for w in cfg.get("duration_units", ())),
            identifier_before=tuple(_fold(w) for w in cfg.get("identifier_before", ())),
            not_official_before=tuple(_fold(w) for w in cfg.get("not_official_before", ())),
            byline_prefixes=tuple(_fold(w) for w in cfg.get("byline_prefixes", ())),
            duration_exceptions=frozenset(_fold(w) for w in cfg.get("duration_exceptions", ())),
        )


WORD = re.compile(r"\S+")
NAME_SYLLABLE = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]*$")


def _is_name_syllable(word: str) -> bool:
    return bool(NAME_SYLLABLE.match(word)) and word[0].isupper()


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in WORD.finditer(text[start:end])]


def _name_length(words: list[str], rules: SpanRules) -> int:
    """How many of `words` (capitalised syllables, in order) form a person's name: 0 if none."""
    if len(words) < 2 or _fold(words[0]) not in rules.surnames:
        return 0
    return min(len(words), 4)


def _title_before(text: str, start: int, rules: SpanRules) -> bool:
    """Whether a person's title (or "đồng chí", "ông", "bà") ends right before `start`."""
    before = _fold(text[max(0, start - 40) : start].rstrip())
    return any(before.endswith(" " + t) or before == t or before.endswith("\n" + t) for t in rules.person_titles)


def split_org_name(text: str, ents: list[Ent], rules: SpanRules) -> list[Ent]:
    """ "Bí thư [Huyện ủy Kim Sơn Đinh Văn Hùng]" → ORG "Huyện ủy Kim Sơn" + OFFICIAL "Đinh Văn Hùng"."""
    out: list[Ent] = []
    for ent in ents:
        head = _fold(text[ent["start"] : ent["end"]])
        if (
            ent["label"] != "ORG"
            or not _title_before(text, ent["start"], rules)
            or any(head.startswith(h + " ") for h in rules.eponymous_heads)  # "Trường Chính trị Nguyễn Chí Thanh"
        ):
            out.append(ent)
            continue
        spans = _words(text, ent["start"], ent["end"])
        words = [text[s:e] for s, e in spans]
        best = 0
        for size in (3, 4):
            tail = words[-size:]
            if (
                len(words) - size >= 1
                and all(_is_name_syllable(w) for w in tail)
                and _fold(tail[0]) in rules.surnames
                and _fold(" ".join(tail)) not in rules.eponyms
            ):
                best = size
                break
        if not best:
            out.append(ent)
            continue
        cut = spans[-best][0]
        org_end = spans[-best - 1][1]
        out.append({**ent, "end": org_end, "text": text[ent["start"] : org_end]})
        out.append({"start": cut, "end": ent["end"], "label": "OFFICIAL", "text": text[cut : ent["end"]]})
    return out


def add_titled_names(
    text: str, ents: list[Ent], rules: SpanRules, blocked: Iterable[tuple[int, int]] = ()
) -> list[Ent]:
    """A name right after a title, or after a title and its body, is an OFFICIAL ("Tổng Bí thư Tô Lâm").

    Never inside `blocked` ranges (boilerplate lines, which carry no entities).
    """
    taken = sorted([(e["start"], e["end"]) for e in ents] + list(blocked))

    def free(s: int, e: int) -> bool:
        """No taken range overlaps [s, e): its sorted neighbours tell (ranges barely overlap each other)."""
        i = bisect.bisect_left(taken, (s, e))
        return all(not (a < e and s < b) for a, b in taken[max(0, i - 2) : i + 2])

    starts = {e["start"]: e for e in ents}
    ends = {e["end"]: e for e in ents}
    added: list[Ent] = []
    folded = _fold(text)
    if len(folded) != len(text):
        return ents
    for title in rules.person_titles:
        pos = folded.find(title)
        while pos >= 0:
            end = pos + len(title)
            ok_left = pos == 0 or not folded[pos - 1].isalnum()
            nxt = pos + 1
            if ok_left and end < len(text) and text[end] == " ":
                cursor = end + 1
                org = starts.get(cursor)
                if org is not None and org["label"] == "ORG" and text[org["end"] : org["end"] + 1] == " ":
                    cursor = org["end"] + 1
                # A headline in capitals ("BÍ THƯ TỈNH ỦY NGHỆ AN NGUYỄN KHẮC THẬN LÀM VIỆC …") has no
                # case edge after the name: there the name is taken as three syllables.
                caps = text[pos:end].isupper()
                spans = []
                for m in re.finditer(r"\S+", text[cursor : cursor + 60]):
                    word = m.group(0)
                    if m.start() != (spans[-1][1] - cursor + 1 if spans else 0):
                        break
                    bare = word.rstrip(",.;:!?)")
                    if not (_is_name_syllable(bare) or (caps and bare.isalpha() and bare.isupper())):
                        break
                    spans.append((cursor + m.start(), cursor + m.start() + len(bare)))
                    if bare != word:
                        break
                if caps:
                    spans = spans[:3] if len(spans) >= 3 else []
                n = _name_length([text[s:e] for s, e in spans], rules) if len(spans) <= 4 else 0
                if n and cursor != end + 1 and n < 3:
                    n = 0  # after a body, two capitalised syllables are as likely its place ("Hà Nội")
                if n and _fold(text[spans[0][0] : spans[n - 1][1]]) in rules.eponyms and cursor != end + 1:
                    n = 0
                if n:
                    s, e = spans[0][0], spans[n - 1][1]
                    if free(s, e) and s not in ends:
                        new = {"start": s, "end": e, "label": "OFFICIAL", "text": text[s:e]}
                        added.append(new)
                        bisect.insort(taken, (s, e))
                nxt = end
            pos = folded.find(title, nxt)
    return sorted(ents + added, key=lambda e: e["start"])


def fix_resolution(text: str, ent: Ent, rules: SpanRules) -> Ent | None:
    """Start at the document type, end before a date; None for a type word with no identifier."""
    start, end = ent["start"], ent["end"]
    surface = _fold(text[start:end])
    for verb in rules.resolution_lead_verbs:
        if surface.startswith(verb + " "):
            rest = surface[len(verb) + 1 :]
            if any(rest.startswith(t) for t in rules.resolution_types):
                start += len(verb) + 1
                surface = rest
            break
    date = re.search(r"\s+ngày\s+\d", text[start:end])
    if date:
        end = start + date.start()
    year = re.search(r"năm \d{4}(?=\s+[^\W\d_])", text[start:end])
    if year and text[start + year.end() + 1 : start + year.end() + 2].isupper():
        year = None
    if year and "“" not in text[start:end] and '"' not in text[start:end]:
        end = start + year.end()
    span = text[start:end]
    if re.match(r"(các|những|mọi)\s", _fold(span)):
        return None  # a plural is generic: "các Thông tư hướng dẫn"
    quoted = start > 0 and text[start - 1] in "\"“'‘"
    for t in [] if quoted else rules.resolution_types:
        if _fold(span).startswith(t) and _fold(span)[len(t) : len(t) + 1] in ("", " ", ","):
            rest = span[len(t) :].strip()
            if not rest:
                if t not in ("điều lệ", "điều lệ đảng"):
                    return None
            elif not (
                any(c.isupper() for c in rest)
                or re.search(r"[\d\"“”(]|\b(?:khóa|khoá|nhiệm kỳ|lần thứ|trung ương|hội nghị)\b", rest)
            ):
                return None
            break
    return {**ent, "start": start, "end": end, "text": text[start:end]}


NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
APPROXIMATORS = frozenset({"trên", "hơn", "gần", "khoảng", "như", "chưa", "đến", "dưới", "ngoài", "chừng"})
NUMBER_WORDS = frozenset(
    {
        "một",
        "hai",
        "ba",
        "bốn",
        "năm",
        "sáu",
        "bảy",
        "tám",
        "chín",
        "mười",
        "mươi",
        "trăm",
        "nghìn",
        "ngàn",
        "triệu",
        "tỷ",
        "lăm",
        "mốt",
        "tư",
        "rưỡi",
        "nửa",
    }
)


def fix_quantity(text: str, ent: Ent, rules: SpanRules) -> Ent | None:
    """End on the counted noun, keep a money unit, never a date or a section number."""
    start, end = ent["start"], ent["end"]
    spans = _words(text, start, end)
    while (
        len(spans) > 1
        and text[spans[-1][0]].islower()
        and _fold(text[spans[-1][0] : spans[-1][1]]) in rules.quantity_stop_words
    ):
        spans.pop()
    end = spans[-1][1]
    last = _fold(text[spans[-1][0] : end])
    if last in rules.money_scales and re.match(r" (đồng|USD|VNĐ|VND)\b", text[end : end + 5]):
        end += len(re.match(r" (đồng|USD|VNĐ|VND)\b", text[end : end + 5]).group(0))
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    surface = text[start:end]
    if not before.strip() and re.fullmatch(r"\d+(?:\.\d+)*\.?", surface):
        return None  # a section number at the start of a line: "3.2."
    if re.fullmatch(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?", surface.split()[0]) and (
        re.search(r"(ngày|trước|sau|đến|từ)\s*$", _fold(before))
        or re.match(r"\s+(hằng|hàng) năm", text[end : end + 12])
        or re.match(r"/\d{4}", text[end : end + 5])
    ):
        return None  # a date: "trước ngày 30/6", "30/6 hằng năm"
    folded_before = _fold(before).rstrip()
    if re.fullmatch(r"\d+", surface) and any(folded_before.endswith(w) for w in rules.ordinal_before):
        return None  # an ordinal or identifier: "đợt 1", "Phụ lục 2", "khóa 15"
    if re.match(r"\d", surface) and any(
        folded_before.endswith(" " + w) or folded_before == w for w in rules.identifier_before
    ):
        return None  # "lớp 10 trung học", "Phụ lục 2 đính kèm": an identifier, not a count
    words = surface.split()
    unit, digits = None, False
    for i, w in enumerate(words):
        f = _fold(w)
        if re.match(r"[\d(]", w) or f in APPROXIMATORS or (not digits and f in NUMBER_WORDS and i + 1 < len(words)):
            digits = digits or w[0].isdigit()
            continue
        unit = " ".join(words[i : i + 2])
        break
    if (
        unit is not None
        and _fold(unit.split()[0]) in rules.duration_units
        and _fold(unit) not in rules.duration_exceptions
    ):
        return None  # a duration or an age: "120 phút", "hơn 20 năm", "gần hai năm"
    rng = re.search(r"(\d+(?:[.,]\d+)?)\s?[-–]\s?$", text[max(0, start - 14) : start])
    if rng:
        start = start - len(rng.group(0).lstrip()) - (len(rng.group(0)) - len(rng.group(0).lstrip()))
        start = max(0, start)
        while start < ent["start"] and not text[start].isdigit():
            start += 1
    return {**ent, "start": start, "end": end, "text": text[start:end]}


def snap_quantity_end(text: str, ent: Ent, rules: SpanRules) -> Ent:
    """A QUANTITY never ends inside a word: "ba nội" → "ba nội dung" (underthesea's segmentation).

    Only a two-syllable word that starts on the span's last syllable is completed, and never
    after a unit that stands alone ("03 lớp" học tập, "14 tỷ đồng" tiền).
    """
    from vnner.pipeline.segment import tokenize, word_positions

    line_end = text.find("\n", ent["end"])
    line_end = len(text) if line_end < 0 else line_end
    window = text[ent["start"] : min(line_end, ent["end"] + 24)]
    toks = tokenize(window)
    last = [i for i, t in enumerate(toks) if t.end <= ent["end"] - ent["start"]]
    if not last or last[-1] + 1 >= len(toks):
        return ent
    i = last[-1]
    word = toks[i].text
    if (
        word.endswith("%")
        or _fold(word) in rules.snap_keep_units
        or not toks[i + 1].text.isalpha()
        or not toks[i + 1].text.islower()
    ):
        return ent
    pos = word_positions([t.text for t in toks])
    if pos[i] == "B" and pos[i + 1] == "E":
        end = ent["start"] + toks[i + 1].end
        return {**ent, "end": end, "text": text[ent["start"] : end]}
    return ent


def fix_org(text: str, ent: Ent, rules: SpanRules) -> Ent | None:
    """An ORG ends on its name, not on "và" or a verb; "Đảng" is not "Đảng tạo sự"; plurals are not ORGs."""
    start, end = ent["start"], ent["end"]
    spans = _words(text, start, end)
    while (
        len(spans) > 1
        and text[spans[-1][0]].islower()
        and _fold(text[spans[-1][0] : spans[-1][1]]) in rules.org_trailing_stop_words
    ):
        spans.pop()
    words = [text[a:b] for a, b in spans]
    if len(words) > 1 and words[0] == "Đảng" and words[1][:1].islower() and _fold(words[1]) not in rules.party_heads:
        spans = spans[:1]  # "Đảng tạo sự …": the Party, then a verb
    end = spans[-1][1]
    surface = text[start:end]
    if rules.plural_org is not None and rules.plural_org.search(surface):
        return None  # "Ủy ban nhân dân các xã": a plural addressee
    if _fold(surface) in ("trung ương", "tw"):
        before = _fold(text[max(0, start - 16) : start]).rstrip()
        if any(before.endswith(w) for w in rules.central_level_before):
            return None  # "ngân sách Trung ương": the central level, not the Central Committee
    return {**ent, "end": end, "text": surface}


def is_not_official(text: str, ent: Ent, rules: SpanRules) -> bool:
    """A reader, lawyer, reporter, author or citizen ("Bạn đọc X", "Luật gia X", "anh X"), or a
    byline with its body ("X (Ban Tuyên giáo Huyện ủy)" alone on a line): not an OFFICIAL."""
    line_start = text.rfind("\n", 0, ent["start"]) + 1
    before = _fold(text[max(line_start, ent["start"] - 16) : ent["start"]]).rstrip()
    for word in rules.not_official_before:
        if before.endswith(word) and (len(before) == len(word) or not before[-len(word) - 1].isalnum()):
            return True
    line_end = text.find("\n", ent["end"])
    line_end = len(text) if line_end < 0 else line_end
    after = text[ent["end"] : line_end].strip()
    if _fold(text[line_start : ent["start"]]).strip() in rules.byline_prefixes and (not after or after[0] in "-–("):
        return True  # an author's byline: "TS. Lương Thị Thu Hiền - Trường Đại học Luật"
    return (
        not text[line_start : ent["start"]].strip()
        and bool(re.fullmatch(r"[(–-]\s*[^()]{3,80}\)?\.?", after))
        and after.startswith("(")
    )


def drop_capital_lines(text: str, ent: Ent, rules: SpanRules) -> bool:
    """Whether an ORG in capitals is a title line rather than a body ("QUYẾT ĐỊNH VỀ VIỆC …")."""
    surface = text[ent["start"] : ent["end"]]
    letters = [c for c in surface if c.isalpha()]
    if len(surface.split()) < 2 or any(c.islower() for c in letters):
        return False
    folded = _fold(surface)
    return not any(folded == h or folded.startswith(h + " ") for h in rules.org_heads_upper)


def is_name(surface: str) -> bool:
    """An OFFICIAL is a person's name: capitalised words, no digits or symbols."""
    words = surface.split()
    return 1 < len(words) <= 6 and all(w[0].isupper() and not any(c.isdigit() for c in w) for w in words)


def merge_ranges(text: str, ents: list[Ent]) -> list[Ent]:
    """ "[7] - [8 tỉnh]" tagged as two quantities is one range."""
    out: list[Ent] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev["label"] == ent["label"] == "QUANTITY"
            and re.fullmatch(r"\s?[-–]\s?", text[prev["end"] : ent["start"]])
            and re.fullmatch(r"(?:trên|hơn|gần|khoảng|từ )?\s*\d+(?:[.,]\d+)?", text[prev["start"] : prev["end"]])
        ):
            out[-1] = {**prev, "end": ent["end"], "text": text[prev["start"] : ent["end"]]}
            continue
        out.append(ent)
    return out


def apply_span_rules(
    text: str, ents: Iterable[Ent], rules: SpanRules, blocked: Iterable[tuple[int, int]] = ()
) -> list[Ent]:
    """All the rules above, in an order where each sees the previous ones' output; `blocked`
    ranges (boilerplate) never receive a new span."""
    out: list[Ent] = []
    for ent in sorted(ents, key=lambda e: e["start"]):
        label = ent["label"]
        if label == "RESOLUTION":
            ent = fix_resolution(text, ent, rules)
        elif label == "QUANTITY":
            ent = fix_quantity(text, ent, rules)
            if ent is not None and rules.snap_quantity_to_words:
                ent = snap_quantity_end(text, ent, rules)
        elif label == "ORG":
            ent = None if drop_capital_lines(text, ent, rules) else fix_org(text, ent, rules)
        elif label == "OFFICIAL" and (
            not is_name(text[ent["start"] : ent["end"]]) or is_not_official(text, ent, rules)
        ):
            ent = None
        if ent is not None and ent["end"] > ent["start"]:
            out.append(ent)
    out = merge_ranges(text, out)
    out = split_org_name(text, out, rules)
    out = add_titled_names(text, out, rules, blocked)
    # spans never overlap: a later span that overlaps an earlier one is dropped
    kept: list[Ent] = []
    for ent in sorted(out, key=lambda e: (e["start"], -e["end"])):
        if kept and ent["start"] < kept[-1]["end"]:
            continue
        kept.append(ent)
    return kept
