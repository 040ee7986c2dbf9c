"""`vnner train`: a model from doccano JSONL and a configs/*.cfg file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, fail, plural, warn
from vnner.cli.table import print_scores
from vnner.paths import CONFIGS

DEFAULT_CONFIG = CONFIGS / "ner.cfg"


def console_log() -> Callable[[str], None]:
    """Progress lines for stderr: through rich on a terminal, plain text (no colour codes) otherwise."""
    if err.is_terminal:
        return lambda line: err.print(line)
    return lambda line: print(line, file=sys.stderr, flush=True)


def parse_settings(args: list[str], config: Path) -> dict:
    """The dotted settings among the extra arguments, checked against the config (exit 2 with a hint)."""
    from vnner.training.overrides import OverrideError, check_overrides, parse_overrides

    try:
        overrides = parse_overrides(args)
        check_overrides(config, overrides)
    except OverrideError as exc:
        fail(str(exc))
    return overrides


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(
    ctx: typer.Context,
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="Training config (spaCy .cfg)."),
    train_files: list[Path] = typer.Option(..., "--train", help="Training data, doccano JSONL (repeatable)."),
    dev_files: list[Path] = typer.Option(..., "--dev", help="Development data, doccano JSONL (repeatable)."),
    output: Path = typer.Option(
        ..., "-o", "--output", help="Folder for the trained model: a new one (an existing one only with --force)."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Replace the model in an existing output folder once the new one is trained (never the bundled model).",
    ),
    base_model: Path | None = typer.Option(
        None,
        "--base-model",
        help=(
            "Continue from this model's ner instead of from scratch (add its old training data with --train so it "
            "does not forget)."
        ),
    ),
    compare_with: Path | None = typer.Option(
        None, "--compare-with", help="Model to compare with on dev (default: --base-model, else the bundled model)."
    ),
) -> None:
    """Train the NER pipeline; print progress and per-label dev scores; save the scores in the model's meta.

    Extra options override the config, e.g. --training.max_steps 500; a setting the config
    does not have is refused before any work. After training, every label whose dev F1 fell
    against the old model is reported as a warning. The model is written beside the output and
    moved into place only when training succeeded: a failed or interrupted run changes nothing.
    """
    from vnner.labelling.annotations import AnnotationFileError
    from vnner.labelling.validate import validate_files
    from vnner.training.train import OutputRefused, check_output
    from vnner.training.train import train as run_train

    try:
        check_output(output, force)
    except OutputRefused as exc:
        fail(str(exc))
    if not config.exists():
        fail(f"no config at {config}: pass --config {DEFAULT_CONFIG}")
    overrides = parse_settings(ctx.args, config)
    if base_model is not None and not (base_model / "config.cfg").exists():
        fail(
            f"no model at {base_model} (no config.cfg there): pass the folder of a trained vnner model to --base-model"
        )
    report = validate_files([*train_files, *dev_files])
    if not report.ok:
        for problem in report.problems[:20]:
            err.print(str(problem))
        fail(
            f"{plural(len(report.problems), 'problem')} in the annotation files; fix them (see `vnner validate`) and "
            "train again"
        )
    try:
        result = run_train(
            config,
            train_files,
            dev_files,
            output,
            overrides=overrides,
            log=console_log(),
            base_model=base_model,
            compare_with=compare_with,
            force=force,
        )
    except (AnnotationFileError, ValueError) as exc:
        fail(str(exc))
    minutes, seconds = divmod(round(result["seconds"]), 60)
    err.print(f"model saved to {output} (trained in {f'{minutes} min ' if minutes else ''}{seconds} s)")
    print_scores(result["dev"], title="dev scores")
    if result["baseline"]:
        old = result["baseline"]["dev"]["micro"]["exact"]["f"]
        new = result["dev"]["micro"]["exact"]["f"]
        err.print(f"dev micro F1: {new:.3f} (was {old:.3f} with {result['baseline']['model']})")
    for warning in result["warnings"]:
        warn(warning)
