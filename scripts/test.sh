#!/usr/bin/env bash
# Set up vnner in .venv, lint, start a local doccano server for the round-trip tests, run the tests.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
export PATH="$PWD/.venv/bin:$PATH"
# headless Chromium for the browser test of `vnner kb serve` (tests/test_kb_serve.py): Debian's package
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing chromium (Debian package) for the browser test"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -qq --no-install-recommends chromium \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }; } >/tmp/vnner-chromium.log 2>&1 \
      || { tail -20 /tmp/vnner-chromium.log; echo "could not install chromium"; exit 1; }
  else
    echo "warning: no chromium and not root: tests/test_kb_serve.py will fail (apt-get install -y chromium)"
  fi
fi
# the lint gate: configured in pyproject.toml ([tool.ruff])
ruff check .
ruff format --check .
vnner validate annotations/*.jsonl
if [ -f scripts/ci_doccano.sh ]; then
  # shellcheck source=/dev/null
  source scripts/ci_doccano.sh
fi
python -m pytest -q -p no:cacheprovider "$@"
