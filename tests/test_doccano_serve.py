"""The local doccano server: where its data and passwords live, the line that points vnner at it, a busy
port, and which log an error names (issues 17 and 19)."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from doccano_support import server_settings, unique, write_corpus
from typer.testing import CliRunner

from vnner.cli import app
from vnner.labelling.doccano.client import ServerError, Settings, connect

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_doccano_env(monkeypatch, tmp_path):
    """No DOCCANO_* or VNNER_DOCCANO_SECRETS variables, and a per-user data folder under tmp_path."""
    for name in [k for k in os.environ if k.startswith("DOCCANO_")] + ["VNNER_DOCCANO_SECRETS"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "vnner"


def _fake_home(home: Path, port: int, alive: bool = True) -> Path:
    """A doccano home as the server script leaves it: the port it runs on and its web server's pid."""
    home.mkdir(parents=True)
    (home / "port").write_text(f"{port}\n")
    (home / "web.pid").write_text(f"{os.getpid() if alive else 2**22 + 7}\n")
    return home


def test_user_data_goes_to_the_per_user_folder_never_the_checkout_or_the_virtualenv(no_doccano_env, monkeypatch):
    from vnner.labelling.doccano.annotators import secrets_dir
    from vnner.labelling.doccano.server import environment
    from vnner.paths import doccano_home, doccano_venv

    data = no_doccano_env
    assert doccano_home() == data / "doccano" and doccano_venv() == data / "doccano-venv"
    assert secrets_dir() == data / "doccano" / "annotators"
    for path in (doccano_home(), secrets_dir()):
        assert ROOT not in path.parents and Path(sys.prefix) not in path.parents
    env = environment()  # what `vnner doccano serve` hands the server script
    assert env["DOCCANO_HOME"] == str(data / "doccano") and env["DOCCANO_VENV"] == str(data / "doccano-venv")
    monkeypatch.setenv("DOCCANO_HOME", "/srv/doccano")  # the variables still say otherwise
    assert secrets_dir() == Path("/srv/doccano/annotators") and environment()["DOCCANO_HOME"] == "/srv/doccano"
    monkeypatch.setenv("VNNER_DOCCANO_SECRETS", "/srv/secrets")
    assert secrets_dir() == Path("/srv/secrets")


def test_the_export_line_names_the_port_in_use_and_the_password_file(no_doccano_env):
    from vnner.labelling.doccano.server import export_line, url_of

    home = _fake_home(no_doccano_env / "doccano", 8765)
    (home / "admin-password").write_text("secret", encoding="utf-8")
    assert url_of() == "http://127.0.0.1:8765"
    line = export_line("http://127.0.0.1:8765")
    password = f'DOCCANO_PASSWORD="$(cat {home}/admin-password)"'
    assert line == f"export DOCCANO_URL=http://127.0.0.1:8765 DOCCANO_USERNAME=admin {password}"
    assert "secret" not in line
    elsewhere = _fake_home(no_doccano_env / "elsewhere", 8766)  # `serve --home DIR`: the line says which home
    assert export_line("http://127.0.0.1:8766", elsewhere).startswith(
        f"export DOCCANO_URL=http://127.0.0.1:8766 DOCCANO_USERNAME=admin DOCCANO_HOME={elsewhere}"
    )
    (home / "web.pid").write_text("4194311\n")  # a web server that is gone
    assert url_of() is None


def test_errors_name_the_web_servers_log_only_for_the_server_vnner_runs(no_doccano_env):
    from vnner.labelling.doccano.server import log_hint

    home = _fake_home(no_doccano_env / "doccano", 8765)
    assert log_hint("http://127.0.0.1:8765") == f"see the web server's log, {home / 'web.log'}"
    other = log_hint("http://127.0.0.1:8000")
    assert "web.log" not in other and "export DOCCANO_URL=http://127.0.0.1:8765" in other
    (home / "web.pid").unlink()
    assert "`vnner doccano serve` is not running" in log_hint("http://127.0.0.1:8765")


class _NotDoccano(http.server.BaseHTTPRequestHandler):
    """Another program on the port DOCCANO_URL still names: it answers GET, and 501 to POST."""

    def log_message(self, *args) -> None:
        pass


def test_a_server_that_is_not_doccano_is_named_with_the_right_address_not_a_wrong_log(no_doccano_env):
    """DOCCANO_URL left on a port another program took: the error points at the doccano vnner runs."""
    _fake_home(no_doccano_env / "doccano", 8765)
    server = http.server.HTTPServer(("127.0.0.1", 0), _NotDoccano)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(ServerError) as caught:
            connect(Settings(url, "admin", "pw", timeout=5, retries=0))
    finally:
        server.shutdown()
        server.server_close()
    message = str(caught.value)
    assert "HTTP 501" in message and "$DOCCANO_HOME" not in message and "web.log" not in message
    assert f"{url} is not the doccano `vnner doccano serve` runs" in message
    assert "export DOCCANO_URL=http://127.0.0.1:8765" in message


@pytest.mark.doccano
def test_a_busy_port_is_refused_at_once_with_a_free_port_to_use(tmp_path):
    """Nothing is set up on a busy port; the message gives the --port that works."""
    server_settings()
    if not os.environ.get("DOCCANO_VENV"):
        pytest.skip("DOCCANO_VENV not set (scripts/ci_doccano.sh exports it)")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        home = tmp_path / "home"
        env = {k: v for k, v in os.environ.items() if k not in ("DOCCANO_HOME", "DOCCANO_PORT", "DOCCANO_URL")}
        done = subprocess.run(
            [sys.executable, "-m", "vnner", "doccano", "serve", "--port", str(port), "--home", str(home)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode != 0 and done.stdout == ""
    assert f"port {port} on 127.0.0.1 is in use by another program" in done.stderr
    assert "`vnner doccano serve --port " in done.stderr
    assert not (home / "db.sqlite3").exists()  # refused before any setting up


@pytest.mark.doccano
def test_serve_and_serve_status_print_the_export_line_for_the_running_server():
    """The test server (scripts/ci_doccano.sh) as `vnner doccano serve` sees it through DOCCANO_HOME."""
    settings = server_settings()
    if not os.environ.get("DOCCANO_HOME"):
        pytest.skip("DOCCANO_HOME not set (scripts/ci_doccano.sh exports it)")
    expected = f"export DOCCANO_URL={settings.url} DOCCANO_USERNAME={settings.username}"
    env = {k: v for k, v in os.environ.items() if k != "DOCCANO_PORT"}
    for action in ("status", "start"):  # start: it is running already, and says where
        done = subprocess.run(
            [sys.executable, "-m", "vnner", "doccano", "serve", action],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1].startswith(expected), (action, done.stdout)


@pytest.mark.doccano
def test_push_prints_its_summary_once(tmp_path):
    settings = server_settings()
    corpus = write_corpus(tmp_path / "docs.jsonl", ids=("t1", "t2"))
    env = {"DOCCANO_URL": settings.url, "DOCCANO_USERNAME": settings.username, "DOCCANO_PASSWORD": settings.password}
    result = CliRunner().invoke(
        app, ["doccano", "push", str(corpus), "--project", unique("once"), "--no-pre-annotate"], env=env
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("2 added") == 1, result.output
    assert "0 conflicts" in result.output and "1 conflicts" not in result.output
