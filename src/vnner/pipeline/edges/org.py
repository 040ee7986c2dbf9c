"""ORG edges: a body ends on its name; a title line in capitals is no body; plurals and the central
level are not bodies; short forms a document defined, and bodies the registry knows, are found.
(Guidelines, ORG; decisions 7, 36–38, 42–44.)"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from vnner.pipeline.abbreviations import is_short_form
from vnner.pipeline.edges.context import Context
from vnner.pipeline.edges.lists import Lists
from vnner.pipeline.edges.spans import Candidate

CENTRAL = ("trung ương", "tw")


def capital_lines(ctx: Context, span: Candidate, lists: Lists) -> Candidate | None:
    """An ORG in capitals that does not start with a body's head is a title line ("QUYẾT ĐỊNH VỀ VIỆC …")."""
    start, end, label = span
    if label != "ORG":
        return span
    words = ctx.words(start, end)
    letters = [c for i in words for c in ctx.form[i] if c.isalpha()]
    if len(words) < 2 or any(c.islower() for c in letters):
        return span
    head_end = ctx.starts_with("org_head_upper", start)
    return span if head_end is not None and head_end <= end else None


def org_edges(ctx: Context, span: Candidate, lists: Lists) -> Candidate | None:
    """Not "Huyện ủy và", not "Đảng tạo sự …"; "UBND các xã" and "ngân sách Trung ương" are no body."""
    start, end, label = span
    if label != "ORG":
        return span
    words = ctx.words(start, end)
    while len(words) > 1 and ctx.form[words[-1]][:1].islower() and ctx.norm[words[-1]] in lists.org_trailing_stop_words:
        words.pop()
    if (
        len(words) > 1
        and ctx.form[words[0]] == "Đảng"
        and ctx.form[words[1]][:1].islower()
        and ctx.norm[words[1]] not in lists.party_heads
    ):
        words = words[:1]  # "Đảng tạo sự …": the Party, then a verb
    end = words[-1] + 1
    surface = ctx.surface(start, end)
    if lists.plural_org.search(surface):
        return None  # "Ủy ban nhân dân các xã": a plural addressee
    if " ".join(ctx.norm[i] for i in words) in CENTRAL:
        previous = ctx.prev_word(start)
        if previous is not None and ctx.ends_with("central_level_before", previous + 1) is not None:
            return None  # "ngân sách Trung ương": the central level, not the Central Committee
    return start, end, label


def locality_end(ctx: Context, end: int, lists: Lists) -> int:
    """Where a body's locality after `end` ends: "KBNN [tỉnh Sơn La]", "UBND [TP. Đà Nẵng]"."""
    nxt = ctx.next_word(end)
    if nxt is None or nxt != end + (0 if not ctx.is_space[end] else 1) or not ctx.gap_is_one_space(end - 1):
        return end
    if ctx.norm[nxt] not in lists.locality_words and ctx.norm[nxt] not in ("tp", "tx"):
        return end
    last = nxt
    if ctx.norm[nxt] in ("thành", "thị") and nxt + 2 < ctx.n and ctx.norm[nxt + 2] in ("phố", "xã", "trấn"):
        last = nxt + 2
    i = last + 1
    if i < ctx.n and ctx.form[i] == "." and ctx.norm[last] in ("tp", "tx"):
        last = i
        i += 1
    while i < ctx.n:
        j = i + 1 if ctx.is_space[i] and ctx.form[i] == " " else i
        if j >= ctx.n or not ctx.is_title[j] or ctx.start[j] - ctx.end[last] > 1:
            break
        last = j
        i = j + 1
    return last + 1


def document_short_forms(ctx: Context, spans: list[Candidate], lists: Lists, short_forms: set[str]) -> list[Candidate]:
    """Every use of a short form the document defined ("Kho bạc Nhà nước (KBNN)" … "KBNN đã …") is an
    ORG, with its locality ("KBNN tỉnh"), where no span is yet (decision 36)."""
    short_forms = _of_bodies(ctx, spans, short_forms - lists.scheme_short_forms)
    if not short_forms:
        return spans
    spans = _join_names_around_brackets(ctx, spans, lists, short_forms)
    covered = _covered(ctx, spans)
    added = []
    for i in range(ctx.n):
        if ctx.form[i] in short_forms and not covered[i] and ctx.line[i] not in ctx.boilerplate_lines:
            if _plural_after(ctx, i + 1):
                continue
            end = locality_end(ctx, i + 1, lists)
            if not any(covered[i:end]):
                added.append((i, end, "ORG"))
                for k in range(i, end):
                    covered[k] = True
    return spans + added


def foreign_short_forms(ctx: Context, spans: list[Candidate]) -> list[dict]:
    """Short forms in brackets right after an ORG the tagger found, whatever their letters spell:
    "Trung tâm Đổi mới sáng tạo Quốc gia (NIC)", "Học viện Công nghệ Bưu chính Viễn thông (PTIT)" (an
    English acronym of a Vietnamese name, which Schwartz–Hearst cannot match; decision 36). One
    `doc._.abbreviations` entry each, so later uses are ORGs and the canonical name is the long form."""
    ending = {e: s for s, e, label in spans if label == "ORG"}
    found: dict[str, dict] = {}
    for i in range(1, ctx.n - 2):
        if ctx.form[i] != "(" or ctx.form[i + 2] != ")" or i not in ending:
            continue
        short = ctx.form[i + 1]
        if short in found or not is_short_form(short):
            continue
        first, last = ctx.doc[ending[i]], ctx.doc[i - 1]
        found[short] = {
            "short": short,
            "long": ctx.surface(ending[i], i),
            "start": first.idx,
            "end": last.idx + len(last.text),
        }
    return list(found.values())


DASHES = ("-", "–", "—")


def dateline_outlets(ctx: Context, spans: list[Candidate]) -> list[Candidate]:
    """The outlet in a news dateline is an ORG (decision 28): a line that opens with a name in brackets
    and a dash, "(SGGPO) - Sáng 21/8 …", "(Chinhphu.vn) –", "(Đại Đoàn Kết) -". The name is at most
    five words, each capitalised (a web address's ".vn" aside), where no span is yet."""
    covered = _covered(ctx, spans)
    added = []
    for line, i in enumerate(ctx.line_first_word):
        if i >= ctx.n or ctx.form[i] != "(" or ctx.line[i] != line:
            continue
        close = next((k for k in range(i + 1, min(i + 12, ctx.n)) if ctx.form[k] == ")" or "\n" in ctx.form[k]), None)
        if close is None or ctx.form[close] != ")" or close == i + 1:
            continue
        dash = ctx.next_word(close + 1)
        if dash is None or ctx.form[dash] not in DASHES or any(covered[i + 1 : close]):
            continue
        words = ctx.surface(i + 1, close).split()
        if len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words):
            added.append((i + 1, close, "ORG"))
    return spans + added


WEB_ADDRESS = re.compile(r"^[A-Za-z][\w-]*(\.[A-Za-z]{2,})+$")


def credit_outlets(ctx: Context, spans: list[Candidate], lists: Lists) -> list[Candidate]:
    """An outlet's short name or address in a credit or a byline is an ORG (decision 28): "Ảnh: VGP/Trần
    Hải", "Thu Hà/VOV.VN". A part of the credit glued to a slash, a short form or a web address, after
    "Ảnh:" and the like or on a short byline line of its own, where no span is yet."""
    covered = _covered(ctx, spans)
    added = []
    for i in range(1, ctx.n - 1):
        if ctx.form[i] != "/" or not (_glued(ctx, i - 1) and _glued(ctx, i)):
            continue
        start = i
        while start > 0 and _glued(ctx, start - 1) and ctx.form[start - 1] not in ":(/":
            start -= 1
        end = i + 1
        while end + 1 < ctx.n and _glued(ctx, end) and ctx.form[end + 1] not in "/),;":
            end += 1
        first = ctx.line_first_word[ctx.line[i]]
        credit = lists.credit_prefix.search(ctx.line_text_before(start))
        byline = len(ctx.words(first, i)) <= 4 and ctx.next_word(end + 1) is None
        if not (credit or byline):
            continue
        for s, e in ((start, i), (i + 1, end + 1)):
            word = ctx.surface(s, e)
            if e > s and not any(covered[s:e]) and (is_short_form(word) or WEB_ADDRESS.match(word)):
                added.append((s, e, "ORG"))
    return spans + added


def _glued(ctx: Context, i: int) -> bool:
    """Whether token i + 1 starts right where token i ends ("VGP/Trần", "VOV.VN")."""
    return i + 1 < ctx.n and ctx.start[i + 1] == ctx.end[i]


def _of_bodies(ctx: Context, spans: list[Candidate], short_forms: set[str]) -> set[str]:
    """The short forms defined right after, or inside, an ORG the tagger found: "Kho bạc Nhà nước (KBNN)"
    names a body, "Chỉ số chuyển đổi số cấp tỉnh (DTI)" does not."""
    org_ends = {e for _, e, label in spans if label == "ORG"}
    inside = [False] * (ctx.n + 1)
    for s, e, label in spans:
        if label == "ORG":
            for k in range(s, e):
                inside[k] = True
    found = set()
    for i in range(1, ctx.n - 2):
        bracketed = ctx.form[i] == "(" and ctx.form[i + 2] == ")" and ctx.form[i + 1] in short_forms
        if bracketed and (i in org_ends or inside[i] or inside[i + 1]):
            found.add(ctx.form[i + 1])
    return found


def _plural_after(ctx: Context, end: int) -> bool:
    """ "UBND các huyện", "HĐND các cấp": a plural after a short form makes it no one body."""
    nxt = ctx.next_word(end)
    return nxt is not None and ctx.norm[nxt] in ("các", "những", "mọi")


def _join_names_around_brackets(
    ctx: Context, spans: list[Candidate], lists: Lists, short_forms: set[str]
) -> list[Candidate]:
    """ "Ban Thường vụ (BTV) Huyện ủy Tân Sơn", "Kho bạc Nhà nước (KBNN) tỉnh Sơn La": where the name goes
    on after the bracket, the long form, the bracket and the rest are one ORG (decision 36)."""
    ending = {e: k for k, (s, e, label) in enumerate(spans) if label == "ORG"}
    starting = {s: k for k, (s, e, label) in enumerate(spans) if label == "ORG"}
    out = list(spans)
    drop: set[int] = set()
    for i in range(1, ctx.n - 2):
        if ctx.form[i] != "(" or ctx.form[i + 1] not in short_forms or ctx.form[i + 2] != ")":
            continue
        left = ending.get(i)
        after = i + 3
        if left is None or left in drop or after >= ctx.n or not ctx.gap_is_one_space(i + 2):
            continue
        right = starting.get(after)
        inside = starting.get(i + 1)  # the tagger started the name at the short form: "BTV) Thành ủy Đà Lạt"
        if right is None and inside is not None and spans[inside][1] > after:
            right = inside
        if right is not None and right not in drop:
            out[left] = (spans[left][0], spans[right][1], "ORG")
            drop.add(right)
        elif ctx.norm[after] in lists.locality_words or ctx.norm[after] in ("tp", "tx"):
            out[left] = (spans[left][0], locality_end(ctx, i + 3, lists), "ORG")
    return [span for k, span in enumerate(out) if k not in drop]


def grow_to_known_names(ctx: Context, spans: list[Candidate], bodies: list[tuple[int, int]]) -> list[Candidate]:
    """An ORG the tagger cut short inside a body the registry knows grows to the whole name
    ("Bộ Lao động" → "Bộ Lao động - Thương binh và Xã hội"), when nothing else is in the way."""
    if not bodies:
        return spans
    starts = {}
    for s, e in bodies:
        starts.setdefault(s, e)
        starts[s] = max(starts[s], e)
    out = []
    begins = sorted(s for s, _, _ in spans)
    for s, e, label in spans:
        grown = e
        if label == "ORG" and s in starts and starts[s] > e:
            grown = starts[s]
            # another span starting inside the grown part is in the way (spans do not overlap: starts suffice)
            if bisect_left(begins, grown) > bisect_right(begins, s):
                grown = e
        out.append((s, grown, label))
    return out


def _covered(ctx: Context, spans: list[Candidate]) -> list[bool]:
    covered = [False] * ctx.n
    for s, e, _ in spans:
        for k in range(s, e):
            covered[k] = True
    return covered


AROUND = 24  # tokens after an ORG's first token where a productive shape of its name can end


def pattern_matches(ctx: Context, spans: list[Candidate], patterns) -> list[tuple[int, int]]:
    """The registry's productive shapes ("Sở X tỉnh Y", "Ủy ban X của Quốc hội") matched from each ORG
    the tagger found, in a window after its start: the whole document is never matched."""
    found: list[tuple[int, int]] = []
    if not len(patterns):
        return found
    for start, end, label in spans:
        if label != "ORG":
            continue
        window = ctx.doc[start : min(ctx.n, max(end, start + AROUND))]
        found += [(start + s, start + e) for _, s, e in patterns(window) if s == 0]
    return found
