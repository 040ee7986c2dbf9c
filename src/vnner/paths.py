"""Where vnner's own files live: the default configs and the bundled model.

In a wheel they are package data (`vnner/_data/configs`, `vnner/_data/models/vnner-default`,
copied there by setup.py's build step); in a source checkout (an editable install) they are
`configs/` and `models/` beside `src/`. $VNNER_CONFIGS and $VNNER_MODEL override both.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
ROOT = Path(__file__).resolve().parents[2]  # the source checkout, when there is one
_BASE = PACKAGE_DATA if (PACKAGE_DATA / "configs").is_dir() else ROOT

CONFIGS = Path(os.environ.get("VNNER_CONFIGS", _BASE / "configs"))
MODELS = _BASE / "models"
DEFAULT_MODEL = Path(os.environ.get("VNNER_MODEL", MODELS / "vnner-default"))
DEFAULT_CONFIG = CONFIGS / "ner.cfg"  # what `vnner train` uses when no --config is given
DOCCANO_SCRIPT = _BASE / "scripts" / "doccano_server.sh"  # what `vnner doccano serve` runs
INSTALLED = _BASE is PACKAGE_DATA  # installed from a wheel: no source checkout to keep data in


def config_file(name: str) -> Path:
    """A file of the default configs (boilerplate.json, postrules.json, facts.json, ner.cfg)."""
    return CONFIGS / name
