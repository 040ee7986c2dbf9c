"""The registry of bodies (configs/bodies.json): canonical names, short forms, spellings, kinds.

Used twice (issue 16): the `vnner_bodies` component marks known bodies and short forms in a
document before the NER reads it, and the facts give an ORG its canonical name from it
("UBND TP. Đà Nẵng" → "Ủy ban nhân dân thành phố Đà Nẵng", "EVN" → "Tập đoàn Điện lực Việt Nam").

Schema (checked when loaded; unknown keys are errors):

- `bodies`: one entry per body, `{"name", "short", "variants", "kind", "level"}`. `name` is the
  canonical name as running text writes it ("Bộ Lao động - Thương binh và Xã hội"); `short` its
  abbreviations, case-sensitive ("Bộ LĐ-TB&XH", "UBND"); `variants` other spellings, matched
  without case and tone placement; `kind` one of KINDS; `level` "central" (one body in the
  country), "local" (a head that names a different body in every place it is followed by:
  "Sở Tài chính", "Ủy ban nhân dân", "Công an") or "international".
- `name_parts`: abbreviations of words inside names, expanded in canonical names ("CCB" →
  "Cựu chiến binh", "TP." → "thành phố"); case-sensitive, whole words.
- `patterns`: productive shapes of names, each `{"name", "pattern"}` with `pattern` a spaCy
  `Matcher` token pattern over the analysis forms ("Sở X tỉnh Y", "Ban X Tỉnh ủy", "Ủy ban X của
  Quốc hội"); validated by building the matcher.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from vnner.settings import SettingsError, _nearest, _strip_notes, read_json

KINDS = (
    "party",
    "state",
    "legislature",
    "court",
    "procuracy",
    "security",
    "military",
    "mass",
    "enterprise",
    "bank",
    "education",
    "health",
    "research",
    "outlet",
    "international",
    "foreign",
    "religious",
    "other",
)


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    short: list[str] = []
    variants: list[str] = []
    kind: Literal[KINDS]  # type: ignore[valid-type]
    level: Literal["central", "local", "international"]

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip() or value != " ".join(value.split()):
            raise ValueError("a name is one line of words separated by single spaces")
        return value


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    pattern: list[dict[str, Any]]


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    bodies: list[Body]
    name_parts: dict[str, str] = {}
    patterns: list[Pattern] = []


def check(data: Any, source: str) -> Registry:
    """A validated registry, or a SettingsError naming each problem (and the nearest known key)."""
    try:
        registry = Registry.model_validate(_strip_notes(data))
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            if error["type"] == "extra_forbidden":
                lines.append(f"{where}: unknown key{_nearest(error['loc'][:-1], str(error['loc'][-1]), Registry)}")
            else:
                lines.append(f"{where}: {error['msg']}")
        raise SettingsError(
            f"the registry of bodies in {source} does not fit its schema (src/vnner/registry.py):\n  "
            + "\n  ".join(lines)
        ) from None
    _check_patterns(registry, source)
    seen: dict[str, str] = {}
    for body in registry.bodies:
        for short in body.short:
            if short in seen and seen[short] != body.name:
                raise SettingsError(f"{source}: short form {short!r} belongs to both {seen[short]!r} and {body.name!r}")
            seen[short] = body.name
    return registry


def _check_patterns(registry: Registry, source: str) -> None:
    import spacy
    from spacy.matcher import Matcher

    vocab = spacy.blank("xx").vocab
    for p in registry.patterns:
        matcher = Matcher(vocab, validate=True)
        try:
            matcher.add(p.name, [p.pattern])
        except Exception as exc:
            raise SettingsError(f"{source}: pattern {p.name!r} is not a spaCy Matcher pattern: {exc}") from None


def load(path: str | Path) -> dict:
    """The registry file, checked, as the plain dict a model keeps."""
    data = read_json(path, "the registry of bodies", "restore the file")
    check(data, str(path))
    return data


@lru_cache(maxsize=1)
def default() -> dict:
    """vnner's own registry (configs/bodies.json of the checkout or the wheel)."""
    from vnner.paths import config_file

    return load(config_file("bodies.json"))
