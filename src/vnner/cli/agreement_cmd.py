"""`vnner agreement A.jsonl B.jsonl`: how far two annotators agree, per label, with the disagreements."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from vnner.cli import app
from vnner.cli._common import err, fail, plural


def _f(value) -> str:
    return "—" if value is None else f"{value:.3f}"


@app.command()
def agreement(
    a: Path = typer.Argument(..., help="First annotator's doccano JSONL."),
    b: Path = typer.Argument(..., help="Second annotator's doccano JSONL (the same documents)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    limit: int = typer.Option(20, "--show", help="How many disagreements to list (0: none)."),
) -> None:
    """Exact-span F1 per label and micro, Cohen's kappa over tokens, and the spans the two files disagree on.

    Documents are matched by id, else by text. F1 = 2·both / (A + B): a span counts as shared
    only with identical start, end and label.
    """
    from vnner.labelling.agreement import compare
    from vnner.labelling.annotations import AnnotationFileError, load

    try:
        result = compare(load(a), load(b))
    except AnnotationFileError as exc:
        fail(str(exc))
    if result["documents"] == 0:
        fail(f"{a} and {b} share no document (matched by id, else by text): are they annotations of the same texts?")
    if as_json:
        keys = ("documents", "micro", "labels", "kappa", "tokens", "token_scheme", "disagreements", "unmatched")
        print(json.dumps({k: result[k] for k in keys}, ensure_ascii=False))
        return
    table = Table(title=f"agreement over {plural(result['documents'], 'document')}")
    for column in ("label", "A", "B", "both", "F1"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, c in [*result["labels"].items(), ("micro", result["micro"])]:
        table.add_row(
            label,
            str(c["a"]),
            str(c["b"]),
            str(c["both"]),
            _f(c["f1"]),
            end_section=label == list(result["labels"])[-1],
        )
    Console(highlight=False, markup=False).print(table)  # a table wraps its cells: no soft wrap
    print(f"Cohen's kappa {_f(result['kappa'])} over {result['tokens']} tokens ({result['token_scheme']})")
    only_a = sum(n.endswith("only in the first file") for n in result["unmatched"])
    only_b = sum(n.endswith("only in the second file") for n in result["unmatched"])
    if only_a or only_b:
        err.print(f"not compared (labelled in one file only): {plural(only_a, 'document')} of A, {only_b} of B")
    for note in [n for n in result["unmatched"] if "same id, different text" in n][:10]:
        err.print(f"warning: {note}")
    shown = result["disagreements"][:limit]
    if shown:
        n = len(result["disagreements"])
        print(f"{plural(n, 'span')} in one file only:")
    for d in shown:
        other = "; ".join(f"{lab} {s}-{e}" for s, e, lab in d["other"]) or "nothing"
        where = "A" if d["only_in"] == "a" else "B"
        print(
            f"  {d['doc']} only {where}: {d['label']} {d['text']!r} ({d['start']}-{d['end']}), other has {other} — "
            f"{d['context']}"
        )
    if len(result["disagreements"]) > len(shown):
        print(f"  … and {len(result['disagreements']) - len(shown)} more (--show N, or --json)")
