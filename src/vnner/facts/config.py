"""The word lists the fact parsers read, per model, and the one string fold every matcher uses.

A `Lexicon` is the facts' view of a model's settings: the `vocabulary` and `facts` sections of
its settings (configs/settings.json) and its registry of bodies (configs/bodies.json). The
`vnner_facts` component of each model runs the parsers inside `using(its lexicon)`, so two
models loaded side by side each get their own lists; outside a component (a script, a test,
`vnner report`) the parsers read vnner's default configs. What a parser builds from the lists
(compiled patterns, lookup tables) is kept per lexicon (`derived`), never process-wide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import Any, TypeVar

from vnner.text import fold_tones

T = TypeVar("T")


def lower_keep(text: str) -> str:
    """Lower case without changing the length (a few non-Vietnamese letters would grow, e.g. 'İ')."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _fold(text: str) -> str:
    return fold_tones(lower_keep(text))


_fold_short = lru_cache(maxsize=200_000)(_fold)


def fold(text: str) -> str:
    """Lower case, one tone placement (uỷ → ủy), same length: offsets into the fold are offsets into the text.
    Short strings (words, names, titles: most calls) are cached; a document's whole text is not."""
    return _fold_short(text) if len(text) <= 64 else _fold(text)


class Lexicon:
    """The lists of one model: {section name: list or table}, as the parsers ask for them."""

    def __init__(self, settings: dict, registry: dict):
        from vnner.settings import _strip_notes

        self.data: dict[str, Any] = {}
        for section in ("vocabulary", "facts"):
            self.data.update(_strip_notes(settings[section]))
        self.data["org_abbreviations"] = org_abbreviations(registry)
        self.data["org_whole_names"] = org_whole_names(registry)
        self.registry = registry
        self.memo: dict[str, Any] = {}

    @classmethod
    def from_files(cls) -> Lexicon:
        return _default()


def org_abbreviations(registry: dict) -> dict[str, str]:
    """Short form → the words it stands for inside any name: local heads' short forms ("UBND" in
    "UBND tỉnh Nghệ An") and name parts ("TP.", "CCB")."""
    table: dict[str, str] = {}
    for body in registry.get("bodies", []):
        if body.get("level") != "local":
            continue
        for short in body.get("short", []):
            table.setdefault(short, body["name"])
    # a name part says what a short form stands for inside longer names ("UBMTTQ tỉnh" is "Ủy ban Mặt
    # trận Tổ quốc tỉnh" whether or not "Việt Nam" follows), so it wins over a body's short form
    table.update({k: v for k, v in registry.get("name_parts", {}).items() if not k.startswith("_")})
    return table


def org_whole_names(registry: dict) -> dict[str, str]:
    """A whole ORG span → the registry's name: short forms of one body ("EVN", exact) and other
    spellings ("World Bank", "Kho bạc nhà nước", folded)."""
    table: dict[str, str] = {}
    parts = registry.get("name_parts", {})
    for body in registry.get("bodies", []):
        if body.get("level") == "local":
            continue  # a local head alone ("UBND", "Công an") names no one body: the facts resolve it per document
        for short in body.get("short", []):
            if short not in parts:
                table.setdefault(short, body["name"])
        for spelling in [body["name"], *body.get("variants", [])]:
            table.setdefault(fold(" ".join(spelling.split())), body["name"])
    return table


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    from vnner import registry, settings
    from vnner.paths import config_file

    return Lexicon(settings.load(config_file("settings.json")), registry.default())


_ACTIVE: ContextVar[Lexicon | None] = ContextVar("vnner_facts_lexicon", default=None)


@contextmanager
def using(lexicon: Lexicon) -> Iterator[Lexicon]:
    """Run the parsers with this lexicon (a model's own lists) for the duration of the block."""
    token = _ACTIVE.set(lexicon)
    try:
        yield lexicon
    finally:
        _ACTIVE.reset(token)


def active() -> Lexicon:
    """The lexicon in effect: the running component's, else vnner's default configs."""
    lexicon = _ACTIVE.get()
    return lexicon if lexicon is not None else _default()


def derived(build: Callable[[], T]) -> Callable[[], T]:
    """Cache what a parser builds from the lists once per lexicon (not per process)."""
    key = f"{build.__module__}.{build.__qualname__}"

    @wraps(build)
    def get() -> T:
        memo = active().memo
        try:
            return memo[key]
        except KeyError:
            value = memo[key] = build()
            return value

    return get


def load() -> dict[str, Any]:
    """The active lexicon's lists."""
    return active().data


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
