"""`vnner select`: the K unlabelled documents the model is least sure about, for `vnner doccano push`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from vnner.cli import app
from vnner.cli._common import err, fail


def _flat_meta(meta: dict) -> dict:
    out = {k: v for k, v in meta.items() if k not in ("label", "entities", "meta")}
    if isinstance(meta.get("meta"), dict):
        out.update(meta["meta"])
    return out


@app.command()
def select(
    inputs: list[str] = typer.Argument(..., help="Unlabelled documents: .txt files, folders, .jsonl of {id, text}, or -."),
    model: Optional[Path] = typer.Option(None, "--model", help="Model whose uncertainty ranks them; default: models/vnner-default."),
    k: int = typer.Option(..., "-k", min=1, help="How many documents to select."),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL of the selected documents ({id, text, meta}), most uncertain first."),
    exclude: list[Path] = typer.Option([], "--exclude", help="JSONL of documents already labelled or pushed; matching ids or texts are skipped (repeatable)."),
    pool_factor: int = typer.Option(3, "--pool", min=1, help="Cluster the POOL×K most uncertain documents into K groups for diversity (1: no diversity)."),
    seed: int = typer.Option(0, "--seed", help="Random seed for the clustering."),
) -> None:
    """Write the K documents the model is least sure about, one per cluster of similar documents.

    Uncertainty: the length-normalised log-probability of the model's best parse, from beam search (docs/doccano.md).
    """
    from vnner.annotations import write_records
    from vnner.inputs import iter_inputs
    from vnner.model import ModelNotFound, load_model
    from vnner.select import select as run_select, text_key
    from vnner.text import normalize

    try:
        nlp = load_model(model)
    except (ModelNotFound, OSError) as exc:
        fail(escape(str(exc)))
    skip_ids: set[str] = set()
    skip_texts: set[str] = set()
    for rec in iter_inputs([str(p) for p in exclude]):
        if rec.text is not None:  # also records iter_inputs flags, e.g. an id repeated across files
            skip_ids.add(str(rec.id))
            skip_texts.add(text_key(normalize(rec.text)))
        elif rec.line is None:
            fail(escape(f"--exclude {rec.where}: {rec.error}"))

    records, texts, problems, skipped = [], [], 0, 0
    seen: set[str] = set()
    for rec in iter_inputs(inputs):
        if rec.error:
            problems += 1
            err.print(f"skipped {rec.where}: {rec.error}", markup=False, highlight=False)
            continue
        text = normalize(rec.text or "")
        key = text_key(text)
        if not text.strip() or str(rec.id) in skip_ids or key in skip_texts or key in seen:
            skipped += 1
            continue
        seen.add(key)
        records.append(rec)
        texts.append(text)
    if not records:
        fail("no unlabelled documents to choose from (all inputs were empty, broken, duplicates or excluded)")
    chosen = run_select(nlp, texts, k, pool_factor=pool_factor, seed=seed)
    out = []
    for rank, s in enumerate(chosen, start=1):
        rec = records[s.index]
        meta = {**_flat_meta(rec.meta), "selected_from": rec.where, "uncertainty": round(s.score, 6), "select_rank": rank}
        out.append({"id": rec.id, "text": texts[s.index], "meta": meta})
    write_records(output, out)
    for row in out[:10]:
        err.print(f"  {row['meta']['select_rank']:>3}  {row['meta']['uncertainty']:.4f}  {row['id']}", markup=False, highlight=False)
    err.print(
        f"{len(out)} of {len(records)} documents selected → {output} "
        f"({skipped} skipped as empty, duplicate or excluded; {problems} unreadable)",
        markup=False, highlight=False,
    )
