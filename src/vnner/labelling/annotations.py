"""Reading and writing doccano-format JSONL: ``{"id", "text", "label": [[start, end, LABEL]], "meta"}``."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from vnner.io.jsonl import JsonlOpenError, json_lines


class AnnotationFileError(ValueError):
    """A broken annotation file; the message names the file, the line and the reason."""


def read_records(path: str | Path) -> Iterator[tuple[int, dict]]:
    """Yield (line number, record) for each non-blank line; raise AnnotationFileError on a broken one."""
    try:
        for n, record, problem in json_lines(path):
            if problem:
                raise AnnotationFileError(f"{path}:{n}: {problem}")
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise AnnotationFileError(f'{path}:{n}: expected an object with a "text" string')
            spans = record.get("label", record.get("entities", []))
            if not isinstance(spans, list) or not all(isinstance(s, (list, tuple)) and len(s) == 3 for s in spans):
                raise AnnotationFileError(f'{path}:{n}: "label" must be a list of [start, end, LABEL]')
            record["label"] = [list(s) for s in spans]
            yield n, record
    except JsonlOpenError as exc:
        raise AnnotationFileError(str(exc)) from None


def load(path: str | Path) -> list[dict]:
    return [record for _, record in read_records(path)]


def write_records(path: str | Path, records: Iterable[dict]) -> int:
    """Write records atomically (temp file + rename), so a failed write never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
