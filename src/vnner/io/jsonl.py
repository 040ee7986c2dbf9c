"""JSONL read line by line: each line is a value or a reason why it is not, never an exception."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class JsonlOpenError(OSError):
    """The file cannot be opened at all; the message names it."""


@dataclass
class Problem:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def json_fault(exc: json.JSONDecodeError) -> str:
    """The parser's reason with its column: "Unterminated string starting at column 12".

    Some of Python's reasons already end in "at" ("Invalid control character at"); the word is
    not repeated.
    """
    reason = exc.msg.removesuffix(":").removesuffix(" at")
    return f"{reason} at column {exc.colno}"


def parse_lines(handle: BinaryIO) -> Iterator[tuple[int, object, str | None]]:
    """(line number, value, None) or (line number, None, reason) for each non-blank line."""
    for n, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        try:
            # Without its line end: a string left open runs into the newline, and the parser would
            # report that as an "invalid control character" instead of the unterminated string it is.
            yield n, json.loads(raw.rstrip(b"\r\n").decode("utf-8")), None
        except UnicodeDecodeError as exc:
            yield n, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
        except json.JSONDecodeError as exc:
            yield n, None, f"not valid JSON ({json_fault(exc)})"


def json_lines(path: str | Path) -> Iterator[tuple[int, object, str | None]]:
    """parse_lines over a file; JsonlOpenError if it cannot be opened."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise JsonlOpenError(f"{path}: cannot open ({exc.strerror})") from None
    with handle:
        yield from parse_lines(handle)
