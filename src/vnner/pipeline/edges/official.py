"""OFFICIAL edges: an OFFICIAL is a person's name, not a reader's, a lawyer's or an author's; a name
after a title (and its body) is an OFFICIAL, not the end of the ORG (guidelines, OFFICIAL; decisions
29, 45)."""

from __future__ import annotations

import re

from vnner.pipeline.edges.context import Context
from vnner.pipeline.edges.lists import Lists
from vnner.pipeline.edges.spans import Candidate

MAX_NAME = 4
BYLINE_TAIL = re.compile(r"[(–-]\s*[^()]{3,80}\)?\.?")


def not_a_name(ctx: Context, span: Candidate, lists: Lists) -> Candidate | None:
    """An OFFICIAL is two to six capitalised words without digits, and nobody in a byline or a
    reader's, lawyer's, reporter's or author's line ("Bạn đọc X", "Luật gia X", "TS. X - Trường …")."""
    start, end, label = span
    if label != "OFFICIAL":
        return span
    words = ctx.surface(start, end).split()  # "H' Lim Byă": a word is what white space separates
    if not 1 < len(words) <= 6 or any(not w[:1].isupper() or any(c.isdigit() for c in w) for w in words):
        return None
    previous = ctx.prev_word(start)
    if previous is not None and ctx.ends_with("not_official_before", previous + 1) is not None:
        return None
    before = ctx.prev_word(start)  # None: the name starts its line
    after = _rest_of_line(ctx, end)
    if (
        before is not None
        and ctx.ends_with("byline_prefix", before + 1) == ctx.line_first_word[ctx.line[start]]
        and (not after or after[0] in "-–(")
    ):
        return None  # an author's byline: "TS. Lương Thị Thu Hiền - Trường Đại học Luật"
    if before is None and after.startswith("(") and BYLINE_TAIL.fullmatch(after):
        return None  # "Vừ Thị Dính (Ban Tuyên giáo Huyện ủy Mèo Vạc)" alone on its line
    return span


def _rest_of_line(ctx: Context, end: int, limit: int = 120) -> str:
    last = ctx.line_last[ctx.line[end - 1]]
    if last < end:
        return ""
    stop = min(ctx.end[last], ctx.end[end - 1] + limit + 1)
    return ctx.text[ctx.end[end - 1] : stop].strip()


def _titled(ctx: Context, start: int) -> bool:
    """Whether a person's title (or "đồng chí", "ông", a rank) ends right before token `start`."""
    previous = ctx.prev_word(start)
    return previous is not None and ctx.ends_with("title", previous + 1) is not None


def split_org_name(ctx: Context, spans: list[Candidate], lists: Lists) -> list[Candidate]:
    """ "Bí thư [Huyện ủy Kim Sơn Đinh Văn Hùng]" → ORG "Huyện ủy Kim Sơn" + OFFICIAL "Đinh Văn Hùng"."""
    out: list[Candidate] = []
    for start, end, label in spans:
        if label != "ORG" or not _titled(ctx, start) or _eponymous(ctx, start):
            out.append((start, end, label))
            continue
        words = ctx.words(start, end)
        best = 0
        for size in (3, 4):
            tail = words[-size:]
            if (
                len(words) - size >= 1
                and all(ctx.is_name_syllable(i) for i in tail)
                and ctx.norm[tail[0]] in lists.surnames
                and " ".join(ctx.norm[i] for i in tail) not in lists.eponyms
            ):
                best = size
                break
        if not best:
            out.append((start, end, label))
            continue
        name_start = words[-best]
        out.append((start, words[-best - 1] + 1, "ORG"))
        out.append((name_start, end, "OFFICIAL"))
    return out


def _eponymous(ctx: Context, start: int) -> bool:
    """A body named after someone: "Trường Chính trị Nguyễn Chí Thanh", "Bảo tàng Hồ Chí Minh"."""
    return ctx.starts_with("eponymous_head", start) is not None


def titled_names(ctx: Context, spans: list[Candidate], lists: Lists) -> list[Candidate]:
    """A name right after a title, or after a title and its body, is an OFFICIAL ("Tổng Bí thư Tô
    Lâm", "Giám đốc Sở Nội vụ Trần Thị Lan"); never on a boilerplate line."""
    taken = [False] * (ctx.n + 1)
    ends: set[int] = set()  # character offsets where a span ends: a name glued to it is no name
    org_at: dict[int, int] = {}
    for s, e, label in spans:
        for k in range(s, e):
            taken[k] = True
        ends.add(ctx.end[e - 1])
        if label == "ORG":
            org_at[s] = e
    known = {s.start: s.end for s in ctx.doc.spans.get("bodies", [])}
    addressed = ctx.found["address"].by_start
    added: list[Candidate] = []
    for title_start, title_end in sorted(ctx.found["title"].by_start.items()):
        if title_end >= ctx.n or ctx.line[title_start] in ctx.boilerplate_lines:
            continue
        glued = ctx.start[title_end] == ctx.end[title_end - 1]  # "Đại tướngNguyễn Văn A", cut by the tokenizer
        if not (ctx.gap_is_one_space(title_end - 1) or glued):
            continue
        cursor = title_end
        after_body = False
        body_end = org_at.get(cursor, known.get(cursor))  # the tagger's ORG, else a body the registry knows
        if body_end is not None and body_end < ctx.n and ctx.gap_is_one_space(body_end - 1):
            cursor, after_body = body_end, True
        caps = all(c.isupper() for i in range(title_start, title_end) for c in ctx.form[i] if c.isalpha())
        name = _name_run(ctx, cursor, caps)
        if caps:
            name = name[:3] if len(name) >= 3 and ctx.starts_with("title", name[0]) is None else []
        n = _name_length(ctx, name, lists) if len(name) <= MAX_NAME else 0
        if not n and not caps and not after_body and 2 <= len(name) <= 3 and addressed.get(title_start) == title_end:
            # a name without a Vietnamese surname right after "ông", "bà", "đồng chí": "Ông Morita Kazuhiro",
            # "Bà Hanna Lindqvist", "Ông Bling Ngôn" (a title may be followed by a country: "Trưởng đoàn Việt
            # Nam"); not when a surname starts later in the run
            n = 0 if any(ctx.norm[i] in lists.surnames for i in name[1:]) else len(name)
        if n and after_body and n < 3:
            n = 0  # after a body, two capitalised syllables are as likely its place ("Hà Nội")
        if n and after_body and " ".join(ctx.norm[i] for i in name[:n]) in lists.eponyms:
            n = 0
        if n:
            s, e = name[0], name[n - 1] + 1
            if not any(taken[s:e]) and ctx.start[s] not in ends:
                added.append((s, e, "OFFICIAL"))
                for k in range(s, e):
                    taken[k] = True
    return sorted(spans + added)


def _name_run(ctx: Context, cursor: int, caps: bool) -> list[int]:
    """Capitalised syllables from `cursor`, one space apart, up to punctuation (at most MAX_NAME + 1)."""
    run: list[int] = []
    i = cursor
    while i < ctx.n and len(run) <= MAX_NAME:
        if not (ctx.is_name_syllable(i) or (caps and ctx.is_alpha[i] and ctx.is_upper[i])):
            break
        run.append(i)
        if i + 1 < ctx.n and not ctx.is_space[i + 1] and ctx.start[i + 1] == ctx.end[i]:
            break  # "Hùng," "Hùng." — punctuation ends the name
        if not ctx.gap_is_one_space(i):
            break
        i += 1
    return run


def _name_length(ctx: Context, name: list[int], lists: Lists) -> int:
    """How many syllables of `name` form a person's name: 0 if none (it must start with a surname)."""
    if len(name) < 2 or ctx.norm[name[0]] not in lists.surnames:
        return 0
    return min(len(name), MAX_NAME)
