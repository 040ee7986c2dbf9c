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


def ends_inside_a_word(ctx: Context, spans: list[Candidate]) -> list[bool]:
    """For each span, whether its last token starts a two-syllable word the next token ends.

    The word positions are the tokenizer's when it segmented (`segment = true`); otherwise
    underthesea's CRF reads a window of a few tokens around each end, all windows of a document in
    one call (one call per span cost as much as all the other rules on one long line).
    """
    if not spans:
        return []
    if ctx.word_tags is not None:
        return [ctx.word_tags[end - 1] == "B" and ctx.word_tags[end] in ("E", "I") for _, end, _ in spans]
    from vnner.pipeline.words import word_positions

    sequence: list[str] = []
    places: list[int] = []
    for start, end, _ in spans:
        window = [i for i in ctx.words(max(start, end - 3), min(ctx.n, end + 3)) if ctx.line[i] == ctx.line[end]]
        places.append(len(sequence) + window.index(end - 1))
        sequence += [ctx.form[i] for i in window] + ["\n", "\n"]  # line breaks keep windows apart
    positions = word_positions(sequence)
    return [positions[p] == "B" and positions[p + 1] == "E" for p in places]


def name_word_end(ctx: Context, spans: list[Candidate], lists: Lists) -> list[Candidate]:
    """A name never ends inside a word: "Ban Thường vụ Huyện ủy đặc" biệt → "Ban Thường vụ Huyện ủy".

    An ORG, OFFICIAL or RESOLUTION of two tokens or more whose last token is lower case and starts
    a two-syllable word that the next, lower-case token ends loses that last token, unless the
    token is part of a name the registry knows (`doc.spans["bodies"]`: "Tỉnh ủy" dự, where the CRF
    reads "ủy dự" as a word).
    """
    known = {i for span in ctx.doc.spans.get("bodies", ()) for i in range(span.start, span.end)}
    candidates = [
        k
        for k, (start, end, label) in enumerate(spans)
        if label != "QUANTITY"
        and end - start >= 2
        and end < ctx.n
        and ctx.gap_is_one_space(end - 1)
        and ctx.form[end - 1].isalpha()
        and ctx.form[end - 1].islower()
        and ctx.form[end].isalpha()
        and ctx.form[end].islower()
        and end - 1 not in known
    ]
    out = list(spans)
    for k, inside in zip(candidates, ends_inside_a_word(ctx, [spans[k] for k in candidates])):
        if inside:
            start, end, label = spans[k]
            out[k] = (start, end - 1, label)
    return out
