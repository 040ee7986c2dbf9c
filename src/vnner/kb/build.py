"""`vnner kb build`: extraction outputs into the knowledge base, incrementally and idempotently.

A document is known by its id and the SHA-1 of its text. Reading an output again changes
nothing; a new id is added; a known id with another text replaces the old version (its rows
are deleted first). Lines are read one at a time and written in batches, one transaction each
with the keys they touch, so an interrupted build leaves no half-known document (the next
build reads the rest) and notes what is still to derive. Then the derived tables are redone for
what changed (`vnner.kb.derive`), also what an interrupted build left. A bad line is a problem
(file, line, reason) in the summary, never the end of the build.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from vnner.hashing import text_sha1
from vnner.io.jsonl import Problem, parse_lines
from vnner.kb import derive, schema
from vnner.kb.rows import DocumentRows, document_rows
from vnner.views.report import record_problem

BATCH = 500
INSERT_ORDER = ("document_bodies", "officials", "official_posts", "citations", "documents")

# progress(stage, done, total): "reading" in bytes, then "people", "bodies", "resolutions" in keys
Progress = Callable[[str, int, int], None]


class KbInputError(OSError):
    """An input cannot be read at all (missing, not a file or folder, a folder without .jsonl)."""


@dataclass
class BuildSummary:
    files: int = 0
    read: int = 0  # valid documents in the inputs
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)  # rows in the main tables after the build


def input_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The .jsonl files to read: files as given, folders (of shards) searched for *.jsonl, in name order.

    Errors files that extraction writes beside its output (*.errors.jsonl) are left out of folders.
    """
    files: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.jsonl") if p.is_file() and not p.name.endswith(".errors.jsonl"))
            if not found:
                raise KbInputError(f"{path}: a folder with no .jsonl files in it; give `vnner extract` output")
            files += found
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise KbInputError(f"{path}: not a file or folder")
        else:
            raise KbInputError(f"{path}: no such file or folder")
    if not files:
        raise KbInputError("no inputs: give one or more outputs of `vnner extract`")
    return list(dict.fromkeys(files))


class _Counting:
    """Iterates a binary file's lines and counts the bytes read, for the progress bar."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.bytes = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self.handle:
            self.bytes += len(raw)
            yield raw


class _Batch:
    def __init__(self) -> None:
        self.rows: list[DocumentRows] = []
        self.replaced: list[str] = []
        self.ids: set[str] = set()

    def __len__(self) -> int:
        return len(self.rows)


def _flush(db: sqlite_utils.Database, batch: _Batch) -> None:
    """Write one batch in one transaction: old versions out, new rows in, documents rows last."""
    if not batch.rows:
        return
    with db.atomic():
        for start in range(0, len(batch.replaced), derive.CHUNK):
            ids = batch.replaced[start : start + derive.CHUNK]
            marks = ", ".join("?" * len(ids))
            for table, column in (
                ("touched_names", "SELECT name_key FROM officials"),
                ("touched_bodies", "SELECT body_key FROM document_bodies"),
                ("touched_groups", "SELECT grp FROM citations"),
            ):
                db.execute(f"INSERT OR IGNORE INTO {table} (key) {column} WHERE document IN ({marks})", ids)
            for table in schema.PER_DOCUMENT:
                db.execute(
                    f"DELETE FROM {table} WHERE {'id' if table == 'documents' else 'document'} IN ({marks})", ids
                )
        for table in INSERT_ORDER:
            db[table].insert_all((row for rows in batch.rows for row in rows.tables[table]), batch_size=200)
        derive.touch(db, "touched_names", {k for rows in batch.rows for k in rows.name_keys})
        derive.touch(db, "touched_bodies", {k for rows in batch.rows for k in rows.body_keys})
        derive.touch(db, "touched_groups", {k for rows in batch.rows for k in rows.groups})


def open_kb(db_path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """The knowledge base at db_path (created when create is set); NotAKnowledgeBase if it is another file."""
    path = Path(db_path)
    if path.is_dir():
        raise schema.NotAKnowledgeBase(f"{path} is a folder: give --db a file, e.g. {path / 'kb.db'}")
    if not create and not path.is_file():
        raise FileNotFoundError(f"no knowledge base at {path}: build one with `vnner kb build OUT.jsonl --db {path}`")
    if create and path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = schema.connect(path, write=create)
        if create:
            schema.ensure(db, path)
            schema.tune_for_writing(db)
        else:
            schema.check(db, path)
    except sqlite3.DatabaseError as exc:
        raise schema.NotAKnowledgeBase(f"{path} is not an SQLite database ({exc}): give `--db` a new file") from None
    return db


def build(
    inputs: Iterable[str | Path], db_path: str | Path, *, progress: Progress | None = None, batch_size: int = BATCH
) -> BuildSummary:
    """Read extraction outputs into the knowledge base at db_path (see the module docstring)."""
    started = time.perf_counter()
    files = input_files(inputs)
    total_bytes = sum(f.stat().st_size for f in files)
    db = open_kb(db_path, create=True)
    summary = BuildSummary(files=len(files))
    batch = _Batch()
    done_bytes = 0
    try:
        for path in files:
            try:
                handle = path.open("rb")
            except OSError as exc:
                summary.problems.append(Problem(str(path), 0, f"cannot open ({exc.strerror})"))
                continue
            with handle:
                counting = _Counting(handle)
                for n, record, problem in parse_lines(counting):
                    problem = problem or record_problem(record)
                    if problem is None:
                        problem = _read(db, record, str(path), batch, summary)
                    if problem:
                        summary.problems.append(Problem(str(path), n, problem))
                    if len(batch) >= batch_size:
                        _flush(db, batch)
                        batch = _Batch()
                    if progress and n % 100 == 0:
                        progress("reading", done_bytes + counting.bytes, total_bytes)
                done_bytes += counting.bytes
        _flush(db, batch)
        if progress:
            progress("reading", total_bytes, total_bytes)
        for stage, table, redo in (  # also what an interrupted build left to do
            ("people", "touched_names", derive.relink_people),
            ("bodies", "touched_bodies", derive.refresh_bodies),
            ("resolutions", "touched_groups", derive.refresh_resolutions),
        ):
            total = derive.pending(db, table)
            if total:
                redo(db, lambda done, stage=stage, total=total: progress and progress(stage, done, total))
        summary.totals = {t: db[t].count for t in ("documents", "people", "bodies", "resolutions")}
    finally:
        db.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _read(db: sqlite_utils.Database, record: dict, source: str, batch: _Batch, summary: BuildSummary) -> str | None:
    """Add one valid record to the batch unless it is known with the same text; a problem or None."""
    doc_id = str(record["id"])
    if doc_id in batch.ids:  # the same id twice in one batch: the later one wins, as in a later build
        _flush(db, batch)
        batch.__init__()
    summary.read += 1
    row = db.execute("SELECT sha1 FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row and row[0] == text_sha1(record["text"]):
        summary.unchanged += 1
        return None
    try:
        rows = document_rows(record, source)
    except Exception as exc:  # a record the facts cannot read is reported, the build goes on
        summary.read -= 1
        return f"cannot be read into the knowledge base ({type(exc).__name__}: {exc})"
    batch.rows.append(rows)
    batch.ids.add(doc_id)
    if row:
        batch.replaced.append(doc_id)
        summary.replaced += 1
    else:
        summary.added += 1
    return None
