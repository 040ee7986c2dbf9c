"""`vnner extract`: documents in, one JSONL line of entities and facts per document out."""

from __future__ import annotations

import sys

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from vnner.cli import app
from vnner.cli._common import err, fail, plural, print_examples


@app.command()
def extract(
    inputs: list[str] = typer.Argument(
        ..., help=".txt files, folders of them, .jsonl files of {id, text}, or - for standard input."
    ),
    output: str = typer.Option(
        ...,
        "-o",
        "--output",
        help=(
            "Output JSONL, one line per document, in input order; - for standard output; a folder (DIR/) for shards"
            " with --engine dask."
        ),
    ),
    model: str | None = typer.Option(None, "--model", help="Model folder; default: the bundled models/vnner-default."),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Worker processes for the local engine, each loads the model once (default: 1)."
    ),
    errors: str | None = typer.Option(
        None,
        "--errors",
        help="Where failed records go; default: OUT.errors.jsonl beside the output (standard error with -o -).",
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Continue an interrupted run: keep what is in the output and errors file, add the rest."
    ),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (a dask.distributed cluster)."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (with --engine dask); none starts a local cluster."
    ),
    words: bool = typer.Option(
        False, "--words", help='Also write underthesea\'s word segmentation as "words": [[start, end], ...].'
    ),
) -> None:
    """Tag organisations, officials, resolutions and quantities; write them with their normalised facts.

    Exit status: 0 when every record was extracted, 1 when some went to the errors file, 2 on a usage error (nothing
    written).
    """
    from vnner.io.inputs import is_local, iter_inputs, missing_inputs
    from vnner.io.samefile import SameFileError, check_outputs, same_file
    from vnner.io.writer import OutputError, check_target, default_errors_path, is_folder, run
    from vnner.model import ModelNotFound, load_model

    # Usage errors first: nothing is created or opened for writing before these checks pass.
    if engine not in ("local", "dask"):
        fail(f"unknown --engine {engine!r}: use local or dask")
    if engine == "dask" and workers is not None:
        fail(
            "--workers is for the local engine; with --engine dask the cluster's workers do the work (start more "
            "dask workers instead)"
        )
    if engine == "local" and scheduler is not None:
        fail("--scheduler needs --engine dask")
    if engine == "local" and is_folder(output):
        fail(f"{output} is a folder: sharded output needs --engine dask; give a file for the local engine")
    missing = missing_inputs(inputs)
    if missing:
        fail(f"no such file or folder: {', '.join(missing)} (nothing was written)")
    to_stdout = output == "-"
    if errors is None and not to_stdout:
        errors = default_errors_path(output)
    if (
        errors not in (None, "-")
        and not to_stdout
        and is_local(output)
        and is_local(errors)
        and same_file(output, errors)
    ):
        fail(f"--errors {errors} is the output file: give the errors another file")
    try:
        check_target(output, resume)
        check_outputs([output, errors], inputs)
    except (OutputError, SameFileError) as exc:
        fail(str(exc))
    out_target = sys.stdout.buffer if to_stdout else output
    err_target = sys.stderr.buffer if errors is None or errors == "-" else errors

    progress = Progress(
        TextColumn("extracting"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty() or err_target is sys.stderr.buffer,
    )
    try:
        if engine == "dask":
            from vnner.io.dask_engine import run_dask

            with progress:
                task = progress.add_task("extract", total=None)
                summary = run_dask(
                    iter_inputs(inputs),
                    out_target,
                    errors=err_target,
                    model_path=model,
                    scheduler=scheduler,
                    words=words,
                    resume=resume,
                    on_progress=lambda s: progress.update(task, completed=s.documents + s.errors),
                )
        else:
            nlp = load_model(model)  # loaded once here; worker processes inherit it
            with progress:
                task = progress.add_task("extract", total=None)
                summary = run(
                    iter_inputs(inputs),
                    out_target,
                    errors=err_target,
                    model_path=model,
                    workers=workers or 1,
                    resume=resume,
                    nlp=nlp,
                    words=words,
                    on_progress=lambda s: progress.update(task, completed=s.documents + s.errors),
                )
    except (ModelNotFound, OutputError, OSError) as exc:
        fail(str(exc))
    rate = summary.syllables / summary.seconds if summary.seconds else 0.0
    if to_stdout:
        where = "standard output"
    elif summary.documents == 0 and not summary.skipped and engine == "local":
        where = "nothing written (no document was extracted)"
    else:
        where = output
    err.print(
        f"{plural(summary.documents, 'document')}, {plural(summary.entities, 'entity')}, "
        f"{plural(summary.warnings, 'warning')}, {plural(summary.errors, 'error')}"
        + (f", {summary.skipped} skipped (already done)" if summary.skipped else "")
        + f" in {summary.seconds:.1f}s ({rate:,.0f} syllables/s) → {where}"
    )
    if summary.errors:
        place = "standard error above" if err_target is sys.stderr.buffer else str(errors)
        err.print(f"{plural(summary.errors, 'record')} failed; reasons in {place}", style="yellow")
        print_examples(summary.error_examples, summary.errors, limit=3)
        raise typer.Exit(1)
