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


def parse_lines(handle: BinaryIO) -> Iterator[tuple[int, object, str | None]]:
    """(line number, value, None) or (line number, None, reason) for each non-blank line."""
    for n, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        try:
            yield n, json.loads(raw.decode("utf-8")), None
        except UnicodeDecodeError as exc:
            yield n, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
        except json.JSONDecodeError as exc:
            yield n, None, f"not valid JSON ({exc.msg} at column {exc.colno})"


def json_lines(path: str | Path) -> Iterator[tuple[int, object, str | None]]:
    """parse_lines over a file; JsonlOpenError if it cannot be opened."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise JsonlOpenError(f"{path}: cannot open ({exc.strerror})") from None
    with handle:
        yield from parse_lines(handle)
