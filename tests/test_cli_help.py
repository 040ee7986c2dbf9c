"""Every command and sub-command has help text (as sqlite-utils checks), shown whole and as written."""

import re
from importlib.metadata import version

import click
import typer.main
from typer.testing import CliRunner

from vnner.cli import app


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


def _help(path) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=80, env={"COLUMNS": "80"})
    assert result.exit_code == 0, path
    return result.output


def _flat(text: str) -> str:
    """Without white space: wrapping may break a line anywhere, also after a hyphen."""
    return "".join(text.split())


def test_every_command_has_help():
    root = typer.main.get_command(app)
    names = list(_commands(root))
    assert {path[0] for path, _ in names} >= {"extract", "train", "evaluate", "validate"}
    for path, cmd in names:
        _help(path)
        assert (cmd.help or "").strip(), f"vnner {' '.join(path)} has no help text"


def test_help_shows_every_option_text_whole_and_flags_without_a_value():
    root = typer.main.get_command(app)
    for path, cmd in [((), root), *_commands(root)]:
        shown = _help(path)
        assert "<bool>" not in shown, f"vnner {' '.join(path)} --help shows a flag as taking a value"
        for param in cmd.params:
            if getattr(param, "help", None):
                # wrapped at 80 columns but never cut, markup-like brackets kept
                assert _flat(param.help) in _flat(shown), (path, param.name)
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                first = _flat(sub.get_short_help_str(limit=10_000))
                assert first in _flat(shown), (path, name)
                assert not re.search(rf"^\s+{name}\s.*\.\.\.$", shown, re.M), (path, name)
    assert _flat('"words": [[start, end], ...]') in _flat(_help(["extract"]))


def test_version_comes_from_the_package_metadata():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"vnner {version('vnner')}"


def test_help_names_values_in_plain_words():
    """`INPUTS...` and `--model TEXT`, as click writes them; not typer's `{inputs}...`, `<list[str]>`, `<str>`."""
    root = typer.main.get_command(app)
    for path, _ in _commands(root):
        shown = _help(path)
        usage = shown.splitlines()[0]
        assert "{" not in usage, (path, usage)
        found = re.findall(r"<(?:list\[|str|path|int|float|bool|Path)[^>]*>", shown)
        assert not found, (path, found)
    extract = _help(["extract"])
    assert extract.startswith("Usage: root extract [OPTIONS] INPUTS...")  # CliRunner names the program "root"
    assert re.search(r"^  INPUTS\.\.\.\s+\.txt files", extract, re.M) and "--model TEXT" in extract
    assert "--workers INTEGER" in extract and "[x>=1]" in extract
    assert "doccano serve [OPTIONS] [ACTION]\n" in _help(["doccano", "serve"])
    missing = CliRunner().invoke(app, ["extract"])
    assert missing.exit_code == 2 and "Missing argument 'INPUTS'" in missing.output
