"""Where the project's own files live: configs/ and models/ beside src/ (an editable install)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = Path(os.environ.get("VNNER_CONFIGS", ROOT / "configs"))
MODELS = ROOT / "models"
DEFAULT_MODEL = Path(os.environ.get("VNNER_MODEL", MODELS / "vnner-default"))
