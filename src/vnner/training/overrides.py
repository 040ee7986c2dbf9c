"""Dotted config overrides from the command line (--training.max_steps 500), checked against the config.

A setting the config does not have is refused before any work, with the nearest valid name,
so a typo (--training.max_step) cannot silently fall back to the config's value.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.util import load_config


class OverrideError(ValueError):
    """A command-line setting that cannot be used; the message says what to type instead."""


def _value(text: str) -> Any:
    """JSON when it parses (numbers, true/false/null, lists, quoted strings), else the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_overrides(args: Sequence[str]) -> dict[str, Any]:
    """["--training.max_steps", "5", "--nlp.batch_size=64"] → {"training.max_steps": 5, "nlp.batch_size": 64}."""
    result: dict[str, Any] = {}
    items = list(args)
    i = 0
    while i < len(items):
        arg = items[i]
        if not arg.startswith("--"):
            raise OverrideError(f"unexpected argument {arg!r}: config settings are written --section.name VALUE")
        name = arg[2:]
        if "=" in name:
            name, raw = name.split("=", 1)
        elif i + 1 < len(items) and not items[i + 1].startswith("--"):
            i += 1
            raw = items[i]
        else:
            raw = "true"  # a bare flag: --training.use_averages
        if "." not in name:
            raise OverrideError(f"unknown option --{name}: config settings are dotted, e.g. --training.max_steps 500")
        result[name.replace("-", "_")] = _value(raw)
        i += 1
    return result


def _dotted(config: Mapping, prefix: str = "") -> list[str]:
    names = []
    for key, value in config.items():
        name = f"{prefix}{key}"
        names.append(name)
        if isinstance(value, Mapping):
            names.extend(_dotted(value, name + "."))
    return names


def check_overrides(config_path: Path, overrides: Mapping[str, Any]) -> None:
    """Raise OverrideError for a setting `config_path` does not have, naming the closest one."""
    config = load_config(Path(config_path), interpolate=False)
    valid = _dotted(config)
    known = set(valid)
    for name in overrides:
        if name in known:
            continue
        close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
        hint = f"; did you mean --{close[0]}?" if close else f"; see {config_path} for the settings there are"
        raise OverrideError(f"{config_path} has no setting {name!r}{hint}")
