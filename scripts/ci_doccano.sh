# Sourced by scripts/test.sh (CI): start a throw-away doccano 1.8.4 on 127.0.0.1 for the
# @pytest.mark.doccano tests and export DOCCANO_URL, DOCCANO_USERNAME, DOCCANO_PASSWORD
# (plus DOCCANO_HOME and DOCCANO_VENV, which the kill-mid-push test uses). The server stops
# when the sourcing shell exits; set DOCCANO_KEEP=1 to leave it running.
#
# The first run creates .doccano-venv (pip install doccano==1.8.4 "marshmallow<4" "numpy<2",
# about two minutes); later runs reuse it. Data lives in a temporary DOCCANO_HOME, removed
# when the server stops (unless DOCCANO_HOME was given or DOCCANO_KEEP=1).

_vnner_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_vnner_py="${PYTHON:-python3.11}"
_vnner_doccano_tmp_home=""
if [[ -z "${DOCCANO_HOME:-}" ]]; then
    DOCCANO_HOME="$(mktemp -d "${TMPDIR:-/tmp}/vnner-doccano.XXXXXX")"
    _vnner_doccano_tmp_home="$DOCCANO_HOME"  # ours: removed when the server stops
fi
export DOCCANO_HOME
export DOCCANO_VENV="${DOCCANO_VENV:-$_vnner_repo/.doccano-venv}"
export DOCCANO_PORT="${DOCCANO_PORT:-$("$_vnner_py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
export DOCCANO_USERNAME="${DOCCANO_USERNAME:-admin}"
DOCCANO_PASSWORD="${DOCCANO_PASSWORD:-$("$_vnner_py" -c 'import secrets; print(secrets.token_urlsafe(18))')}"
export DOCCANO_PASSWORD

_vnner_doccano_stop() {
    if [[ "${DOCCANO_KEEP:-0}" != 1 ]]; then
        bash "$_vnner_repo/scripts/doccano_server.sh" stop || true
        if [[ -n "$_vnner_doccano_tmp_home" && -d "$_vnner_doccano_tmp_home" ]]; then
            rm -rf -- "$_vnner_doccano_tmp_home"
        fi
    fi
}
# Keep whatever EXIT trap the caller had, and stop doccano first.
_vnner_prev_trap="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
# shellcheck disable=SC2064
trap "_vnner_doccano_stop; ${_vnner_prev_trap}" EXIT

# Started after the trap is set, so a start that fails still leaves nothing behind.
DOCCANO_URL="$(bash "$_vnner_repo/scripts/doccano_server.sh" start)"
export DOCCANO_URL
