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
# the lint gate: configured in pyproject.toml ([tool.ruff])
ruff check .
ruff format --check .
vnner validate annotations/*.jsonl
if [ -f scripts/ci_doccano.sh ]; then
  # shellcheck source=/dev/null
  source scripts/ci_doccano.sh
fi
python -m pytest -q -p no:cacheprovider "$@"
