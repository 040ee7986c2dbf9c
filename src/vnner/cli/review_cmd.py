"""`vnner review A.jsonl B.jsonl … -o merged.jsonl [--push-to PROJECT]`: merge annotators' files, send disagreements to
a reviewer.
"""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import app
from vnner.cli._common import err, fail, plural


@app.command()
def review(
    files: list[Path] = typer.Argument(
        ..., help="Annotators' doccano JSONL files (e.g. from `vnner doccano pull --annotator NAME`)."
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", help="Merged file: documents the annotators agree on (or only one labelled)."
    ),
    push_to: str | None = typer.Option(
        None, "--push-to", help="doccano project to send the disputed documents to, for one person to settle."
    ),
    disputed_path: Path | None = typer.Option(
        None, "--disputed", help="Also write the disputed documents (agreed spans + every version in meta) here."
    ),
    url: str | None = typer.Option(None, "--url", help="doccano address (env DOCCANO_URL)", show_default=False),
    username: str | None = typer.Option(
        None, "--username", help="doccano user (env DOCCANO_USERNAME)", show_default=False
    ),
    password: str | None = typer.Option(
        None, "--password", help="doccano password (env DOCCANO_PASSWORD)", show_default=False
    ),
    timeout: float = typer.Option(30.0, "--timeout", min=1.0, help="Seconds to wait for each answer from doccano."),
) -> None:
    """Keep the spans all annotators agree on; send each document with a disagreement to a review project.

    The reviewer sees the agreed spans pre-annotated and each annotator's version in the
    example's metadata. When they have confirmed them, pull the review project into the
    merged file: `vnner doccano pull --project REVIEW --only-confirmed -o merged.jsonl`.
    """
    from vnner.labelling.annotations import AnnotationFileError, load, write_records
    from vnner.labelling.review import annotator_name, combine

    files_by_name: dict[str, list[dict]] = {}
    for path in files:
        try:
            records = load(path)
        except AnnotationFileError as exc:
            fail(str(exc))
        name = annotator_name(path, records)
        if name in files_by_name:
            fail(f"two files belong to annotator {name!r}: pass each annotator's file once")
        files_by_name[name] = records
    if len(files_by_name) < 2:
        fail("give two annotators' files or more")
    result = combine(files_by_name)
    for note in result.notes:
        err.print(f"warning: {note}")
    write_records(output, result.merged)
    if disputed_path:
        write_records(disputed_path, result.disputed)
    err.print(
        f"{plural(len(result.merged), 'document')} → {output} ({result.agreed} agreed, {result.single} labelled "
        f"once); {len(result.disputed)} with disagreements"
    )
    if not result.disputed:
        return
    if not push_to:
        err.print(
            "pass --push-to PROJECT to send them to a reviewer in doccano (or --disputed FILE to keep them)",
        )
        return
    from vnner.cli.doccano_cmd import _connect, _summary
    from vnner.labelling.doccano.client import DoccanoError
    from vnner.labelling.doccano.project import load_config
    from vnner.labelling.doccano.push import PushAborted, push
    from vnner.labelling.review import agreed_predictor, to_inputs

    api = _connect(url, username, password, timeout)
    try:
        report = push(
            api, to_inputs(result.disputed), push_to, load_config(), predictor=agreed_predictor(result.disputed)
        )
    except PushAborted as exc:
        _summary(exc.report)
        fail(f"{exc} — run the same command again when doccano answers: documents already there are skipped")
    except DoccanoError as exc:
        fail(str(exc))
    _summary(report)
    err.print(
        f"when the reviewer has confirmed them: vnner doccano pull --project {push_to} --only-confirmed -o {output}",
    )
