"""Finds boilerplate lines by their form (link lists, counters, footers, document mottos) so they
yield no entities (docs/annotation-decisions.md, decisions 1, 21 and 28)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vnner import settings


@dataclass(frozen=True)
class BoilerplateRules:
    headings: tuple[re.Pattern, ...]
    list_item: re.Pattern
    lines: tuple[re.Pattern, ...]
    max_line_chars: int = 200

    @classmethod
    def from_settings(cls, section: settings.Boilerplate) -> BoilerplateRules:
        """Rules from the checked `boilerplate` section of the settings."""
        return cls(
            tuple(re.compile(p, re.I) for p in section.section_headings),
            re.compile(section.list_item, re.I),
            tuple(re.compile(p, re.I) for p in section.line_patterns),
            section.max_line_chars,
        )

    def is_line(self, line: str) -> bool:
        return any(p.search(line) for p in self.lines)


@lru_cache(maxsize=1)
def default_rules() -> BoilerplateRules:
    """The rules of vnner's configs/settings.json (a pipeline uses the copy saved with its model)."""
    from vnner.paths import config_file

    data = settings.load(config_file("settings.json"))
    return BoilerplateRules.from_settings(settings.check(data, "configs/settings.json").boilerplate)


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
        if len(stripped) > rules.max_line_chars:
            # Running text: a long line that holds a footer phrase is a page joined on one line, not a footer.
            in_list = False
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
