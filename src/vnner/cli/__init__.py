"""The `vnner` command: a thin typer layer over the library; each command lives in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Organisations, officials, resolutions and quantities from Vietnamese party-building news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module registers its commands on `app` when imported.
from vnner.cli import extract_cmd, train_cmd, evaluate_cmd, validate_cmd, report_cmd, show_cmd, doccano_cmd, select_cmd  # noqa: E402,F401
from vnner.cli import package_cmd  # noqa: E402,F401


def main() -> None:
    app()
