"""Every command and sub-command has help text (as sqlite-utils checks)."""

import click
import typer.main
from typer.testing import CliRunner

from vnner.cli import app


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


def test_every_command_has_help():
    root = typer.main.get_command(app)
    names = list(_commands(root))
    assert {path[0] for path, _ in names} >= {"extract", "train", "evaluate", "validate"}
    for path, cmd in names:
        result = CliRunner().invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert (cmd.help or "").strip(), f"vnner {' '.join(path)} has no help text"
