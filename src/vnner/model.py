"""Loading a vnner pipeline: the bundled default model, a model folder, or an installed model package."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import vnner.pipeline.components
import vnner.pipeline.tokenizer  # noqa: F401
from vnner.paths import DEFAULT_MODEL


class ModelNotFound(FileNotFoundError):
    pass


def load_model(path_or_name: str | Path | None = None) -> Language:
    """Load a pipeline: a folder, an installed model package by name, or the default model
    (the one bundled with vnner, or $VNNER_MODEL)."""
    if path_or_name is None or str(path_or_name) == "":
        path = DEFAULT_MODEL
    else:
        path = Path(path_or_name)
        if not path.exists() and spacy.util.is_package(str(path_or_name)):
            return spacy.load(str(path_or_name))
    if not (path / "config.cfg").exists():
        if path == DEFAULT_MODEL:
            hint = "reinstall vnner, or train one with `vnner train` and pass --model PATH"
        elif spacy.util.is_package(f"xx_{path_or_name}"):
            hint = f"the installed model package is called 'xx_{path_or_name}': load that name"
        else:
            hint = "check the path, or give the name of an installed model package (`vnner package` prints it)"
        raise ModelNotFound(f"no vnner model at {path} (no config.cfg there): {hint}")
    return spacy.load(path)
