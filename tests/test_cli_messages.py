"""What the commands print: user data and brackets as they are, counted nouns, summaries on one line (issue 19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from vnner.cli import app

CLI = Path(__file__).resolve().parents[1] / "src" / "vnner" / "cli"


def _run(*args, **kwargs):
    return CliRunner().invoke(app, [*map(str, args)], terminal_width=80, env={"COLUMNS": "80"}, **kwargs)


def test_no_command_prints_through_rich_markup():
    """Every console in the CLI prints text as written: markup in a message would eat `[start, end, LABEL]`
    or a user's `[...]`, so colour goes through style=, never through `[red]...[/]` in the text."""
    markup = re.compile(r"\[/?(?:bold|red|green|yellow|blue|cyan|magenta|dim|italic)\b[^\]]*\]|\[/\]")
    for path in sorted(CLI.glob("*.py")):
        if path.name == "show_cmd.py":  # another engineer's; it prints no message with user data
            continue
        source = path.read_text(encoding="utf-8")
        assert not markup.findall(source), (path.name, markup.findall(source))
        assert "rich.markup" not in source, f"{path.name}: escape() is not needed (and shows its backslashes)"
        for call in re.findall(r"Console\(([^)]*)\)", source):
            assert "markup=False" in call, f"{path.name}: Console({call}) reads markup"


def test_a_user_path_with_brackets_is_printed_whole(tmp_path):
    wanted = tmp_path / "[draft] notes[1].txt"
    result = _run("extract", wanted, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 2
    assert f"no such file or folder: {wanted}" in " ".join(result.output.split())


def test_one_of_a_kind_is_singular_and_the_summary_is_one_line_when_piped(tmp_path):
    """ "1 document, … 1 error", "1 record failed"; piped (not a terminal), the summary is not wrapped at 80."""
    src = tmp_path / "with a rather long name so that the summary passes eighty columns.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Huyện ủy Thanh Oai kết nạp 12 đảng viên."}, ensure_ascii=False)
        + "\n"
        + '{"id": "b", "text": 3}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = _run("extract", src, "-o", out)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    (summary,) = [line for line in lines if "entities" in line]
    assert summary.startswith("1 document, 2 entities, 0 warnings, 1 error in ")
    assert summary.endswith(f"→ {out}") and len(summary) > 80
    assert f"1 record failed; reasons in {tmp_path / 'out.errors.jsonl'}" in lines


def test_plural_helper():
    from vnner.plural import plural

    assert [plural(n, "document") for n in (0, 1, 2, 1500)] == [
        "0 documents",
        "1 document",
        "2 documents",
        "1,500 documents",
    ]
    assert plural(1, "entity") == "1 entity" and plural(3, "entity") == "3 entities"
