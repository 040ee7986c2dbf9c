"""QUANTITY edges: the span ends on its counted noun, keeps its money unit, takes a range whole, and
is never a date, a section number, an ordinal, an identifier or a duration (guidelines, QUANTITY;
decisions 16–20, 32, 34)."""

from __future__ import annotations

import re

from vnner.pipeline.edges.context import Context
from vnner.pipeline.edges.lists import Lists
from vnner.pipeline.edges.spans import Candidate, ends_inside_a_word

MONEY_UNITS = {"đồng", "USD", "VNĐ", "VND"}
SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)*\.?")
DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?")
DATE_BEFORE = re.compile(r"(ngày|trước|sau|đến|từ)\s*$")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def quantity_edges(ctx: Context, span: Candidate, lists: Lists) -> Candidate | None:
    start, end, label = span
    if label != "QUANTITY":
        return span
    words = ctx.words(start, end)
    # "chi 1.200 tỉ đồng": a count starts at its number, its approximator or a number word
    while len(words) > 1 and not _starts_a_count(ctx, words[0], lists):
        words.pop(0)
    start = words[0]
    # "712 đảng viên mới được": the noun phrase ends before a verb, adjective or preposition
    while len(words) > 1 and ctx.form[words[-1]][:1].islower() and ctx.norm[words[-1]] in lists.quantity_stop_words:
        words.pop()
    end = words[-1] + 1
    # "45 triệu đồng": a scale word keeps its money unit
    if ctx.norm[words[-1]] in lists.money_scales and ctx.gap_is_one_space(end - 1) and ctx.form[end] in MONEY_UNITS:
        end += 1
    before = ctx.line_text_before(start)
    surface = ctx.surface(start, end)
    if not before.strip() and SECTION_NUMBER.fullmatch(surface):
        return None  # a section number at the start of a line: "3.2."
    first = surface.split()[0]
    if DAY_MONTH.fullmatch(first):
        after = ctx.text[ctx.end[end - 1] : ctx.end[end - 1] + 12]
        if (
            DATE_BEFORE.search(_fold(before))
            or re.match(r"\s+(hằng|hàng) năm", after)
            or re.match(r"/\d{4}", after[:5])
        ):
            return None  # a date: "trước ngày 30/6", "30/6 hằng năm"
    previous = ctx.prev_word(start)
    if previous is not None:
        if re.fullmatch(r"\d+", surface) and ctx.ends_with("ordinal_before", previous + 1) is not None:
            return None  # an ordinal or identifier: "đợt 1", "Phụ lục 2", "khóa 15"
        if surface[:1].isdigit() and ctx.ends_with("identifier_before", previous + 1) is not None:
            return None  # "lớp 10 trung học", "Phụ lục 2 đính kèm": an identifier, not a count
    unit = _unit(ctx, words, lists)
    duration = unit is not None and ctx.norm[unit] in lists.duration_units
    if duration and ctx.starts_with("duration_exception", unit) is None:
        return None  # a duration or an age: "120 phút", "hơn 20 năm", "gần hai năm"
    return _range_start(ctx, start, lists), end, label


def quantity_word_end(ctx: Context, spans: list[Candidate], lists: Lists) -> list[Candidate]:
    """A QUANTITY never ends inside a word: "ba nội" → "ba nội dung", "5 sĩ" → "5 sĩ quan".

    Only a two-syllable word that starts on the span's last syllable is completed, and never after
    a unit that stands alone ("03 lớp" học tập). The word positions are the tokenizer's when it
    segmented (`segment = true`); otherwise underthesea's CRF reads a window of a few tokens around
    each candidate, all windows of a document in one call.
    """
    candidates = [k for k, span in enumerate(spans) if _may_end_inside_a_word(ctx, span, lists)]
    out = list(spans)
    for k, grows in zip(candidates, ends_inside_a_word(ctx, [spans[k] for k in candidates])):
        if grows:
            start, end, label = spans[k]
            out[k] = (start, end + 1, label)
    return out


def _may_end_inside_a_word(ctx: Context, span: Candidate, lists: Lists) -> bool:
    """A QUANTITY followed, one space on, by a lower-case word, and not ending on a unit that stands alone."""
    _start, end, label = span
    if label != "QUANTITY" or end >= ctx.n or not ctx.gap_is_one_space(end - 1):
        return False
    nxt = ctx.form[end]
    return (
        nxt.isalpha()
        and nxt.islower()
        and not ctx.form[end - 1].endswith("%")
        and ctx.norm[end - 1] not in lists.units_standing_alone
    )


def _starts_a_count(ctx: Context, i: int, lists: Lists) -> bool:
    form = ctx.form[i]
    return (
        form[:1].isdigit()
        or form[:1] in "(≥≤<>~"
        or ctx.norm[i] in lists.approximator_words
        or ctx.norm[i] in lists.number_words
        or ctx.norm[i] in ("một", "mỗi")
    )


def _unit(ctx: Context, words: list[int], lists: Lists) -> int | None:
    """The first word of what is counted: after the number, its approximators and number words."""
    digits = False
    for k, i in enumerate(words):
        form, norm = ctx.form[i], ctx.norm[i]
        if (
            form[:1].isdigit()
            or form[:1] == "("
            or norm in lists.approximator_words
            or (not digits and norm in lists.number_words and k + 1 < len(words))
        ):
            digits = digits or form[:1].isdigit()
            continue
        return i
    return None


def _range_start(ctx: Context, start: int, lists: Lists) -> int:
    """ "7 - [8 tỉnh]": a range starts at its first number."""
    dash = ctx.prev_word(start)
    if dash is None or ctx.form[dash] not in ("-", "–") or ctx.start[start] - ctx.end[dash] > 1:
        return start
    number = ctx.prev_word(dash)
    if number is None or ctx.start[dash] - ctx.end[number] > 1 or not NUMBER.fullmatch(ctx.form[number]):
        return start
    return number


def _fold(text: str) -> str:
    from vnner.facts.config import fold

    return fold(text)


def ranges_in_words(ctx: Context, spans: list[Candidate], lists: Lists) -> list[Candidate]:
    """ "từ 25% đến 70%", "1,5 đến 3 lần": a range written with "đến" is one QUANTITY, "từ" outside
    (decision 34); when both ends carry their own unit ("500.000 đồng đến 1.000.000 đồng") they stay two."""
    out: list[Candidate] = []
    for span in sorted(spans):
        previous = out[-1] if out else None
        if previous is not None and previous[2] == span[2] == "QUANTITY" and _bare(ctx, previous, lists):
            word = ctx.next_word(previous[1])
            if (
                word is not None
                and ctx.norm[word] in ("đến", "tới")
                and ctx.next_word(word + 1) == span[0]
                and ctx.gap_is_one_space(previous[1] - 1)
                and ctx.gap_is_one_space(word)
            ):
                out[-1] = (previous[0], span[1], "QUANTITY")
                continue
        out.append(span)
    return out


def _bare(ctx: Context, span: Candidate, lists: Lists) -> bool:
    """A number with nothing counted after it: "25%", "1,5", "trên 10"."""
    return all(
        ctx.form[i][:1].isdigit() or ctx.form[i] in ("%", "‰") or ctx.norm[i] in lists.approximator_words
        for i in ctx.words(span[0], span[1])
    )
