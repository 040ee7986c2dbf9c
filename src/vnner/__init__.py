"""vnner: named entities and structured facts from Vietnamese party-building news.

import vnner
nlp = vnner.load()                      # the bundled model; vnner.load("path/or/package")
doc = nlp(vnner.normalize(text))
[(e.label_, e.text, e._.norm) for e in doc.ents], doc._.officials, doc._.warnings
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.2.0"


def compatible_range() -> str:
    """The vnner versions a model made by this one runs on: the same minor version (0.2.x)."""
    major, minor, _ = __version__.split(".")
    return f"vnner>={major}.{minor}.0,<{major}.{int(minor) + 1}.0"


if TYPE_CHECKING:
    from pathlib import Path

    from spacy.language import Language


def load(path_or_name: str | Path | None = None) -> Language:
    """The vnner spaCy pipeline: the bundled default model, a model folder, or an installed model package."""
    from vnner.model import load_model

    return load_model(path_or_name)


def normalize(text: str) -> str:
    """The text as vnner reads it (NFC, no HTML remnants, unified line ends): offsets point into it."""
    from vnner.text import normalize as _normalize

    return _normalize(text)
