"""`vnner train`: a model from doccano JSONL and a configs/*.cfg file."""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, fail
from vnner.cli.table import print_scores


def _overrides(args: list[str]) -> dict:
    """spaCy-style dotted overrides from the extra arguments: --training.max_steps 100."""
    from spacy.cli._util import parse_config_overrides

    try:
        return parse_config_overrides(args)
    except Exception as exc:  # noqa: BLE001
        fail(f"cannot read config overrides {' '.join(args)!r}: {exc}")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(
    ctx: typer.Context,
    config: Path = typer.Option(Path("configs/ner.cfg"), "--config", help="Training config (spaCy .cfg)."),
    train_files: list[Path] = typer.Option(..., "--train", help="Training data, doccano JSONL (repeatable)."),
    dev_files: list[Path] = typer.Option(..., "--dev", help="Development data, doccano JSONL (repeatable)."),
    output: Path = typer.Option(..., "-o", "--output", help="Folder for the trained model."),
) -> None:
    """Train the NER pipeline; print progress and per-label dev scores; save the scores in the model's meta.

    Extra options override the config, e.g. --training.max_steps 500.
    """
    from vnner.annotations import AnnotationFileError
    from vnner.train import train as run_train
    from vnner.validate import validate_files

    if not config.exists():
        fail(f"no config at {config}: pass --config configs/ner.cfg")
    report = validate_files([*train_files, *dev_files])
    if not report.ok:
        for problem in report.problems[:20]:
            err.print(str(problem))
        fail(f"{len(report.problems)} problems in the annotation files; fix them (see `vnner validate`) and train again")
    try:
        result = run_train(config, train_files, dev_files, output, overrides=_overrides(ctx.args), log=err.print)
    except (AnnotationFileError, ValueError) as exc:
        fail(str(exc))
    err.print(f"model saved to {output}")
    print_scores(result["dev"], title="dev scores")
