"""`vnner doccano serve|push|pull|status`: the labelling round trip with a doccano server.

Connection settings come from --url/--username/--password or DOCCANO_URL, DOCCANO_USERNAME,
DOCCANO_PASSWORD; the password is never printed. Exit status: 0 when everything went
through, 1 when some documents were not (failed input records, conflicts), 2 when the
command could not run (no server, wrong password, bad options).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from vnner.cli import Typer
from vnner.cli._common import err, fail, plural
from vnner.cli.doccano_serve_cmd import doccano_app  # the group, with `serve` first

URL = typer.Option(
    None, "--url", help="doccano address, e.g. http://127.0.0.1:8000 (env DOCCANO_URL)", show_default=False
)
USERNAME = typer.Option(None, "--username", help="doccano user (env DOCCANO_USERNAME)", show_default=False)
PASSWORD = typer.Option(
    None,
    "--password",
    help="doccano password (env DOCCANO_PASSWORD); asked for when missing on a terminal",
    show_default=False,
)
TIMEOUT = typer.Option(30.0, "--timeout", min=1.0, help="Seconds to wait for each answer from doccano.")
PROJECT = typer.Option(..., "--project", "-p", help="doccano project name.")
SECRETS = typer.Option(
    None,
    "--secrets",
    help=(
        "Folder of annotators' password files (env VNNER_DOCCANO_SECRETS; default: annotators in the doccano "
        "folder, DOCCANO_HOME or vnner's per-user data folder)."
    ),
    show_default=False,
)


def _connect(url: str | None, username: str | None, password: str | None, timeout: float, note: str = ""):
    from vnner.labelling.doccano.client import ENV_PASSWORD, DoccanoError, Settings, connect

    if password is None and not os.environ.get(ENV_PASSWORD) and sys.stdin.isatty():
        password = typer.prompt("doccano password", hide_input=True)
    try:
        return connect(Settings.resolve(url, username, password, timeout=timeout))
    except DoccanoError as exc:
        fail(f"{exc}{note}")


def _list(title: str, items: list[str], limit: int = 10) -> None:
    if not items:
        return
    err.print(f"{title}:")
    for item in items[:limit]:
        err.print(f"  {item}")
    if len(items) > limit:
        err.print(f"  … and {len(items) - limit} more")


@doccano_app.command()
def push(
    inputs: list[str] = typer.Argument(
        ..., help=".txt files, folders, .jsonl files of {id, text} (e.g. from `vnner select`), or -."
    ),
    project: str = PROJECT,
    pre_annotate: bool = typer.Option(
        True, "--pre-annotate/--no-pre-annotate", help="Upload the model's predictions as spans to correct."
    ),
    model: Path | None = typer.Option(None, "--model", help="Model for pre-annotation; default: models/vnner-default."),
    annotators: str | None = typer.Option(
        None,
        "--annotators",
        help=(
            "Team project: give each document to one of these annotators (comma-separated; see `doccano annotator "
            "add`)."
        ),
    ),
    overlap: float = typer.Option(
        0.0,
        "--overlap",
        min=0.0,
        max=1.0,
        help="With --annotators: share of the documents given to two annotators, to measure agreement.",
    ),
    secrets: Path | None = SECRETS,
    url: str | None = URL,
    username: str | None = USERNAME,
    password: str | None = PASSWORD,
    timeout: float = TIMEOUT,
) -> None:
    """Upload documents into a sequence-labelling project (created with the four labels if missing).

    A document already in the project (same id or same text, kept in the example's meta) is
    skipped, so pushing again — also after a push that failed halfway — adds nothing twice.
    """
    from vnner.io.inputs import iter_inputs
    from vnner.labelling.doccano.client import DoccanoError
    from vnner.labelling.doccano.project import load_config
    from vnner.labelling.doccano.push import PushAborted
    from vnner.labelling.doccano.push import push as run_push

    names: list[str] = []
    if annotators:
        from vnner.labelling.doccano.assign import parse_annotators

        try:
            names = parse_annotators(annotators)
        except ValueError as exc:
            fail(str(exc))
        if overlap and len(names) < 2:
            fail("--overlap needs two annotators or more in --annotators")
    elif overlap:
        fail("--overlap needs --annotators")
    api = _connect(url, username, password, timeout)
    annotator_apis = _annotator_apis(api, names, secrets) if names and pre_annotate else {}
    predictor = None
    if pre_annotate:
        from vnner.model import ModelNotFound, load_model
        from vnner.pipeline.predict import predict

        try:
            nlp = load_model(model)
        except (ModelNotFound, OSError) as exc:
            fail(f"{exc} (or push without predictions: --no-pre-annotate)")
        predictor = lambda texts: predict(nlp, texts)  # noqa: E731
    try:
        config = load_config()
        report = run_push(
            api,
            iter_inputs(inputs),
            project,
            config,
            predictor=predictor,
            log=lambda m: err.print(m),
            annotators=names,
            overlap=overlap,
            annotator_apis=annotator_apis,
        )
    except PushAborted as exc:
        _summary(exc.report)
        fail(
            f"{exc} — push stopped; run the same command again when doccano answers: documents already there are "
            f"skipped"
        )
    except DoccanoError as exc:
        fail(str(exc))
    _summary(report)
    if report.failed or report.conflicts:
        raise typer.Exit(1)


def _annotator_apis(api, names: list[str], secrets: Path | None) -> dict:
    """Connections as each annotator (to pre-annotate in their view); a warning for each that cannot log in."""
    from vnner.labelling.doccano.annotators import Credentials
    from vnner.labelling.doccano.client import DoccanoError

    credentials = Credentials(secrets)
    apis = {}
    for name in names:
        if name == api.settings.username:
            apis[name] = api
            continue
        try:
            apis[name] = credentials.login(api, name)
        except DoccanoError as exc:
            err.print(f"warning: {exc}")
    return apis


def _summary(report) -> None:
    created = ", created" if report.project_created else ""
    spans = ", ".join(f"{label} {n}" for label, n in sorted(report.spans.items())) or "none"
    _list("not uploaded (input problems)", report.failed)
    _list("conflicts (same id, different text in doccano)", report.conflicts)
    _list("warnings", report.warnings)
    _list("pre-annotation interrupted earlier, not finished (push with --pre-annotate)", report.pending)
    err.print(
        f"project {report.project!r} (id {report.project_id}{created}): {len(report.added)} added, "
        f"{len(report.present)} already there, {len(report.completed)} finished, "
        f"{plural(len(report.conflicts), 'conflict')}, {len(report.failed)} failed; pre-annotated spans: {spans}"
    )
    if report.assigned:
        shares = ", ".join(f"{name} {n}" for name, n in sorted(report.assigned.items()))
        err.print(f"assigned: {shares} (each example's meta says whom: assigned_to)")


@doccano_app.command()
def pull(
    project: str = PROJECT,
    output: Path = typer.Option(
        ..., "-o", "--output", help="doccano JSONL to create or merge into (what `vnner train` reads)."
    ),
    only_confirmed: bool = typer.Option(
        False, "--only-confirmed", help="Only examples an annotator confirmed (the check mark)."
    ),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="On a conflict, take doccano's version instead of keeping the local one."
    ),
    annotator: str | None = typer.Option(
        None, "--annotator", help="Team project: only this annotator's confirmed labels."
    ),
    secrets: Path | None = SECRETS,
    url: str | None = URL,
    username: str | None = USERNAME,
    password: str | None = PASSWORD,
    timeout: float = TIMEOUT,
) -> None:
    """Download examples and spans; merge them into OUTPUT by document id and report what changed.

    A local record edited since the last pull (or never pulled) is kept and reported as a conflict (exit 1), unless
    --overwrite.
    If the pull fails, OUTPUT is left exactly as it was. In a team project (collaborative
    annotation off) each member's confirmed labels come back under their name in meta
    ("annotations"), "label" holds the spans they all agree on, and "disagreement" marks the
    documents `vnner review` should settle.
    """
    from vnner.labelling.annotations import AnnotationFileError
    from vnner.labelling.doccano.annotators import Credentials
    from vnner.labelling.doccano.client import DoccanoError
    from vnner.labelling.doccano.pull import pull as run_pull

    folder = Credentials(secrets).folder
    if output.resolve().is_relative_to(folder.resolve()):  # never pull over the annotators' passwords
        fail(
            f"output {output} is inside the annotators' password folder {folder}: choose another output (nothing was "
            f"written)"
        )
    api = _connect(url, username, password, timeout, note=f" ({output} was not changed)")
    try:
        report = run_pull(
            api,
            project,
            output,
            only_confirmed=only_confirmed,
            overwrite=overwrite,
            annotator=annotator,
            credentials=Credentials(secrets),
            log=lambda m: err.print(m),
        )
    except AnnotationFileError as exc:
        fail(f"{exc}; fix it or pull into another file (nothing was written)")
    except DoccanoError as exc:
        fail(f"{exc} ({output} was not changed)")
    _list("skipped", report.skipped)
    _list(
        "conflicts: edited locally and in doccano, local version kept (--overwrite takes doccano's)", report.conflicts
    )
    _list("changed", report.changed)
    _list("overwritten local edits", report.overwritten)
    _list("records `vnner validate` will reject; fix them in doccano", report.problems)
    spans = ", ".join(f"{label} {n}" for label, n in sorted(report.spans.items())) or "none"
    _list("documents the annotators labelled differently (settle them with `vnner review`)", report.disagreements)
    which = "confirmed example" if only_confirmed or annotator else "example"
    err.print(
        f"{plural(report.examples, which)} from {project!r} (spans: {spans}) → {output}: "
        f"{len(report.added)} added, {len(report.changed) + len(report.overwritten)} changed, "
        f"{len(report.unchanged)} unchanged, {plural(len(report.conflicts), 'conflict')}, "
        f"{report.local_only} local only" + ("" if report.written else f"; {output} left as it was")
    )
    if report.conflicts:
        raise typer.Exit(1)


@doccano_app.command()
def status(
    project: str = PROJECT,
    as_json: bool = typer.Option(False, "--json", help="Print the numbers as JSON."),
    url: str | None = URL,
    username: str | None = USERNAME,
    password: str | None = PASSWORD,
    timeout: float = TIMEOUT,
) -> None:
    """Examples, confirmed examples and spans per label in a project."""
    from vnner.labelling.doccano.client import DoccanoError
    from vnner.labelling.doccano.status import status as run_status

    api = _connect(url, username, password, timeout)
    try:
        numbers = run_status(api, project)
    except DoccanoError as exc:
        fail(str(exc))
    if as_json:
        print(json.dumps(numbers, ensure_ascii=False))
        return
    print(f"project {numbers['project']} (id {numbers['id']}): {numbers['url']}")
    print(f"  examples    {numbers['examples']:>6}")
    print(f"  confirmed   {numbers['confirmed']:>6}")
    for label, n in numbers["spans"].items():
        print(f"  {label:<11} {n:>6}")
    if not numbers["collaborative"]:
        print(
            "  (not a collaborative project: confirmed counts your own confirmations only; "
            f"each annotator's: vnner doccano annotator list --project {numbers['project']})"
        )


annotator_app = Typer(help="Annotators of a team project: add, list.", no_args_is_help=True)
doccano_app.add_typer(annotator_app, name="annotator")


@annotator_app.command("add")
def annotator_add(
    name: str = typer.Argument(..., help="doccano user name for the annotator."),
    project: str = PROJECT,
    secrets: Path | None = SECRETS,
    url: str | None = URL,
    username: str | None = USERNAME,
    password: str | None = PASSWORD,
    timeout: float = TIMEOUT,
) -> None:
    """Create a doccano user with a generated password (written to a file only you can read, never printed)
    and make it an annotator of the project (created if missing, collaborative annotation off)."""
    from vnner.labelling.doccano.annotators import Credentials, add_annotator
    from vnner.labelling.doccano.client import DoccanoError
    from vnner.labelling.doccano.project import load_config

    api = _connect(url, username, password, timeout)
    try:
        report = add_annotator(api, project, name, load_config(), Credentials(secrets))
    except (DoccanoError, OSError) as exc:
        fail(str(exc))
    for warning in report.warnings:
        err.print(f"warning: {warning}")
    user = (
        f"user {name!r} created, password in {report.password_file}"
        if report.user_created
        else f"user {name!r} already there"
    )
    member = "added as annotator" if report.member_added else "already a member"
    err.print(f"{user}; {member} of project {project!r}")


@annotator_app.command("list")
def annotator_list(
    project: str = PROJECT,
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON."),
    url: str | None = URL,
    username: str | None = USERNAME,
    password: str | None = PASSWORD,
    timeout: float = TIMEOUT,
) -> None:
    """The project's members with their role, documents assigned to them and examples they confirmed."""
    from vnner.labelling.doccano.annotators import list_annotators
    from vnner.labelling.doccano.client import DoccanoError

    api = _connect(url, username, password, timeout)
    try:
        members = list_annotators(api, project)
    except DoccanoError as exc:
        fail(str(exc))
    if as_json:
        print(json.dumps(members, ensure_ascii=False))
        return
    print(f"{'name':<20} {'role':<20} {'assigned':>8} {'confirmed':>9}")
    for m in members:
        print(f"{m['name']:<20} {m['role']:<20} {m['assigned']:>8} {m['confirmed']:>9}")
