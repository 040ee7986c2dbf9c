"""The word lists of configs/facts.json, loaded once, and the one string fold every matcher uses."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from vnner.paths import CONFIGS
from vnner.text import fold_tones

FACTS_CONFIG = "facts.json"


def lower_keep(text: str) -> str:
    """Lower case without changing the length (a few non-Vietnamese letters would grow, e.g. 'İ')."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> str:
    """Lower case, one tone placement (uỷ → ủy), same length: offsets into the fold are offsets into the text."""
    return fold_tones(lower_keep(text))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, Any]:
    """configs/facts.json as a dict; a clear error when it is missing or broken."""
    where = Path(path) if path else CONFIGS / FACTS_CONFIG
    try:
        return json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"cannot read fact word lists from {where}: {exc}; restore configs/{FACTS_CONFIG}") from exc


def words(section: str) -> list[str]:
    """A plain word list: either a JSON list or an object with a "words" list."""
    value = load()[section]
    return list(value["words"] if isinstance(value, dict) else value)


def mapping(section: str) -> dict[str, Any]:
    """A word → value object, without its "_why" note."""
    return {k: v for k, v in load()[section].items() if not k.startswith("_")}


def alternation(phrases: list[str], folded: bool = True) -> str:
    """A regex alternation, longest phrase first, spaces matching any run of white space."""
    items = sorted({fold(p) if folded else p for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)
