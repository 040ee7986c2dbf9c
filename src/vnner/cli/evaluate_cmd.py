"""`vnner evaluate`: per-label precision, recall and F1 of a model on annotated data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from vnner.cli import app
from vnner.cli._common import fail
from vnner.cli.table import print_scores


@app.command()
def evaluate(
    data: list[Path] = typer.Argument(..., help="Annotated doccano JSONL file(s)."),
    model: Optional[Path] = typer.Option(None, "--model", help="Model folder; default: the bundled model."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table."),
    compare: Optional[str] = typer.Option(None, "--compare", help="Also score a baseline on the same data: underthesea."),
) -> None:
    """Score a model: exact-boundary and overlap-with-same-label P/R/F1 per label, plus micro averages."""
    from vnner.annotations import AnnotationFileError, load
    from vnner.evaluate import evaluate_system
    from vnner.model import ModelNotFound, load_model
    from vnner.predict import predict

    if compare not in (None, "underthesea"):
        fail(f"unknown --compare {compare!r}: the only baseline is underthesea")
    try:
        records = [r for path in data for r in load(path)]
        nlp = load_model(model)
    except (AnnotationFileError, ModelNotFound) as exc:
        fail(str(exc))
    result = {"model": str(model or "default"), "documents": len(records), "vnner": evaluate_system(records, lambda t: predict(nlp, t))}
    if compare:
        from vnner.compare import predict_underthesea

        result["underthesea"] = evaluate_system(records, predict_underthesea)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    systems = [("vnner", result["vnner"])] + ([("underthesea", result["underthesea"])] if compare else [])
    print_scores(*systems, title=f"{len(records)} documents")
