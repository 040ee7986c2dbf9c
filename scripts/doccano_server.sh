#!/usr/bin/env bash
# Run doccano 1.8.4 on 127.0.0.1 for vnner's labelling loop (docs/doccano.md).
#
#   scripts/doccano_server.sh start | stop | status | restart
#
# doccano lives in its own virtualenv (it needs Python 3.11 with marshmallow<4 and numpy<2,
# which the vnner environment must not be forced into). `start` creates that virtualenv on
# first use, sets up the database and the admin user, starts the web server and the task
# worker in the background, and waits until the API answers.
#
# Settings, all from the environment:
#   DOCCANO_HOME      database, media, logs and pid files, the admin password, annotators'
#                     passwords (default: vnner's per-user data folder,
#                     ${XDG_DATA_HOME:-~/.local/share}/vnner/doccano; readable by its owner only)
#   DOCCANO_PORT      port on 127.0.0.1                     (default: 8000, or the port of the
#                     last start in this DOCCANO_HOME)
#   DOCCANO_VENV      doccano's own virtualenv              (default: .../vnner/doccano-venv)
#   DOCCANO_PYTHON    Python 3.11 that creates it           (default: python3.11)
#   DOCCANO_USERNAME  admin user                            (default: admin)
#   DOCCANO_PASSWORD  admin password; when unset, one is generated on first start and kept in
#                     $DOCCANO_HOME/admin-password (mode 600). The password is never printed.
#   DOCCANO_WORKERS   web server worker processes           (default: 2)
#   DOCCANO_WAIT      seconds to wait for the API on start  (default: 120)
#
# The web server is gunicorn bound to 127.0.0.1 (`doccano webserver` always binds 0.0.0.0);
# the task worker is `doccano task`, which the web UI's import and export need.

set -euo pipefail

# The per-user data folder, as platformdirs names it on Linux: `vnner doccano serve` always passes
# DOCCANO_HOME and DOCCANO_VENV (platformdirs' folder on every system), so this default only
# matters when the script runs by itself. Never the source checkout or a virtualenv.
USER_DATA="${XDG_DATA_HOME:-$HOME/.local/share}/vnner"
DOCCANO_HOME="${DOCCANO_HOME:-$USER_DATA/doccano}"
DOCCANO_VENV="${DOCCANO_VENV:-$USER_DATA/doccano-venv}"
DOCCANO_PYTHON="${DOCCANO_PYTHON:-python3.11}"
DOCCANO_USERNAME="${DOCCANO_USERNAME:-admin}"
DOCCANO_WORKERS="${DOCCANO_WORKERS:-2}"
DOCCANO_WAIT="${DOCCANO_WAIT:-120}"
# Absolute paths: the web server runs from doccano's own folder.
[[ "$DOCCANO_HOME" == /* ]] || DOCCANO_HOME="$PWD/$DOCCANO_HOME"
[[ "$DOCCANO_VENV" == /* ]] || DOCCANO_VENV="$PWD/$DOCCANO_VENV"
# `status` and `stop` use the port the server was started on unless DOCCANO_PORT says otherwise.
if [[ -z "${DOCCANO_PORT:-}" && -f "$DOCCANO_HOME/port" ]]; then
    DOCCANO_PORT="$(cat "$DOCCANO_HOME/port")"
fi
DOCCANO_PORT="${DOCCANO_PORT:-8000}"
URL="http://127.0.0.1:${DOCCANO_PORT}"
# What the virtualenv must hold; a change here reinstalls it.
REQUIREMENTS=("doccano==1.8.4" "marshmallow<4" "numpy<2")

say() { printf 'doccano: %s\n' "$*" >&2; }
die() { printf 'doccano: error: %s\n' "$*" >&2; exit 1; }

ensure_venv() {
    local marker="$DOCCANO_VENV/.vnner-requirements"
    if [[ -x "$DOCCANO_VENV/bin/doccano" && -f "$marker" && "$(cat "$marker")" == "${REQUIREMENTS[*]}" ]]; then
        return
    fi
    command -v "$DOCCANO_PYTHON" >/dev/null || die "$DOCCANO_PYTHON not found: doccano 1.8.4 needs Python 3.11 (set DOCCANO_PYTHON)"
    "$DOCCANO_PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
        || die "$DOCCANO_PYTHON is not Python 3.11, which doccano 1.8.4 needs (set DOCCANO_PYTHON)"
    say "installing ${REQUIREMENTS[*]} into $DOCCANO_VENV (once; log in $DOCCANO_HOME/install.log)"
    mkdir -p "$DOCCANO_HOME"
    "$DOCCANO_PYTHON" -m venv "$DOCCANO_VENV"
    if ! "$DOCCANO_VENV/bin/pip" install --quiet --prefer-binary "${REQUIREMENTS[@]}" >"$DOCCANO_HOME/install.log" 2>&1; then
        tail -n 20 "$DOCCANO_HOME/install.log" >&2
        die "pip could not install doccano (full log: $DOCCANO_HOME/install.log)"
    fi
    printf '%s' "${REQUIREMENTS[*]}" >"$marker"
}

# The environment `doccano` itself sets up (backend/cli.py), shared by both processes.
doccano_env() {
    export DOCCANO_HOME
    export STANDALONE=True
    export DJANGO_SETTINGS_MODULE=config.settings.production
    export DATABASE_URL="sqlite:///$DOCCANO_HOME/db.sqlite3"
    export MEDIA_ROOT="$DOCCANO_HOME/media"
    export DEBUG=False
    SECRET_KEY="$(cat "$DOCCANO_HOME/secret-key")"
    export SECRET_KEY
}

# A private file holding a random token, created once.
secret_file() {
    local file="$1"
    if [[ ! -s "$file" ]]; then
        (umask 077 && "$DOCCANO_VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24), end="")' >"$file")
    fi
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# What the health check says: "up" (200: web server, database and task worker answer), "web"
# (no answer at all: the web server is down or still starting), "task" (the task worker does
# not answer), or "failing: CHECKS" (another check failed; the web server's log says why).
health() {
    "$DOCCANO_VENV/bin/python" - "$URL/v1/health/?format=json" <<'EOF' 2>/dev/null || echo web
import json, sys, urllib.error, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
        print("up" if r.status == 200 else "web")
except urllib.error.HTTPError as e:
    try:
        failing = [k for k, v in json.load(e).items() if v != "working"]
    except Exception:
        failing = []
    if any("celery" in k.lower() for k in failing):
        print("task")
    else:
        print("failing: " + (", ".join(failing) or f"HTTP {e.code}"))
except Exception:
    print("web")
EOF
}

# Which log explains a health check that is not "up".
health_problem() {
    case "$1" in
        web) echo "the web server does not answer (log: $DOCCANO_HOME/web.log)" ;;
        task) echo "the task worker does not answer (log: $DOCCANO_HOME/task.log)" ;;
        *) echo "doccano's health check fails: ${1#failing: } (log: $DOCCANO_HOME/web.log)" ;;
    esac
}

port_taken() {
    # Something listens there (a connection succeeds); sockets left in TIME_WAIT do not count.
    "$DOCCANO_VENV/bin/python" - "${1:-$DOCCANO_PORT}" <<'EOF'
import socket, sys
with socket.socket() as s:
    s.settimeout(2)
    sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
EOF
}

# A port after DOCCANO_PORT that nothing listens on, to suggest when DOCCANO_PORT is taken.
free_port() {
    local port
    for port in $(seq $((DOCCANO_PORT + 1)) $((DOCCANO_PORT + 100))); do
        port_taken "$port" || { echo "$port"; return; }
    done
    echo 8765
}

start() {
    # The database, the secret key, the password and the logs are the owner's alone: new files
    # get mode 600 (umask), and a folder made by an earlier version is closed too.
    umask 077
    mkdir -p "$DOCCANO_HOME"
    chmod -R go-rwx "$DOCCANO_HOME"
    local web_pid="$DOCCANO_HOME/web.pid" task_pid="$DOCCANO_HOME/task.pid"
    if alive "$web_pid" && alive "$task_pid"; then
        local running
        running="$(cat "$DOCCANO_HOME/port" 2>/dev/null || echo "$DOCCANO_PORT")"
        if [[ "$running" != "$DOCCANO_PORT" ]]; then
            say "it runs on port $running, not $DOCCANO_PORT: to move it, \`vnner doccano serve stop\`, then \`vnner doccano serve --port $DOCCANO_PORT\`"
        fi
        URL="http://127.0.0.1:$running"
        say "already running at $URL (pids $(cat "$web_pid"), $(cat "$task_pid"))"
        echo "$URL"
        return
    fi
    ensure_venv
    # A busy port is found before any setting up, with a free one to use instead.
    if ! alive "$web_pid" && port_taken; then
        local other
        other="$(free_port)"
        die "port $DOCCANO_PORT on 127.0.0.1 is in use by another program: start doccano on a free port, e.g. \`vnner doccano serve --port $other\` (or DOCCANO_PORT=$other)"
    fi
    secret_file "$DOCCANO_HOME/secret-key"
    doccano_env
    local backend
    backend="$("$DOCCANO_VENV/bin/python" -c 'import backend, os; print(os.path.dirname(backend.__file__))')"

    if [[ ! -f "$DOCCANO_HOME/.initialised" ]]; then
        say "setting up the database in $DOCCANO_HOME (log: $DOCCANO_HOME/init.log)"
        "$DOCCANO_VENV/bin/doccano" init >"$DOCCANO_HOME/init.log" 2>&1 \
            || { tail -n 20 "$DOCCANO_HOME/init.log" >&2; die "doccano init failed"; }
        touch "$DOCCANO_HOME/.initialised"
    fi

    local password_note="from DOCCANO_PASSWORD"
    if [[ -n "${DOCCANO_PASSWORD:-}" ]]; then
        # The admin gets this password: a file from an earlier start holding another one would be stale.
        if [[ -f "$DOCCANO_HOME/admin-password" && "$(cat "$DOCCANO_HOME/admin-password")" != "$DOCCANO_PASSWORD" ]]; then
            rm -f "$DOCCANO_HOME/admin-password"
        fi
    else
        secret_file "$DOCCANO_HOME/admin-password"
        DOCCANO_PASSWORD="$(cat "$DOCCANO_HOME/admin-password")"
        password_note="in $DOCCANO_HOME/admin-password"
    fi
    # `doccano createuser` creates the admin or resets its password. The password goes through
    # the environment, not the command line, so that it never shows in `ps`.
    DOCCANO_USERNAME="$DOCCANO_USERNAME" DOCCANO_PASSWORD="$DOCCANO_PASSWORD" "$DOCCANO_VENV/bin/python" -c '
import os, sys
# "--option=value": a generated password may start with "-", which argparse would take for an option.
sys.argv = ["doccano", "createuser", "--username=" + os.environ["DOCCANO_USERNAME"], "--password=" + os.environ["DOCCANO_PASSWORD"]]
from backend.cli import main
main()' >>"$DOCCANO_HOME/init.log" 2>&1 || { tail -n 20 "$DOCCANO_HOME/init.log" >&2; die "doccano createuser failed"; }

    if ! alive "$web_pid"; then
        # setsid: each process leads its own process group, so `stop` ends it with its children.
        setsid "$DOCCANO_VENV/bin/gunicorn" --bind "127.0.0.1:$DOCCANO_PORT" --workers "$DOCCANO_WORKERS" \
            --chdir "$backend" --capture-output --log-level info config.wsgi:application \
            >"$DOCCANO_HOME/web.log" 2>&1 </dev/null &
        echo $! >"$web_pid"
        echo "$DOCCANO_PORT" >"$DOCCANO_HOME/port"
    fi
    if ! alive "$task_pid"; then
        setsid "$DOCCANO_VENV/bin/doccano" task --concurrency 1 >"$DOCCANO_HOME/task.log" 2>&1 </dev/null &
        echo $! >"$task_pid"
    fi

    local waited=0
    until [[ "$(health)" == up ]]; do
        alive "$web_pid" || { tail -n 20 "$DOCCANO_HOME/web.log" >&2; die "the web server stopped (log: $DOCCANO_HOME/web.log)"; }
        alive "$task_pid" || { tail -n 20 "$DOCCANO_HOME/task.log" >&2; die "the task worker stopped (log: $DOCCANO_HOME/task.log)"; }
        ((waited >= DOCCANO_WAIT)) && die "no working doccano at $URL after ${DOCCANO_WAIT}s: $(health_problem "$(health)")"
        sleep 1
        waited=$((waited + 1))
    done
    say "running at $URL (user $DOCCANO_USERNAME, password $password_note; logs in $DOCCANO_HOME)"
    echo "$URL"
}

stop_one() {
    local name="$1" file="$DOCCANO_HOME/$1.pid"
    if ! alive "$file"; then
        rm -f "$file"
        return
    fi
    local pid
    pid="$(cat "$file")"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
    say "stopped the $name process ($pid)"
}

stop() {
    stop_one web
    stop_one task
}

status() {
    local code=0
    for name in web task; do
        if alive "$DOCCANO_HOME/$name.pid"; then
            say "$name: running (pid $(cat "$DOCCANO_HOME/$name.pid"))"
        else
            say "$name: not running"
            code=1
        fi
    done
    local state=web
    [[ -x "$DOCCANO_VENV/bin/python" ]] && state="$(health)"
    if [[ "$state" == up ]]; then
        say "API: answering at $URL"
    else
        say "API: no working doccano at $URL: $(health_problem "$state")"
        code=1
    fi
    return $code
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status|restart" >&2; exit 2 ;;
esac
