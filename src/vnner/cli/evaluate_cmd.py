"""`vnner evaluate`: per-label precision, recall and F1 of a model on annotated data."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import fail, plural
from vnner.cli.table import print_errors, print_scores


@app.command()
def evaluate(
    data: list[Path] = typer.Argument(..., help="Annotated doccano JSONL file(s)."),
    model: Path | None = typer.Option(None, "--model", help="Model folder; default: the bundled model."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table."),
    compare: str | None = typer.Option(None, "--compare", help="Also score a baseline on the same data: underthesea."),
    errors: bool = typer.Option(
        False, "--errors", help="List missed, spurious and wrong-edge spans with context, by label and kind."
    ),
    by: str | None = typer.Option(None, "--by", help="Also score each group of documents, e.g. --by meta.genre."),
) -> None:
    """Score a model: exact-boundary and overlap-with-same-label P/R/F1 per label, plus micro averages."""
    from vnner.labelling.annotations import AnnotationFileError, load
    from vnner.model import ModelNotFound, load_model
    from vnner.pipeline.predict import predict
    from vnner.training.evaluate import evaluate_spans, group_of, span_errors

    if compare not in (None, "underthesea"):
        fail(f"unknown --compare {compare!r}: the only baseline is underthesea")
    records: list[dict] = []
    try:
        for path in data:
            loaded = load(path)
            if not any(r["label"] for r in loaded):
                fail(
                    f"no gold spans in {path}: none of its {plural(len(loaded), 'document')} has a labelled span; "
                    'evaluate needs annotated doccano JSONL ("label": [[start, end, LABEL], ...]), e.g. from '
                    "`vnner doccano pull`"
                )
            records.extend(loaded)
        nlp = load_model(model)
    except (AnnotationFileError, ModelNotFound) as exc:
        fail(str(exc))
    gold = [[tuple(s) for s in r["label"]] for r in records]
    pred = [[(e["start"], e["end"], e["label"]) for e in ents] for ents in predict(nlp, [r["text"] for r in records])]
    result: dict = {"model": str(model or "default"), "documents": len(records), "vnner": evaluate_spans(gold, pred)}
    if compare:
        from vnner.training.baseline import predict_underthesea

        base = [
            [(e["start"], e["end"], e["label"]) for e in ents]
            for ents in predict_underthesea([r["text"] for r in records])
        ]
        result["underthesea"] = evaluate_spans(gold, base)
    if by:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(records):
            groups[group_of(r, by)].append(i)
        result["groups"] = {
            name: {"documents": len(idx), "vnner": evaluate_spans([gold[i] for i in idx], [pred[i] for i in idx])}
            for name, idx in sorted(groups.items())
        }
    found = []
    if errors:
        for r, g, p in zip(records, gold, pred):
            found.extend(span_errors(str(r.get("id")), r["text"], g, p))
        result["errors"] = [e.__dict__ for e in found]
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    systems = [("vnner", result["vnner"])] + ([("underthesea", result["underthesea"])] if compare else [])
    print_scores(*systems, title=plural(len(records), "document"))
    for name, group in result.get("groups", {}).items():
        print_scores(("vnner", group["vnner"]), title=f"{by} = {name}: {plural(group['documents'], 'document')}")
    if errors:
        print_errors(found)
