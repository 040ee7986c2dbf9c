"""`vnner kb`: a knowledge base across documents (build, person, body, document, serve), thin over vnner.kb."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vnner.cli import app
from vnner.cli._common import err, fail, print_examples

kb_app = typer.Typer(
    help="A knowledge base across documents: who held which post when, which documents were cited where.",
    no_args_is_help=True,
)
app.add_typer(kb_app, name="kb")

DB = typer.Option(..., "--db", help="The knowledge base: an SQLite file that `vnner kb build` writes.")
AS_JSON = typer.Option(False, "--json", help="Print the answer as JSON (a list of objects).")


def _open(db: Path):
    from vnner.kb import NotAKnowledgeBase, open_kb

    try:
        return open_kb(db)
    except (FileNotFoundError, NotAKnowledgeBase) as exc:
        fail(str(exc))


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _table(columns: list[str]) -> Table:
    table = Table()
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _heading(out: Console, text: str, note: str = "") -> None:
    """A result's heading line: its name in bold, a note after it (no markup: names hold brackets)."""
    out.print(Text(text, style="bold") + Text(f"  {note}" if note else ""), soft_wrap=True)


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def _out() -> Console:
    console = Console(highlight=False, markup=False)
    console.width = max(console.width, 100)  # piped: tables as wide as their cells, up to 100 columns
    return console


def _nothing(what: str, db: Path) -> None:
    err.print(f"{what} in {db}", markup=False, highlight=False, soft_wrap=True)


@kb_app.command()
def build(
    inputs: list[Path] = typer.Argument(
        ..., help="Outputs of `vnner extract`: JSONL files, or folders of them (shards)."
    ),
    db: Path = typer.Option(
        ..., "--db", help="The knowledge base to build or add to (an SQLite file, created if new)."
    ),
) -> None:
    """Read extraction outputs into the knowledge base: documents and their dates, bodies, people, resolutions.

    Incremental: building again with the same outputs changes nothing, new documents are added, a document whose
    text changed replaces its old version. Bad lines are reported as file:line: reason and skipped.

    Exit status: 0, or 2 when an input or the database cannot be used.
    """
    from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from vnner.kb import KbInputError, NotAKnowledgeBase
    from vnner.kb.build import build as run

    progress = Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    tasks: dict[str, TaskID] = {}

    def show(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=max(total, 1))
        progress.update(tasks[stage], completed=done, total=max(total, 1))

    try:
        with progress:
            summary = run(inputs, db, progress=show)
    except (KbInputError, NotAKnowledgeBase, OSError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail(f"interrupted: the documents written so far are kept; build again to finish {db!s}", code=130)
    for problem in summary.problems[:20]:
        err.print(f"{problem} (skipped)", markup=False, highlight=False, soft_wrap=True)
    if len(summary.problems) > 20:
        print_examples([], len(summary.problems) - 20, limit=0)
    totals = summary.totals
    err.print(
        f"{summary.read} documents read from {summary.files} file{'s' if summary.files != 1 else ''}: "
        f"{summary.added} added, {summary.replaced} replaced, {summary.unchanged} unchanged"
        + (
            f", {len(summary.problems)} bad line{'s' if len(summary.problems) != 1 else ''} skipped"
            if summary.problems
            else ""
        )
        + f" in {summary.seconds:.1f}s → {db} ({totals['documents']} documents, {totals['people']} people, "
        f"{totals['bodies']} bodies, {totals['resolutions']} resolutions)",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@kb_app.command()
def person(
    name: str = typer.Argument(..., help='A person\'s full name, e.g. "Nguyễn Văn A" (any tone placement, any case).'),
    db: Path = DB,
    as_json: bool = AS_JSON,
) -> None:
    """Every person of that name, each with their posts (title, body, first and last date seen, documents).

    People of one name are one person only when a body or a province ties them (docs/kb.md). When nobody has that
    exact name, the people whose name contains it.
    """
    from vnner.kb.queries import person as find

    found = find(_open(db), name)
    if as_json:
        _print_json(found)
        return
    if not found:
        _nothing(f"no person named {name!r}", db)
        return
    out = _out()
    for p in found:
        _heading(out, p["name"], p["id"])
        table = _table(["title", "body", "first seen", "last seen", "documents"])
        for post in p["posts"]:
            table.add_row(
                _cell(post["title"]),
                _cell(post["body"]),
                _cell(post["first_seen"]),
                _cell(post["last_seen"]),
                ", ".join(post["documents"]),
            )
        out.print(table)


@kb_app.command()
def body(
    name: str = typer.Argument(..., help='A body\'s name, full or abbreviated, e.g. "UBND tỉnh Nghệ An".'),
    db: Path = DB,
    as_json: bool = AS_JSON,
) -> None:
    """Bodies of that canonical name or spelling, with every spelling seen and who held which post there when.

    When no body has that name, the bodies whose canonical name contains it.
    """
    from vnner.kb.queries import body as find

    found = find(_open(db), name)
    if as_json:
        _print_json(found)
        return
    if not found:
        _nothing(f"no body named {name!r}", db)
        return
    out = _out()
    for b in found:
        _heading(out, b["canonical"], "spellings: " + " | ".join(b["names"]))
        table = _table(["title", "person", "first seen", "last seen"])
        for post in b["posts"]:
            table.add_row(
                _cell(post["title"]), _cell(post["person"]), _cell(post["first_seen"]), _cell(post["last_seen"])
            )
        out.print(table)


@kb_app.command()
def document(
    text: str = typer.Argument(..., help='A resolution as written, e.g. "Nghị quyết 57" or "Nghị quyết số 57-NQ/TW".'),
    db: Path = DB,
    as_json: bool = AS_JSON,
) -> None:
    """Resolutions (documents cited) whose key matches the text as vnner keys it, with the documents citing them.

    "Nghị quyết 57" and "Nghị quyết số 57-NQ/TW" find the same one; a text that says less (no code, no term) finds
    every resolution it could be.
    """
    from vnner.kb.queries import document as find

    found = find(_open(db), text)
    if as_json:
        _print_json(found)
        return
    if not found:
        from vnner.kb.queries import resolution_key

        _nothing(f"no resolution with the key {resolution_key(text)['key']!r} (from {text!r})", db)
        return
    out = _out()
    for r in found:
        written = " ".join(str(v) for v in (r["type"], r["number"]) if v)
        _heading(out, r["key"], written + (f", issued by {r['issuer']}" if r["issuer"] else ""))
        table = _table(["cited by", "date"])
        for c in r["cited_by"]:
            table.add_row(c["id"], _cell(c["date"]))
        out.print(table)


@kb_app.command()
def serve(
    db: Path = DB,
    port: int = typer.Option(8001, "--port", help="Port on 127.0.0.1."),
) -> None:
    """Browse the knowledge base in Datasette on 127.0.0.1: people with their posts, bodies with their post-holders
    over time, documents cited, with facets. Stop it with Ctrl+C.

    Exit status: 0 when stopped, 2 when the database cannot be used or the port is taken.
    """
    from vnner.kb.serve import HOST, PortInUse, check_port
    from vnner.kb.serve import serve as run

    _open(db).close()
    try:
        check_port(HOST, port)
    except PortInUse as exc:
        fail(str(exc))
    err.print(f"serving {db} at http://{HOST}:{port}/{db.stem} (Ctrl+C stops it)", markup=False, highlight=False)
    try:
        run(db, port=port)
    except KeyboardInterrupt:
        pass
