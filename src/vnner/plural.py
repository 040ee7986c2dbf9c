"""Counted nouns for messages: "1 document", "2 documents" — never "1 documents"."""

from __future__ import annotations

IRREGULAR = {"entity": "entities", "was": "were", "is": "are", "this": "these"}


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`n` and the noun, singular for exactly one: plural(1, "error") == "1 error"."""
    return f"{n:,} {noun if n == 1 else many or IRREGULAR.get(noun, noun + 's')}"
