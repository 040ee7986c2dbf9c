"""Reading and writing doccano-format JSONL: ``{"id", "text", "label": [[start, end, LABEL]], "meta"}``."""

from __future__ import annotations

import json
import os
import stat
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
            key = "label" if "label" in record else "entities"
            spans = record.get(key, [])
            if not isinstance(spans, list) or not all(isinstance(s, (list, tuple)) and len(s) == 3 for s in spans):
                raise AnnotationFileError(f"{path}:{n}: {_bad_spans(key, spans)}")
            record["label"] = [list(s) for s in spans]
            yield n, record
    except JsonlOpenError as exc:
        raise AnnotationFileError(str(exc)) from None


def _bad_spans(key: str, spans: object) -> str:
    """What is wrong with a record's spans, quoting what was found; `vnner extract` output is named as such."""
    if key == "entities" and isinstance(spans, list) and any(isinstance(s, dict) and "start" in s for s in spans):
        return (
            '"entities" holds extracted entities ({"start", "end", "label", "text", "norm"}), not annotations: this '
            "looks like `vnner extract` output; give annotated doccano JSONL, each line with "
            '"label": [[start, end, LABEL], ...]'
        )
    found = json.dumps(spans, ensure_ascii=False)
    found = found if len(found) <= 60 else found[:57] + "..."
    return f'"{key}" must be a list of [start, end, LABEL] (e.g. [[0, 7, "ORG"]]), not {found}'


def load(path: str | Path) -> list[dict]:
    return [record for _, record in read_records(path)]


def _mode_for(path: Path) -> int:
    """The mode a replaced file keeps, or what a new file gets under the umask (0644 under the usual 022)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_records(path: str | Path, records: Iterable[dict]) -> int:
    """Write records atomically (temp file + rename), so a failed write never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        os.chmod(tmp, _mode_for(path))  # mkstemp makes it private; the file is data like any output
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
