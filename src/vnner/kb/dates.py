"""A document's date, and where it came from, so posts and citations can be put in time.

In order of trust:

* ``meta.date`` of the input record, ISO 8601 ("2025-06-12", "2025-06-12T08:30:00+07:00") → "meta.date";
* an official document's header line, "Hà Nội, ngày 12 tháng 6 năm 2025" → "header";
* a date at the start of one of the first lines, as news and web pages print it: "Sáng 5/3/2024, …",
  "Ngày 25/4/2024, …", "Sáng nay (27/6), …", "09:12 | 03/03/2024", "Thứ Năm, 14/08/2025 - 09:20" → "text";
  without a year ("Chiều 20/3, …") the year is the latest one the text mentions outside document
  numbers, ranges and targets ("năm 2023", "7/2024"; not "98/2023/QH15", "2021 - 2025", "đến năm
  2030") → "text, year inferred".

Dates further into the text ("Nghị quyết số 18-NQ/TW ngày 25/10/2017", "Từ ngày 1/7/2025")
are what the document talks about, not when it was written, and are not used.
"""

from __future__ import annotations

import datetime as dt
import re

META, HEADER, TEXT, TEXT_YEAR = "meta.date", "header", "text", "text, year inferred"
HEAD_CHARS = 2500  # where a header or a lead's date can be
LEAD_LINES = 6  # non-empty lines that may start with the date

HEADER_LINE = re.compile(
    r"^[^\S\n]*[^\W\d][^\n,]{1,40},[^\S\n]*(?i:ngày)[^\S\n]+(\d{1,2})[^\S\n]*"
    r"(?:(?i:tháng)[^\S\n]+(\d{1,2})[^\S\n]+(?i:năm)[^\S\n]+|[/.-][^\S\n]*(\d{1,2})[^\S\n]*[/.-][^\S\n]*)(\d{4})",
    re.M,
)
# what may stand before a lead's date on its line
LEAD_PREFIX = re.compile(
    r"^[^\S\n]*(?:\d{1,2}:\d{2}[^\S\n]*\|[^\S\n]*"  # "09:12 | 03/03/2024"
    r"|(?i:thứ[^\S\n]+(?:hai|ba|tư|năm|sáu|bảy)|chủ[^\S\n]+nhật),[^\S\n]*"  # "Thứ Năm, 14/08/2025"
    r"|(?i:(?:sáng|chiều|trưa|tối|đêm|hôm)(?:[^\S\n]+nay)?|ngày)[^\S\n]+(?:(?i:ngày)[^\S\n]+)?)"
)
SLASHED = re.compile(r"\(?(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\)?(?=[\s,.;:)–—-]|$)")
WORDED = re.compile(r"(\d{1,2})[^\S\n]+(?i:tháng)[^\S\n]+(\d{1,2})(?:[^\S\n]*(?:,[^\S\n]*)?(?i:năm)[^\S\n]+(\d{4}))?")
YEAR = re.compile(
    r"(?<![\w/.-])(?:(?i:năm)\s+|\d{1,2}/|(?i:tháng)\s+\d{1,2}/)?((?:19[4-9]|20\d)\d)(?![\w/]|\s*[-–—]\s*\d{4})"
)
NOT_THE_YEAR = re.compile(r"(?i:đến|tới|giai\s+đoạn|nhiệm\s+kỳ|[-–—])\s*(?:(?i:năm)\s+)?$")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def meta_date(meta: object) -> str | None:
    """meta.date as YYYY-MM-DD when it is an ISO 8601 date or date-time, else None."""
    value = meta.get("date") if isinstance(meta, dict) else None
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s)", value)
    return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def header_date(text: str) -> str | None:
    """The date of an official document's place-and-date line: "Hà Nội, ngày 12 tháng 6 năm 2025"."""
    for m in HEADER_LINE.finditer(text[:HEAD_CHARS]):
        day, month = int(m.group(1)), int(m.group(2) or m.group(3))
        found = _valid(int(m.group(4)), month, day)
        if found:
            return found
    return None


def lead_date(text: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) printed at the start of one of the first lines."""
    lines = [line for line in text[:HEAD_CHARS].split("\n") if line.strip()][:LEAD_LINES]
    for line in lines:
        prefix = LEAD_PREFIX.match(line)
        rest = line[prefix.end() :] if prefix else line.lstrip()
        m = SLASHED.match(rest) or WORDED.match(rest)
        if not m or (not prefix and not m.group(3)):  # a bare "3/2" opening a line is not a date
            continue
        day, month = int(m.group(1)), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else None
        if 1 <= month <= 12 and _valid(year or 2000, month, day):
            return day, month, year
    return None


def text_year(text: str) -> int | None:
    """The latest year the text mentions as a time, not inside a document number, range or target."""
    years = []
    for m in YEAR.finditer(text):
        if NOT_THE_YEAR.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        years.append(int(m.group(1)))
    return max(years) if years else None


def document_date(text: str, meta: object = None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD or None, where it came from: "meta.date", "header", "text", "text, year inferred" or None)."""
    found = meta_date(meta)
    if found:
        return found, META
    text = text if isinstance(text, str) else ""
    found = header_date(text)
    if found:
        return found, HEADER
    lead = lead_date(text)
    if lead is None:
        return None, None
    day, month, year = lead
    if year is not None:
        return _valid(year, month, day), TEXT
    year = text_year(text)
    found = _valid(year, month, day) if year else None
    return (found, TEXT_YEAR) if found else (None, None)
