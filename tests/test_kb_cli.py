"""`vnner kb build|person|body|document|serve` through typer's CliRunner: --json shapes, tables, errors."""

import json
import socket

import pytest
from kb_support import promoted, resolution_spellings, two_provinces, write
from typer.testing import CliRunner

from vnner.cli import app


def run(*args):
    return CliRunner().invoke(app, ["kb", *map(str, args)], terminal_width=100)


@pytest.fixture
def built(tmp_path):
    out = write(tmp_path / "out.jsonl", promoted() + two_provinces() + resolution_spellings() + ["{broken"])
    db = tmp_path / "kb.db"
    result = run("build", out, "--db", db)
    assert result.exit_code == 0, result.output
    assert f"{out}:7: not valid JSON" in result.output and "(skipped)" in result.output
    assert "6 documents read from 1 file: 6 added, 0 replaced, 0 unchanged, 1 bad line skipped" in result.output
    assert "(6 documents, 3 people, 7 bodies, 1 resolutions)" in result.output
    return out, db


def test_build_again_reports_everything_unchanged(built):
    out, db = built
    result = run("build", out, "--db", db)
    assert result.exit_code == 0 and "0 added, 0 replaced, 6 unchanged" in result.output


def test_person_json(built):
    result = run("person", "Trần Văn Hải", "--db", built[1], "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [sorted(p) for p in found] == [["id", "name", "posts"]] * 2
    for p in found:
        [post] = p["posts"]
        assert sorted(post) == ["body", "documents", "first_seen", "last_seen", "title"]
    assert [p["posts"][0]["documents"] for p in found] == [["hanam"], ["ninhbinh"]]
    assert [p["posts"][0]["first_seen"] for p in found] == ["2024-04-02", "2024-04-09"]


def test_body_json(built):
    result = run("body", "UBND tỉnh Nghệ An", "--db", built[1], "--json")
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)
    assert sorted(found) == ["canonical", "names", "posts"]
    assert found["canonical"] == "Ủy ban nhân dân tỉnh Nghệ An"
    assert [sorted(p) for p in found["posts"]] == [["first_seen", "last_seen", "person", "title"]] * 2


def test_document_json(built):
    short = json.loads(run("document", "Nghị quyết 57", "--db", built[1], "--json").stdout)
    full = json.loads(run("document", "Nghị quyết số 57-NQ/TW", "--db", built[1], "--json").stdout)
    assert short == full
    [found] = full
    assert sorted(found) == ["cited_by", "issuer", "key", "number", "type"]
    assert found["cited_by"] == [{"id": "nq57-full", "date": "2025-02-03"}, {"id": "nq57-short", "date": "2025-03-10"}]


def test_no_answer_is_an_empty_list_or_a_message(built):
    result = run("person", "Không Có Ai", "--db", built[1], "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    result = run("person", "Không Có Ai", "--db", built[1])
    assert result.exit_code == 0 and "no person named 'Không Có Ai'" in result.output


def test_tables_without_json(built):
    result = run("person", "Lê Hồng Vinh", "--db", built[1])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("Phó Chủ tịch" in line and "2023-03-05" in line and "nghean-2023" in line for line in lines)
    assert any("Chủ tịch" in line and "2024-06-12" in line for line in lines)
    result = run("body", "Ủy ban nhân dân tỉnh Nghệ An", "--db", built[1])
    assert "Lê Hồng Vinh" in result.stdout and "UBND tỉnh Nghệ An" in result.stdout
    result = run("document", "Nghị quyết 57", "--db", built[1])
    assert "nghị quyết|57-nq/tw" in result.stdout and "nq57-short" in result.stdout


@pytest.mark.parametrize("command", [["person", "A"], ["body", "A"], ["document", "A"], ["serve"]])
def test_a_missing_database_is_a_usage_error(tmp_path, command):
    result = run(*command, "--db", tmp_path / "nope.db")
    assert result.exit_code == 2
    assert "no knowledge base at" in result.output and "vnner kb build" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "nope.db").exists()


def test_a_missing_input_is_a_usage_error(tmp_path):
    result = run("build", tmp_path / "nope.jsonl", "--db", tmp_path / "kb.db")
    assert result.exit_code == 2 and "nope.jsonl: no such file or folder" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "kb.db").exists()


def test_a_file_that_is_not_a_knowledge_base(tmp_path):
    other = write(tmp_path / "notes.db", ["[just text]"])
    result = run("person", "A", "--db", other)
    assert result.exit_code == 2 and "[just text]" not in result.output
    assert "not an SQLite database" in result.output or "not a vnner knowledge base" in result.output


def test_serve_refuses_a_port_in_use(built):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--db", built[1], "--port", port)
    assert result.exit_code == 2 and f"port {port} on 127.0.0.1 is in use: give another with --port" in result.output
