"""Finds web boilerplate by its form (link lists, counters, footers) so it yields no entities."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vnner.paths import CONFIGS


@dataclass(frozen=True)
class BoilerplateRules:
    headings: tuple[re.Pattern, ...]
    list_item: re.Pattern
    lines: tuple[re.Pattern, ...]

    @classmethod
    def from_settings(cls, cfg: dict, source: str = "the boilerplate settings") -> BoilerplateRules:
        """Rules from the dict of configs/boilerplate.json (also what a saved model carries)."""
        try:
            return cls(
                tuple(re.compile(p, re.I) for p in cfg["section_headings"]),
                re.compile(cfg["list_item"], re.I),
                tuple(re.compile(p, re.I) for p in cfg["line_patterns"]),
            )
        except (KeyError, TypeError, re.error) as exc:
            raise RuntimeError(
                f"bad boilerplate rules in {source}: {exc!r}; compare with configs/boilerplate.json"
            ) from exc

    @classmethod
    def load(cls, path: Path | None = None) -> BoilerplateRules:
        path = path or CONFIGS / "boilerplate.json"
        try:
            cfg = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RuntimeError(
                f"cannot read boilerplate rules from {path}: {exc}; restore configs/boilerplate.json"
            ) from exc
        return cls.from_settings(cfg, str(path))

    def is_line(self, line: str) -> bool:
        return any(p.search(line) for p in self.lines)


@lru_cache(maxsize=1)
def default_rules() -> BoilerplateRules:
    return BoilerplateRules.load()


def boilerplate_ranges(text: str, rules: BoilerplateRules | None = None) -> list[tuple[int, int]]:
    """Character ranges of boilerplate lines: a list after a related-articles heading, footers, counters."""
    rules = rules or default_rules()
    ranges: list[tuple[int, int]] = []
    in_list = False
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if any(h.search(stripped) for h in rules.headings):
            in_list = True
            ranges.append((start, end))
        elif in_list and rules.list_item.search(stripped):
            ranges.append((start, end))
        else:
            in_list = False
            if rules.is_line(stripped):
                ranges.append((start, end))
    return ranges
