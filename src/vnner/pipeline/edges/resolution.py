"""RESOLUTION edges: the span starts at its document type, ends before a date, takes its whole
identifier, and a type word with no identifier is no document (guidelines, RESOLUTION)."""

from __future__ import annotations

import re

from vnner.pipeline.edges.context import Context
from vnner.pipeline.edges.lists import Lists
from vnner.pipeline.edges.spans import Candidate

IDENTIFYING = re.compile(r"[\d\"“”(]|\b(?:khóa|khoá|nhiệm kỳ|lần thứ|trung ương|hội nghị)\b")
CHARTER = ("điều lệ", "điều lệ đảng")
PLURAL = ("các", "những", "mọi")
DASHES = {"-", "–", "—", "/"}


def resolution_edges(ctx: Context, span: Candidate, lists: Lists) -> Candidate | None:
    start, end, label = span
    if label != "RESOLUTION":
        return span
    # "Thực hiện Nghị quyết …": the document starts at its type
    verb_end = ctx.starts_with("lead_verb", start)
    if verb_end is not None and verb_end < end:
        nxt = ctx.next_word(verb_end)
        if nxt is not None and nxt < end and ctx.starts_with("resolution_type", nxt) is not None:
            start = nxt
    # "… ngày 18/1/2019": the date is not part of it
    for i in range(start + 1, end):
        if ctx.norm[i] == "ngày":
            nxt = ctx.next_word(i + 1)
            if nxt is not None and nxt < end and ctx.form[nxt][:1].isdigit():
                end = _last_word_end(ctx, start, i)
                break
    # "Luật Đất đai năm 2024 quy định …": the law's year ends it, not the clause after it
    quoted = any(ctx.form[i] in ("“", '"') for i in range(start, end))
    for i in range(start, end - 2):
        if ctx.norm[i] == "năm" and re.fullmatch(r"\d{4}", ctx.form[i + 1] if ctx.gap_is_one_space(i) else ""):
            nxt = ctx.next_word(i + 2)
            if nxt is not None and nxt < end and ctx.start[nxt] > ctx.end[i + 1] and ctx.form[nxt][:1].isalpha():
                if not ctx.form[nxt][:1].isupper() and not quoted:
                    end = i + 2
                break
    if end <= start or ctx.norm[start] in PLURAL:
        return None  # "các Thông tư hướng dẫn": a plural is generic
    quoted_before = start > 0 and ctx.form[start - 1] in ('"', "“", "'", "‘")
    type_end = None if quoted_before else ctx.starts_with("resolution_type", start)
    if type_end is not None and type_end <= end:
        typed = " ".join(ctx.norm[i] for i in ctx.words(start, type_end))
        rest = ctx.surface(type_end, end).strip() if type_end < end else ""
        if not rest:
            if typed not in CHARTER:
                return None
        elif not (any(c.isupper() for c in rest) or IDENTIFYING.search(rest)):
            return None
    return start, end, label


def _last_word_end(ctx: Context, start: int, before: int) -> int:
    i = before
    while i > start and ctx.is_space[i - 1]:
        i -= 1
    return i


def resolution_lists(ctx: Context, spans: list[Candidate], lists: Lists) -> list[Candidate]:
    """ "luật Đất đai và bộ luật Lao động", "Luật đấu thầu, Luật xây dựng": two documents joined by "và" or a
    comma are two spans; an amending law that names other laws in its title stays one (decision 13b)."""
    out: list[Candidate] = []
    for start, end, label in spans:
        if label != "RESOLUTION" or ctx.starts_with("resolution_type", start) is None:
            out.append((start, end, label))
            continue
        if any(ctx.norm[i] in ("sửa", "đổi") for i in range(start, end)):
            out.append((start, end, label))
            continue
        cuts = []
        for i in range(start + 1, end - 1):
            if ctx.norm[i] in ("và", ",") and ctx.starts_with("resolution_type", ctx.next_word(i + 1) or i) is not None:
                cuts.append(i)
        piece = start
        for cut in cuts:
            last = cut
            while last > piece and (ctx.is_space[last - 1] or ctx.form[last - 1] == ","):
                last -= 1
            if last > piece:
                out.append((piece, last, label))
            piece = ctx.next_word(cut + 1) or end
        out.append((piece, end, label))
    return _listed_identifiers(ctx, out)


CODED = re.compile(r"\d[\d.]*(?:/\d{4})?[-/][A-ZĐ][\wĐđ]*(?:[-/][A-ZĐ][\wĐđ]*)*")


def _listed_identifiers(ctx: Context, spans: list[Candidate]) -> list[Candidate]:
    """ "Chương trình số 01-CTr/TU, 03-CTr/TU", "Nghị quyết số 18-NQ/TW, 19-NQ/TW": a coded number listed
    right after a document is a document too (decision 13), when the tagger left it out."""
    taken = {i for s, e, _ in spans for i in range(s, e)}
    added: list[Candidate] = []
    for _, end, label in sorted(spans):
        while label == "RESOLUTION":
            joint = ctx.next_word(end)
            if joint is None or ctx.norm[joint] not in (",", "và", ";"):
                break
            number = ctx.next_word(joint + 1)
            if number is None or number in taken or not CODED.fullmatch(ctx.form[number]):
                break
            added.append((number, number + 1, label))
            taken.add(number)
            end = number + 1
    return spans + added
