"""`vnner report`: corpus-level CSV tables from `vnner extract` output."""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, fail, out, plural


@app.command()
def report(
    extracted: Path = typer.Argument(..., help="Output of `vnner extract` (JSONL, one document a line)."),
    out_dir: Path = typer.Option(..., "-o", "--output", help="Folder for the CSV tables (created if missing)."),
) -> None:
    """Write organisations.csv, officials.csv, resolutions.csv and quantities.csv: who, which body, which
    document, how many.

    Organisations by canonical name, officials with their titles and bodies, resolutions by key with their variants,
    quantity facts with their sentence, each with mention counts.

    Bad lines are reported as file:line: reason and skipped. Exit status: 0, or 2 when the file cannot be read.
    """
    from vnner.io.samefile import SameFileError, check_outputs
    from vnner.views.report import TABLES, ReportInputError
    from vnner.views.report import report as build

    try:
        check_outputs([*(out_dir / f"{name}.csv" for name in TABLES)], [extracted])
    except SameFileError as exc:
        fail(str(exc))
    try:
        summary = build(extracted, out_dir)
    except (ReportInputError, OSError) as exc:
        fail(str(exc))
    for problem in summary.problems:
        err.print(f"{problem} (skipped)")
    out.print(
        f"{plural(summary.documents, 'document')} from {extracted}"
        + (f", {plural(len(summary.problems), 'bad line')} skipped" if summary.problems else "")
    )
    for name, path in summary.files.items():
        out.print(f"  {summary.rows[name]:>6} {'row ' if summary.rows[name] == 1 else 'rows'}  {path}")
