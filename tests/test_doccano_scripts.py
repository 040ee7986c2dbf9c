"""scripts/ci_doccano.sh and scripts/doccano_server.sh: doccano's data is its owner's alone, and a
test run leaves no temporary folder behind (issue 13)."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from doccano_support import server_settings

pytestmark = pytest.mark.doccano


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_the_running_servers_database_is_readable_by_its_owner_only():
    server_settings()
    home = os.environ.get("DOCCANO_HOME")
    if not home:
        pytest.skip("DOCCANO_HOME not set: start doccano with scripts/ci_doccano.sh")
    home = Path(home)
    for path in (home, home / "db.sqlite3", home / "secret-key", home / "web.log"):
        assert _private(path), f"{path} is readable by other users ({oct(stat.S_IMODE(path.stat().st_mode))})"


@pytest.mark.slow
def test_ci_doccano_removes_its_temporary_home_keeps_data_private_and_takes_any_password(root, tmp_path):
    server_settings()
    venv = os.environ.get("DOCCANO_VENV", str(root / ".doccano-venv"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCCANO_")}
    # A password that starts with "-" (one generated password in 64 does) must not be read as an option.
    env.update(DOCCANO_VENV=venv, TMPDIR=str(tmp_path), DOCCANO_PASSWORD="-dash-first-" + secrets.token_urlsafe(8))
    code = "from vnner.labelling.doccano.client import Settings, connect; connect(Settings.resolve())"
    login = f'"{sys.executable}" -c "{code}"'
    files = '"$DOCCANO_HOME" "$DOCCANO_HOME"/db.sqlite3 "$DOCCANO_HOME"/task.log'
    shown = f'source scripts/ci_doccano.sh; {login}; stat -c "%a %n" {files}'
    proc = subprocess.run(["bash", "-c", shown], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    modes = [line.split(" ", 1) for line in proc.stdout.splitlines()]
    assert len(modes) == 3 and all(int(mode, 8) & 0o077 == 0 for mode, _ in modes), modes
    assert not list(tmp_path.iterdir()), "ci_doccano.sh left its temporary DOCCANO_HOME behind"
