"""Where vnner's own files live (the default configs, the bundled model) and where the user's go.

vnner's files: in a wheel they are package data (`vnner/_data/configs`,
`vnner/_data/models/vnner-default`, copied there by setup.py's build step); in a source
checkout (an editable install) they are `configs/` and `models/` beside `src/`. $VNNER_CONFIGS
and $VNNER_MODEL override both.

The user's data — the local doccano server's database and logs, the admin's and annotators'
passwords, doccano's own virtualenv — goes to the per-user data folder platformdirs names
(`~/.local/share/vnner` on Linux, `~/Library/Application Support/vnner` on macOS), never into
the source checkout or a virtualenv; DOCCANO_HOME, DOCCANO_VENV and VNNER_DOCCANO_SECRETS say
otherwise. These are read when called, so a changed environment counts.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
ROOT = Path(__file__).resolve().parents[2]  # the source checkout, when there is one
_BASE = PACKAGE_DATA if (PACKAGE_DATA / "configs").is_dir() else ROOT

CONFIGS = Path(os.environ.get("VNNER_CONFIGS", _BASE / "configs"))
MODELS = _BASE / "models"
DEFAULT_MODEL = Path(os.environ.get("VNNER_MODEL", MODELS / "vnner-default"))
DEFAULT_CONFIG = CONFIGS / "ner.cfg"  # what `vnner train` uses when no --config is given
DOCCANO_SCRIPT = _BASE / "scripts" / "doccano_server.sh"  # what `vnner doccano serve` runs
INSTALLED = _BASE is PACKAGE_DATA  # installed from a wheel (no source checkout)


def user_data() -> Path:
    """The per-user data folder: ~/.local/share/vnner on Linux ($XDG_DATA_HOME/vnner when set)."""
    return platformdirs.user_data_path("vnner", appauthor=False)


def doccano_home() -> Path:
    """The local doccano server's data, logs and passwords: $DOCCANO_HOME, else USER_DATA/doccano."""
    return Path(os.environ.get("DOCCANO_HOME") or user_data() / "doccano").expanduser()


def doccano_venv() -> Path:
    """doccano's own virtualenv (Python 3.11, doccano 1.8.4): $DOCCANO_VENV, else USER_DATA/doccano-venv."""
    return Path(os.environ.get("DOCCANO_VENV") or user_data() / "doccano-venv").expanduser()


def config_file(name: str) -> Path:
    """A file of the default configs (settings.json, bodies.json, ner.cfg, ...)."""
    return CONFIGS / name
