"""Shared fixtures: the bundled model, sample texts, and a tiny trained model for train/extract tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "annotations" / "raw"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def raw_texts() -> dict[str, str]:
    from vnner.text import normalize

    return {p.stem: normalize(p.read_text(encoding="utf-8")) for p in sorted(RAW.glob("*.txt"))}


@pytest.fixture(scope="session")
def nlp():
    """The bundled default model (what `vnner extract` uses with no --model)."""
    from vnner.model import load_model

    return load_model()


@pytest.fixture
def in_ci() -> bool:
    return os.environ.get("CI") == "true"
