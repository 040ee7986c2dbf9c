"""`vnner extract`: documents in, one JSONL line of entities and facts per document out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from vnner.cli import app
from vnner.cli._common import err, fail


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help=".txt files, folders of them, .jsonl files of {id, text}, or - for standard input."),
    output: Path = typer.Option(..., "-o", "--output", help="Output JSONL, one line per document, in input order."),
    model: Optional[Path] = typer.Option(None, "--model", help="Model folder; default: the bundled models/vnner-default."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes (each loads the model once)."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Where failed records go; default: OUT.errors.jsonl beside the output."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: skip ids already in the output or errors file."),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (a dask.distributed cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address; none starts a local cluster."),
    words: bool = typer.Option(False, "--words", help="Also write underthesea's word segmentation as \"words\": [[start, end], ...]."),
) -> None:
    """Tag organisations, officials, resolutions and quantities; write them with their normalised facts.

    Exit status: 0 when every record was extracted, 1 when some went to the errors file, 2 on a usage error.
    """
    from vnner.extract import default_errors_path, run
    from vnner.inputs import iter_inputs
    from vnner.model import ModelNotFound, load_model

    if engine not in ("local", "dask"):
        fail(f"unknown --engine {engine!r}: use local or dask")
    errors = errors or default_errors_path(output)
    if engine == "dask":
        from vnner.dask_engine import run_dask

        try:
            summary = run_dask(
                inputs, output, errors=errors, model_path=str(model) if model else None, scheduler=scheduler, words=words
            )
        except (ModelNotFound, OSError, ValueError) as exc:
            fail(str(exc))
    else:
        try:
            nlp = load_model(model)  # loaded once here; worker processes inherit it
        except ModelNotFound as exc:
            fail(str(exc))
        progress = Progress(
            TextColumn("extracting"), BarColumn(), TextColumn("{task.completed} docs"), TimeElapsedColumn(),
            console=err, transient=True, disable=not sys.stderr.isatty(),
        )
        with progress:
            task = progress.add_task("extract", total=None)
            summary = run(
                iter_inputs(inputs), output, errors=errors, model_path=str(model) if model else None,
                workers=workers, resume=resume, nlp=nlp, words=words,
                on_progress=lambda s: progress.update(task, completed=s.documents + s.errors),
            )
    rate = summary.syllables / summary.seconds if summary.seconds else 0.0
    err.print(
        f"{summary.documents} documents, {summary.entities} entities, {summary.errors} errors"
        + (f", {summary.skipped} skipped (already done)" if summary.skipped else "")
        + f" in {summary.seconds:.1f}s ({rate:,.0f} syllables/s) → {output}"
    )
    if summary.errors:
        err.print(f"[yellow]{summary.errors} records failed; reasons in {errors}[/]")
        for line in summary.error_examples[:3]:
            err.print(f"  {line}")
        raise typer.Exit(1)
