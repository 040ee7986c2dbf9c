"""Span basics: edges on text, quantities with a number, no OFFICIAL in a byline or a credit.

A span here is (first token, end token, label) over a `Context`; a rule returns the span it keeps
(maybe moved) or None to drop it.
"""

from __future__ import annotations

import unicodedata

from vnner.pipeline.edges.context import Context
from vnner.pipeline.edges.lists import Lists

Candidate = tuple[int, int, str]
KEEP_AT_END = {")", "%", "‰"}


def _bad_edge(form: str, at_end: bool) -> bool:
    """White space, punctuation, symbols and controls are no span edge; ")" and "%" may end one."""
    if at_end and form in KEEP_AT_END:
        return False
    ch = form[:1]
    if not ch or ch.isspace():
        return True
    if len(form) > 1:
        return False
    category = unicodedata.category(ch)
    return category[0] in "PZC" or (category[0] == "S" and ch != "%")


def trim(ctx: Context, span: Candidate, lists: Lists) -> Candidate | None:
    """Shrink a span until it neither starts nor ends on white space or punctuation (guidelines, Text)."""
    start, end, label = span
    while start < end and _bad_edge(ctx.form[start], at_end=False):
        start += 1
    while end > start and _bad_edge(ctx.form[end - 1], at_end=True):
        end -= 1
    forms = ctx.form[start:end]
    if end > start and forms[-1] == ")" and forms.count("(") < forms.count(")"):
        end -= 1
        while end > start and _bad_edge(ctx.form[end - 1], at_end=True):
            end -= 1
    elif forms.count("(") > forms.count(")") and ")" not in forms[forms.index("(") :]:
        # "Kho bạc Nhà nước (KBNN": the tagger stopped inside a bracket; the name ends before it
        end = start + forms.index("(")
        while end > start and _bad_edge(ctx.form[end - 1], at_end=True):
            end -= 1
    return (start, end, label) if end > start else None


def byline_credit(ctx: Context, span: Candidate, lists: Lists) -> Candidate | None:
    """A name alone on its line (a byline) or right after "Ảnh:" and the like (a credit) is no OFFICIAL."""
    start, end, label = span
    if label != "OFFICIAL":
        return span
    before = ctx.line_text_before(start)
    if lists.credit_prefix.search(before):
        return None
    if before.strip():
        return span
    line = ctx.line[start]
    after = ctx.next_word(end)
    if after is not None and ctx.form[after] == ".":
        after = ctx.next_word(after + 1)
    if after is not None:
        return span  # more text after the name on its line
    if len(ctx.words(start, end)) > lists.byline_max_words:
        return span
    previous = _previous_line(ctx, line)
    # A name under an upper-case title line ("BÍ THƯ", "T/M BAN THƯỜNG VỤ") signs a document.
    signed = previous and previous.upper() == previous and any(c.isalpha() for c in previous)
    return span if signed else None


def _previous_line(ctx: Context, line: int) -> str:
    """The last line before this one that is not blank, stripped ("" for none)."""
    while line > 0:
        line -= 1
        first, last = ctx.line_first[line], ctx.line_last[line]
        words = [i for i in range(first, last + 1) if not ctx.is_space[i]]
        if words:
            return ctx.text[ctx.start[words[0]] : ctx.end[words[-1]]]
    return ""
