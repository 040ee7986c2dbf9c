"""The `vnner` command: a thin typer layer over the library; each command lives in its own module."""

from __future__ import annotations

import click
import typer
from typer.core import TyperGroup
from typer.models import DefaultPlaceholder


class _Commands(TyperGroup):
    """Lists each command with its whole first sentence, wrapped, not cut off at the terminal's width."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


app = typer.Typer(
    cls=_Commands,
    help="Organisations, officials, resolutions and quantities from Vietnamese party-building news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: flags without "<bool>", brackets as written, text wrapped not cut
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"vnner {version('vnner')}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print vnner's version and exit."
    ),
) -> None:
    """Organisations, officials, resolutions and quantities from Vietnamese party-building news."""


# Each module registers its commands on `app` when imported.
from vnner.cli import (  # noqa: E402,F401
    agreement_cmd,
    curve_cmd,
    doccano_cmd,
    evaluate_cmd,
    extract_cmd,
    kb_cmd,
    package_cmd,
    report_cmd,
    review_cmd,
    select_cmd,
    show_cmd,
    train_cmd,
    validate_cmd,
)

for _group in app.registered_groups:  # sub-command groups (vnner doccano) list their commands the same way
    if isinstance(_group.cls, DefaultPlaceholder) and (
        _group.typer_instance is None or isinstance(_group.typer_instance.info.cls, DefaultPlaceholder)
    ):
        _group.cls = _Commands


def main() -> None:
    app()
