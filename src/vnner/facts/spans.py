"""A document's ORG entities indexed by where they start and end, built once per document.

Every look-up the fact parsers make ("the ORG right after 'của'", "the ORG that ends where a
name begins") is a dict hit or a bisection here, so a document with n entities costs
n·log n, not n² (issue 11: a 3 MB document spent two minutes scanning its entity list once
for each entity).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


def valid_span(ent: object, text_length: int) -> bool:
    """An entity dict whose integer offsets lie inside a text of that length."""
    return (
        isinstance(ent, dict)
        and type(ent.get("start")) is int
        and type(ent.get("end")) is int
        and 0 <= ent["start"] < ent["end"] <= text_length
    )


class OrgIndex:
    """The ORG entities of one document, sorted by start; first one wins where several share an offset."""

    def __init__(self, entities: Iterable[object], text_length: int) -> None:
        self.orgs = sorted(
            (e for e in entities if valid_span(e, text_length) and e.get("label") == "ORG"),  # type: ignore[union-attr]
            key=lambda e: e["start"],
        )
        self.starts = [e["start"] for e in self.orgs]
        self.by_start: dict[int, dict] = {}
        self.by_end: dict[int, list[dict]] = {}
        for e in self.orgs:
            self.by_start.setdefault(e["start"], e)
            self.by_end.setdefault(e["end"], []).append(e)
        self.lookups = 0  # how many look-ups were made: tests check the work stays linear

    def at(self, start: int) -> dict | None:
        """The ORG that starts exactly there."""
        self.lookups += 1
        return self.by_start.get(start)

    def first_after(self, lo: int, hi: int) -> dict | None:
        """The first ORG (by start) with lo < start <= hi."""
        self.lookups += 1
        i = bisect_right(self.starts, lo)
        return self.orgs[i] if i < len(self.orgs) and self.orgs[i]["start"] <= hi else None

    def ending_at(self, end: int, min_start: int) -> dict | None:
        """The first ORG (by start) that ends exactly there and starts at or after min_start."""
        self.lookups += 1
        return next((e for e in self.by_end.get(end, ()) if e["start"] >= min_start), None)
