"""Structured facts from tagged entities: a normalised form for every entity, officials with their posts.

``enrich(text, entities)`` is what extraction calls; the parsers it combines live one per module:
numbers (Vietnamese number words and digit formats), quantity, resolution, org, officials,
bodies (bare "Huyện ủy" → the full body the document names) and spans (the per-document ORG
index that keeps every look-up linear).
Word lists are in configs/settings.json (facts, vocabulary); the output schema and the rules are in docs/facts.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vnner.facts.bodies import resolve_bare_bodies
from vnner.facts.officials import link_officials, official_names
from vnner.facts.org import canonical_org
from vnner.facts.quantity import empty_quantity, parse_quantity
from vnner.facts.resolution import complete_lists, empty_resolution, parse_resolution, unify_keys
from vnner.facts.spans import OrgIndex

__all__ = ["canonical_org", "empty_norm", "enrich", "link_officials", "parse_quantity", "parse_resolution"]

EMPTY: dict[str, Callable[[], dict]] = {
    "QUANTITY": empty_quantity,
    "RESOLUTION": empty_resolution,
    "ORG": lambda: {"canonical": None},
    "OFFICIAL": lambda: {"name": None},
}


def empty_norm(label: Any) -> dict:
    """The norm with every field null, for an entity whose text could not be read."""
    return EMPTY.get(label, dict)() if isinstance(label, str) else {}


def _span(text: str, ent: dict) -> tuple[str, int | None, int | None]:
    start, end = ent.get("start"), ent.get("end")
    if type(start) is int and type(end) is int and 0 <= start < end <= len(text):
        return text[start:end], start, end
    surface = ent.get("text")
    return (surface if isinstance(surface, str) else ""), None, None


def _norm(text: str, ent: dict, orgs: OrgIndex, names: dict, abbreviations: dict[str, str]) -> dict:
    label = ent.get("label")
    surface, start, end = _span(text, ent)
    if label == "QUANTITY":
        return parse_quantity(surface)
    if label == "RESOLUTION":
        return parse_resolution(surface, text if end is not None else None, end, orgs)
    if label == "ORG":
        return canonical_org(surface, abbreviations)
    if label == "OFFICIAL":
        return {"name": names.get((start, end)) or " ".join(surface.split()) or None}
    return {}


def enrich(
    text: str,
    entities: list[dict],
    warnings: list[str] | None = None,
    abbreviations: dict[str, str] | None = None,
) -> tuple[list[dict], list[dict]]:
    """(entities, officials): copies of the entities, each with a "norm" dict, and the document's officials.

    Never raises, and never fails silently: a fact that cannot be computed leaves ``norm: None``
    on that entity (or no officials, or unlinked lists) and appends one line to `warnings`,
    so the output says what is missing and why. Items that are not dicts are dropped.
    """
    if warnings is None:
        warnings = []
    if not isinstance(text, str):
        text = ""
    if not isinstance(entities, (list, tuple)):
        entities = []
    out = [dict(e) for e in entities if isinstance(e, dict)]
    orgs = OrgIndex(out, len(text))
    try:
        officials = link_officials(text, out, orgs)
    except Exception as exc:
        officials = []
        warnings.append(f"officials not linked: {type(exc).__name__}: {exc}")
    names = official_names(officials)
    for ent in out:
        try:
            ent["norm"] = _norm(text, ent, orgs, names, abbreviations or {})
        except Exception as exc:
            ent["norm"] = None
            warnings.append(
                f"no norm for {ent.get('label')} {ent.get('text')!r} at {ent.get('start')}: {type(exc).__name__}: {exc}"
            )
    try:
        resolve_bare_bodies(
            [e["norm"] for e in out if e.get("label") == "ORG" and e.get("norm") and e["norm"].get("canonical")]
        )
    except Exception as exc:
        warnings.append(f"bare body names not resolved: {type(exc).__name__}: {exc}")
    try:
        resolutions = sorted(
            (e for e in out if e.get("label") == "RESOLUTION" and e.get("norm") and _span(text, e)[1] is not None),
            key=lambda e: e["start"],
        )
        norms = [e["norm"] for e in resolutions]
        complete_lists([(e["start"], e["end"]) for e in resolutions], norms, text)
        unify_keys(norms)
    except Exception as exc:
        warnings.append(f"resolution lists and keys not unified: {type(exc).__name__}: {exc}")
    return out, officials
