"""The `vnner` command: a thin typer layer over the library; each command lives in its own module."""

from __future__ import annotations

from pathlib import Path
from typing import get_args, get_origin

import click
import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder


def _metavar(param) -> str:
    """A value's name as click writes it: an argument's own name (INPUTS), an option's type (PATH, INTEGER)."""
    if param.param_type_name == "argument":
        return (param.name or "value").upper()
    desc = param.type_descriptor
    kind = desc.annotation
    if get_origin(kind) is list:
        (kind,) = get_args(kind)
    if desc.is_path or kind is Path:
        return "PATH"
    return {int: "INTEGER", float: "FLOAT"}.get(kind, "TEXT")


class _Command(TyperCommand):
    """Help in click's plain words: `INPUTS...` and `--model PATH`, not `{inputs}...`, `<list[str]>`, `<str>`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None and not getattr(param, "is_flag", False):
                param.metavar = _metavar(param)  # for an argument, also what "Missing argument 'INPUTS'" says

    @staticmethod
    def _argument(param) -> str:
        name = param.metavar or _metavar(param)
        return name + ("..." if param.nargs != 1 else "")

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = self._argument(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((self._argument(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Typer(typer.Typer):
    """typer.Typer whose commands print plain help (`_Command`); the app and its sub-groups use it."""

    def command(self, *args, **kwargs):
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


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


app = Typer(
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
