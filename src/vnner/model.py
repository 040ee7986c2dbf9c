"""Loading a trained vnner pipeline, the bundled default one when no path is given."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import vnner.tokenizer  # noqa: F401  (registers the tokenizer the saved pipelines name)
from vnner.paths import DEFAULT_MODEL


class ModelNotFound(FileNotFoundError):
    pass


def load_model(path: str | Path | None = None) -> Language:
    """Load a pipeline from `path`, or the default model (models/vnner-default, or $VNNER_MODEL)."""
    path = Path(path) if path else DEFAULT_MODEL
    if not (path / "config.cfg").exists():
        hint = "train one with `vnner train` or pass --model PATH" if path == DEFAULT_MODEL else "check the --model path"
        raise ModelNotFound(f"no vnner model at {path} (no config.cfg there): {hint}")
    return spacy.load(path)
