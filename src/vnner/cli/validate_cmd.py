"""`vnner validate`: check annotation files before training on them."""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, out, plural


@app.command()
def validate(files: list[Path] = typer.Argument(..., help="doccano JSONL files to check.")) -> None:
    """Check well-formed JSONL, NFC text, known labels, offsets in range, no overlaps, clean span edges.

    Prints a per-label count; exits 1 with file:line: reason for every problem found.
    """
    from vnner.labelling.validate import validate_files
    from vnner.labels import LABELS

    report = validate_files(files)
    for problem in report.problems:
        err.print(str(problem))
    out.print(f"{plural(report.documents, 'valid document')} in {plural(len(files), 'file')}")
    for label in LABELS:
        out.print(f"  {label:<11}{report.counts.get(label, 0):>6}")
    out.print(f"  {'total':<11}{sum(report.counts.values()):>6}")
    if not report.ok:
        err.print(plural(len(report.problems), "problem"), style="red")
        raise typer.Exit(1)
