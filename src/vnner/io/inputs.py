"""Reading documents from .txt files, folders, JSONL files or standard input, one record at a time.

A broken record (bad UTF-8, bad JSON, missing or duplicate id, non-string text) does not
stop the stream: it comes out as an `InputRecord` with `error` set, carrying the file and
line, so the caller can report it and go on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from vnner.io.jsonl import parse_lines

SUFFIXES = (".txt", ".jsonl")  # what is read from a folder
# What a file that is no text usually is, by its first bytes: named in the error, so the user sees what they gave.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx or .odt file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"),
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class InputRecord:
    source: str
    line: int | None
    id: str | None = None
    text: str | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


def not_text(head: bytes) -> str | None:
    """Why a file starting with `head` is not UTF-8 text (a PNG, a PDF, UTF-16, binary data), or None."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return f"not a text file ({kind}): give UTF-8 text, as .txt files or JSONL"
    if head.startswith(UTF16_BOMS) and b"\x00" in head[:4096]:
        return "UTF-16 text, not UTF-8: save the file as UTF-8 and try again"
    if b"\x00" in head[:4096]:
        return "not a text file (binary data: it holds NUL bytes): give UTF-8 text, as .txt files or JSONL"
    return None


def _decode(data: bytes, source: str, line: int | None) -> tuple[str | None, str | None]:
    binary = not_text(data[:4096])
    if binary:
        return None, binary
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 ({exc.reason} at byte {exc.start}): save the file as UTF-8"


def _jsonl(handle: BinaryIO, source: str) -> Iterator[InputRecord]:
    for n, obj, problem in parse_lines(handle):
        if problem:
            yield InputRecord(source, n, error=problem)
            continue
        if not isinstance(obj, dict):
            yield InputRecord(source, n, error="line is not a JSON object")
            continue
        doc_id = obj.get("id")
        if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
            yield InputRecord(source, n, error='missing "id"')
            continue
        if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
            yield InputRecord(source, n, error=f'"id" must be a string or an integer, not {type(doc_id).__name__}')
            continue
        body = obj.get("text")
        if not isinstance(body, str):
            kind = "missing" if body is None else f"a {type(body).__name__}, not a string"
            yield InputRecord(source, n, id=str(doc_id), error=f'"text" is {kind}')
            continue
        meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
        yield InputRecord(source, n, id=str(doc_id), text=body, meta=meta)


def _text_file(path: Path, doc_id: str | None = None) -> InputRecord:
    source = str(path)
    doc_id = doc_id or path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputRecord(source, None, id=doc_id, error=f"cannot read ({exc.strerror})")
    text, error = _decode(data, source, None)
    return InputRecord(source, None, id=doc_id, text=text, error=error)


def folder_id(folder: Path, path: Path) -> str:
    """A .txt file's id inside a folder given as input: its path relative to that folder, without
    the suffix, with "/" between parts (a/report and b/report are two documents, not a duplicate)."""
    return path.relative_to(folder).with_suffix("").as_posix()


def _one(spec: str, stdin: BinaryIO | None) -> Iterator[InputRecord]:
    if spec == "-":
        stream = stdin or sys.stdin.buffer
        data = stream.read()
        if data.lstrip()[:1] == b"{":
            import io

            yield from _jsonl(io.BytesIO(data), "<stdin>")
        else:
            text, error = _decode(data, "<stdin>", None)
            yield InputRecord("<stdin>", None, id="stdin", text=text, error=error)
        return
    if "://" in spec:
        yield from _remote(spec)
        return
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        for p in files:
            if p.suffix.lower() == ".txt":
                yield _text_file(p, folder_id(path, p))
            else:
                yield from _one(str(p), stdin)
    elif path.suffix.lower() == ".jsonl":
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield InputRecord(spec, None, error=f"cannot open ({exc.strerror})")
            return
        with handle:
            binary = not_text(handle.peek(4096)[:4096] if hasattr(handle, "peek") else b"")
            if binary:
                yield InputRecord(spec, None, error=binary)
                return
            yield from _jsonl(handle, spec)
    elif path.exists():
        yield _text_file(path)
    else:
        yield InputRecord(spec, None, error="no such file or folder")


def _remote(spec: str) -> Iterator[InputRecord]:
    """fsspec URLs (s3://, gcs://, memory://, file://...), globs allowed: .jsonl shards or .txt files."""
    import fsspec

    try:
        files = fsspec.open_files(spec, "rb")
    except (ValueError, ImportError, OSError) as exc:
        yield InputRecord(spec, None, error=f"cannot open ({exc})")
        return
    if not files:
        yield InputRecord(spec, None, error="no such file or folder")
    for f in sorted(files, key=lambda f: f.path):
        name = f.full_name if hasattr(f, "full_name") else f.path
        try:
            with f as handle:
                if f.path.lower().endswith(".jsonl"):
                    yield from _jsonl(handle, name)
                else:
                    text, error = _decode(handle.read(), name, None)
                    stem = Path(f.path).stem
                    yield InputRecord(name, None, id=stem, text=text, error=error)
        except OSError as exc:
            yield InputRecord(name, None, error=f"cannot read ({exc})")


def iter_inputs(specs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[InputRecord]:
    """All records of all inputs in order; the second record with an id already seen is an error."""
    seen: dict[str, str] = {}
    for spec in specs:
        for rec in _one(spec, stdin):
            if rec.error is None and rec.id is not None:
                if rec.id in seen:
                    rec.error = f"duplicate id {rec.id!r} (first seen at {seen[rec.id]})"
                else:
                    seen[rec.id] = rec.where
            yield rec


def is_local(spec: str) -> bool:
    """A path on this machine (not standard input, not an fsspec URL)."""
    return spec != "-" and "://" not in spec


def missing_inputs(specs: Iterable[str]) -> list[str]:
    """Local input paths that do not exist: a usage error to report before anything is written."""
    return [spec for spec in specs if is_local(spec) and not Path(spec).exists()]
