"""`vnner select`: the K unlabelled documents the model is least sure about, for `vnner doccano push`."""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, fail, plural


@app.command()
def select(
    inputs: list[str] = typer.Argument(
        ..., help="Unlabelled documents, as for extract: .txt files, folders of them, .jsonl of {id, text}, or -."
    ),
    model: Path | None = typer.Option(
        None, "--model", help="Model whose uncertainty ranks them; default: models/vnner-default."
    ),
    k: int = typer.Option(..., "-k", min=1, help="How many documents to select."),
    output: Path = typer.Option(
        ..., "-o", "--output", help="JSONL of the selected documents ({id, text, meta}), most uncertain first."
    ),
    exclude: list[Path] = typer.Option(
        [],
        "--exclude",
        help="JSONL of documents already labelled or pushed; matching ids or texts are skipped (repeatable).",
    ),
    pool_factor: int = typer.Option(
        3,
        "--pool",
        min=1,
        help="Cluster the POOL×K most uncertain documents into K groups for diversity (1: no diversity).",
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed for the clustering."),
) -> None:
    """Write the K documents the model is least sure about, one per cluster of similar documents.

    Uncertainty: the length-normalised log-probability of the model's best parse, from beam search (docs/doccano.md).
    """
    from vnner.io.inputs import iter_inputs, missing_inputs
    from vnner.io.samefile import SameFileError, check_outputs
    from vnner.labelling.annotations import write_records
    from vnner.labelling.select import ExcludeError, candidates, exclusions, selection_records
    from vnner.labelling.select import select as run_select
    from vnner.model import ModelNotFound, load_model

    missing = missing_inputs([*inputs, *map(str, exclude)])
    if missing:
        fail(f"no such file or folder: {', '.join(missing)} (nothing was written)")
    try:
        check_outputs([output], [*inputs, *exclude])
    except SameFileError as exc:
        fail(str(exc))
    try:
        nlp = load_model(model)
    except (ModelNotFound, OSError) as exc:
        fail(str(exc))
    try:
        skip = exclusions(iter_inputs([str(p) for p in exclude]))
    except ExcludeError as exc:
        fail(f"--exclude {exc}")
    pool = candidates(iter_inputs(inputs), skip)
    for rec in pool.problems:
        err.print(f"skipped {rec.where}: {rec.error}")
    if not pool.records:
        fail("no unlabelled documents to choose from (all inputs were empty, broken, duplicates or excluded)")
    out = selection_records(pool, run_select(nlp, pool.texts, k, pool_factor=pool_factor, seed=seed))
    write_records(output, out)
    for row in out[:10]:
        err.print(
            f"  {row['meta']['select_rank']:>3}  {row['meta']['uncertainty']:.4f}  {row['id']}",
        )
    err.print(
        f"{len(out)} of {plural(len(pool.records), 'document')} selected → {output} "
        f"({pool.skipped} skipped as empty, duplicate or excluded; {len(pool.problems)} unreadable)",
    )
