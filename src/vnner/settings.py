"""The rule settings of a vnner pipeline: one file (configs/settings.json), one schema, checked.

Every word list and switch the rule components read lives here once: `boilerplate` (lines that
carry no entities), `vocabulary` (lists more than one component reads: titles, surnames, document
types, approximators, number words …), `edges` (the span-edge rules after the NER) and `facts`
(the normalisers). The schema is checked when a model is built (`nlp.initialize`) and when it is
loaded: a misspelt key is an error that names the nearest known key, never a rule silently off.

Notes for people (`"_why"`, any key starting with "_") are allowed anywhere and ignored; a list may
be written as `{"_why": "…", "words": [...]}` to carry its note.
"""

from __future__ import annotations

import difflib
import json
import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

Words = list[str]


class SettingsError(ValueError):
    """Settings that do not fit the schema; the message says where and what to do."""


def _strip_notes(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) - {"_why"} == {"words"}:
            return _strip_notes(value["words"])
        return {k: _strip_notes(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, list):
        return [_strip_notes(v) for v in value]
    return value


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _notes(cls, data: Any) -> Any:
        return _strip_notes(data)


def _regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression ({exc})") from exc
    return pattern


class Boilerplate(Section):
    """Lines recognised by form as web or document boilerplate (docs/annotation-decisions.md, 1 and 21)."""

    section_headings: list[str]
    list_item: str
    line_patterns: list[str]
    credit_prefix: str
    byline_max_words: int
    max_line_chars: int = Field(default=200, gt=0)  # models saved by 0.2.0 before it existed

    @field_validator("section_headings", "line_patterns")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return [_regex(p) for p in value]

    @field_validator("list_item", "credit_prefix")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _regex(value)


class NumberWords(Section):
    digits: dict[str, int]
    after_tens: dict[str, int]
    ten: Words
    tens: Words
    hundred: Words
    zero_tens: Words
    scales: dict[str, int]


class Vocabulary(Section):
    """Lists read by more than one component (edge rules and facts)."""

    surnames: Words
    eponyms: Words
    titles: Words
    title_prefixes: Words
    honorifics: Words
    resolution_types: Words
    resolution_abbreviations: dict[str, str]
    approximators: dict[str, str | None]
    number_words: NumberWords
    fraction_words: dict[str, float]
    percent_words: Words
    locality_words: Words
    ordinals: dict[str, int]
    duration_units: Words
    duration_exceptions: Words


class Edges(Section):
    """Rule-only lists of the span-edge rules (src/vnner/pipeline/edges/)."""

    address_words: Words
    resolution_lead_verbs: Words
    quantity_stop_words: Words
    units_standing_alone: Words
    org_heads_upper: Words
    scheme_short_forms: Words
    eponymous_heads: Words
    org_trailing_stop_words: Words
    party_heads: Words
    plural_org_pattern: str
    central_level_before: Words
    ordinal_before: Words
    identifier_before: Words
    not_official_before: Words
    byline_prefixes: Words

    @field_validator("plural_org_pattern")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _regex(value)


class CentralCommittee(Section):
    words: Words
    abbreviations: Words


class BareBodies(Section):
    committees: Words
    levels: Words


class Facts(Section):
    """Fact-only lists of the normalisers (src/vnner/facts/)."""

    resolution_implied_titles: dict[str, str]
    issuer_codes: dict[str, Words]
    resolution_fixed_issuers: dict[str, str]
    resolution_year_titled: Words
    central_committee: CentralCommittee
    org_casing: Words
    proper_name_after: Words
    bare_bodies: BareBodies
    post_verbs: Words
    titles_ending_in_org_head: dict[str, str]
    posts_named_alone: Words
    org_inner_words: Words
    issuer_stop_words: Words


class Settings(Section):
    boilerplate: Boilerplate
    vocabulary: Vocabulary
    edges: Edges
    facts: Facts


def _nearest(location: tuple, key: str, model: type[BaseModel]) -> str:
    """The closest key the schema knows at that place, for a misspelt one."""
    for part in location:
        if isinstance(part, int):  # an index into a list of entries ("bodies.0.shrot")
            continue
        field = model.model_fields.get(part)
        annotation = getattr(field, "annotation", None)
        args = typing.get_args(annotation)
        if typing.get_origin(annotation) is list and args:
            annotation = args[0]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        else:
            break
    close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(model.model_fields)})"


def check(data: Any, source: str) -> Settings:
    """Validated settings, or a SettingsError that lists each problem with its place."""
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            if error["type"] == "extra_forbidden":
                parent, key = error["loc"][:-1], str(error["loc"][-1])
                lines.append(f"{where}: unknown key{_nearest(parent, key, Settings)}")
            elif error["type"] == "missing":
                lines.append(f"{where}: missing")
            else:
                lines.append(f"{where}: {error['msg']}")
        raise SettingsError(
            f"settings in {source} do not fit the schema (src/vnner/settings.py):\n  " + "\n  ".join(lines)
        ) from None


def read_json(path: str | Path, what: str, remedy: str) -> Any:
    """A JSON file's content, or a SettingsError naming `what` could not be read and what to do."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SettingsError(f"cannot read {what} {path}: {exc}; {remedy}") from exc


def load(path: str | Path) -> dict:
    """A settings file, checked, as the plain dict the components keep (notes included)."""
    data = read_json(path, "settings", "restore the file or give another path")
    check(data, str(path))
    return data
