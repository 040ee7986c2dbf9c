"""`vnner doccano`, and its first command `serve [start|stop|status|restart]`: a local doccano server for the
labelling loop (the other doccano commands are in doccano_cmd)."""

from __future__ import annotations

from pathlib import Path

import typer

from vnner.cli import Typer, app
from vnner.cli._common import err, fail, out

doccano_app = Typer(help="Label in doccano: serve, push documents, pull corrections, status.", no_args_is_help=True)
app.add_typer(doccano_app, name="doccano")


@doccano_app.command()
def serve(
    action: str = typer.Argument("start", help="start, stop, status or restart."),
    port: int | None = typer.Option(
        None,
        "--port",
        help="Port on 127.0.0.1 (env DOCCANO_PORT; default 8000, or the port this server was last started on).",
    ),
    home: Path | None = typer.Option(
        None,
        "--home",
        help="Data, logs, pid files and passwords (env DOCCANO_HOME; default: doccano in vnner's per-user data "
        "folder, ~/.local/share/vnner on Linux).",
    ),
) -> None:
    """Run doccano 1.8.4 on 127.0.0.1 (scripts/doccano_server.sh), installed in its own virtualenv on first use.

    start and status print the line that points the other commands at it, for the port it runs on:
    export DOCCANO_URL=http://127.0.0.1:PORT DOCCANO_USERNAME=admin DOCCANO_PASSWORD="$(cat HOME/admin-password)".
    Its data and virtualenv live in vnner's per-user data folder (DOCCANO_HOME, DOCCANO_VENV say otherwise),
    never in the source checkout or a virtualenv.
    """
    from vnner.labelling.doccano.server import ServeError, export_line
    from vnner.labelling.doccano.server import serve as run_serve

    try:
        served = run_serve(action, port=port, home=home)
    except ServeError as exc:
        fail(str(exc))
    if served.code == 0 and served.url and action in ("start", "restart", "status"):
        err.print("point the vnner commands at it (paste this line into your shell):")
        out.print(export_line(served.url, served.home))
    raise typer.Exit(served.code)
