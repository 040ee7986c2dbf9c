"""`vnner train-curve`: dev F1 after training on growing shares of the training data."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from vnner.cli import app
from vnner.cli._common import fail
from vnner.cli.train_cmd import DEFAULT_CONFIG, console_log, parse_settings


@app.command("train-curve", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train_curve(
    ctx: typer.Context,
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="Training config (spaCy .cfg)."),
    train_files: list[Path] = typer.Option(..., "--train", help="Training data, doccano JSONL (repeatable)."),
    dev_files: list[Path] = typer.Option(..., "--dev", help="Development data, doccano JSONL (repeatable)."),
    fractions: str = typer.Option(
        "0.25,0.5,0.75,1", "--fractions", help="Shares of the training documents, comma-separated."
    ),
    json_path: Path | None = typer.Option(None, "--json", help="Write the points as a JSON list here."),
    plot: Path | None = typer.Option(None, "--plot", help="Write an SVG line chart here."),
) -> None:
    """Train on growing shares of the training documents; print dev F1 per share and label, and whether more
    labelling helps.

    Extra options override the config (checked), e.g. --training.max_steps 500.
    """
    from vnner.labelling.annotations import AnnotationFileError
    from vnner.training.curve import curve, svg, verdict

    if not config.exists():
        fail(f"no config at {config}: pass --config {DEFAULT_CONFIG}")
    try:
        shares = [float(f) for f in fractions.split(",") if f.strip()]
    except ValueError:
        fail(f"--fractions {fractions!r}: give numbers between 0 and 1, e.g. 0.25,0.5,0.75,1")
    overrides = parse_settings(ctx.args, config)
    try:
        points = curve(config, train_files, dev_files, shares, overrides=overrides, log=console_log())
    except (AnnotationFileError, ValueError) as exc:
        fail(str(exc))
    labels = list(points[0]["labels"])
    table = Table(title="dev F1 (exact) by share of the training data")
    for column in ("fraction", "documents", "spans", "micro", *labels):
        table.add_column(column, justify="right")
    for p in points:
        table.add_row(
            f"{p['fraction']:g}",
            str(p["documents"]),
            str(p["spans"]),
            f"{p['micro_f1']:.3f}",
            *(f"{p['labels'][label]:.3f}" for label in labels),
        )
    console = Console(highlight=False, markup=False)
    console.width = max(console.width, 100)
    console.print(table)
    print(verdict(points))
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(points, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"points written to {json_path}")
    if plot:
        plot.parent.mkdir(parents=True, exist_ok=True)
        plot.write_text(svg(points), encoding="utf-8")
        print(f"chart written to {plot}")
