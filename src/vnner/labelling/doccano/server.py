"""The local doccano server that `vnner doccano serve` runs: starting it, how to reach it, which log to read.

The work is `scripts/doccano_server.sh` (shipped in the wheel); this module gives it its folders
— the server's data, logs and passwords in `vnner.paths.doccano_home()` (the per-user data
folder unless DOCCANO_HOME says otherwise), doccano's virtualenv in `vnner.paths.doccano_venv()`
— and turns what it leaves there (`port`, `web.pid`, `admin-password`) into the line a user
pastes to point the vnner commands at it, and into the right log to name when doccano fails.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from vnner.paths import DOCCANO_SCRIPT, doccano_home, doccano_venv

ACTIONS = ("start", "stop", "status", "restart")
LOCAL_HOSTS = ("127.0.0.1", "localhost")


class ServeError(RuntimeError):
    """The server script cannot be run at all; the message says what to do."""


@dataclass
class Served:
    code: int  # the script's exit status
    url: str | None  # where this home's server answers (or last answered), when known
    home: Path


def environment(port: int | None = None, home: Path | None = None) -> dict[str, str]:
    """The script's environment: the user's, with doccano's folders (and the port, when given) filled in."""
    env = dict(os.environ)
    env["DOCCANO_HOME"] = str(Path(home).expanduser().resolve()) if home is not None else str(doccano_home())
    env["DOCCANO_VENV"] = str(doccano_venv())
    if port is not None:
        env["DOCCANO_PORT"] = str(port)
    return env


def serve(action: str, port: int | None = None, home: Path | None = None) -> Served:
    """Run the server script (its messages go to standard error as it runs); return its status and the URL."""
    if action not in ACTIONS:
        raise ServeError(f"unknown action {action!r}: use {', '.join(ACTIONS)}")
    if not DOCCANO_SCRIPT.exists():
        raise ServeError(f"{DOCCANO_SCRIPT} not found: reinstall vnner (the server script ships with it)")
    env = environment(port, home)
    done = subprocess.run(["bash", str(DOCCANO_SCRIPT), action], env=env, stdout=subprocess.PIPE, text=True)
    where = Path(env["DOCCANO_HOME"])
    lines = done.stdout.split()
    url = lines[-1] if lines and lines[-1].startswith("http") else None
    if url is None and action == "status":
        url = url_of(where)
    return Served(done.returncode, url, where)


def _alive(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


def running_port(home: Path | None = None) -> int | None:
    """The port the server of this home was started on, if its web server is running."""
    home = home or doccano_home()
    try:
        port = int((home / "port").read_text().strip())
    except (OSError, ValueError):
        return None
    return port if _alive(home / "web.pid") else None


def url_of(home: Path | None = None) -> str | None:
    port = running_port(home)
    return None if port is None else f"http://127.0.0.1:{port}"


def export_line(url: str, home: Path | None = None, username: str | None = None) -> str:
    """The shell line that points `push`, `pull` and `status` at this server; the password stays in its file.

    A home other than the one the environment names (`serve --home DIR`) is exported too, so that
    the annotators' passwords and the log named in errors are this server's.
    """
    home = home or doccano_home()
    username = username or os.environ.get("DOCCANO_USERNAME") or "admin"
    line = f"export DOCCANO_URL={url} DOCCANO_USERNAME={shlex.quote(username)}"
    if Path(home).resolve() != doccano_home().resolve():
        line += f" DOCCANO_HOME={shlex.quote(str(home))}"
    password = home / "admin-password"  # there only when the server generated the password (not given to it)
    if password.is_file():
        line += f' DOCCANO_PASSWORD="$(cat {shlex.quote(str(password))})"'
    return line


def log_hint(url: str) -> str:
    """What to read when the doccano at `url` fails: its web server's log when it is the one this
    machine's `vnner doccano serve` runs, else which address that one answers at."""
    home = doccano_home()
    mine = running_port(home)
    parts = urlsplit(url)
    if mine is not None and parts.hostname in LOCAL_HOSTS and (parts.port or 80) == mine:
        return f"see the web server's log, {home / 'web.log'}"
    if mine is not None:
        here = f"http://127.0.0.1:{mine}"
        return (
            f"{url} is not the doccano `vnner doccano serve` runs, which answers at {here}: point vnner at it "
            f"(export DOCCANO_URL={here}, or --url), or see the log of the server at {url}"
        )
    return (
        f"is {url} the doccano you meant (--url / DOCCANO_URL)? If so, see its server's log; "
        "`vnner doccano serve` is not running on this machine"
    )
