"""Guideline rules applied to predicted spans: edges, numberless quantities, bylines and credits.

Each rule mirrors a sentence of the guidelines that a statistical tagger gets wrong now and
then; `docs/model.md` reports what each changes on held-out data.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vnner.paths import CONFIGS

KEEP_AT_END = {")", "%"}


@dataclass(frozen=True)
class Rules:
    credit_prefix: re.Pattern
    byline_max_words: int


@lru_cache(maxsize=1)
def rules() -> Rules:
    path = CONFIGS / "postrules.json"
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
        return Rules(re.compile(cfg["credit_prefix"], re.I), int(cfg["byline_max_words"]))
    except (OSError, KeyError, ValueError, re.error) as exc:
        raise RuntimeError(f"cannot read {path}: {exc}; restore configs/postrules.json") from exc


def _bad_edge(ch: str, end: bool) -> bool:
    if end and ch in KEEP_AT_END:
        return False
    cat = unicodedata.category(ch)
    return ch.isspace() or cat[0] in "PZC" or (cat[0] == "S" and ch != "%")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span until it neither starts nor ends on white space or punctuation."""
    while start < end and _bad_edge(text[start], end=False):
        start += 1
    while end > start and _bad_edge(text[end - 1], end=True):
        end -= 1
    if end > start and text[end - 1] == ")" and text[start:end].count("(") < text[start:end].count(")"):
        end -= 1
        while end > start and _bad_edge(text[end - 1], end=True):
            end -= 1
    return start, end


def has_number(span: str) -> bool:
    if any(ch.isdigit() for ch in span):
        return True
    from vnner.facts.quantity import parse_quantity

    return parse_quantity(span).get("value") is not None


def is_byline_or_credit(text: str, start: int, end: int) -> bool:
    """A name alone on its line (a byline), or right after "Ảnh:" and the like (a credit)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if rules().credit_prefix.search(before):
        return True
    if before.strip() or after.strip(" .\t"):
        return False
    if len(text[start:end].split()) > rules().byline_max_words:
        return False
    previous = text[:line_start].rstrip("\n ").rsplit("\n", 1)[-1].strip()
    # A name under an upper-case title line ("BÍ THƯ", "T/M BAN THƯỜNG VỤ") signs a document.
    return not (previous and previous.upper() == previous and any(c.isalpha() for c in previous))


@lru_cache(maxsize=1)
def span_rules():
    from vnner.spanrules import SpanRules

    path = CONFIGS / "spanrules.json"
    try:
        return SpanRules.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, ValueError) as exc:
        raise RuntimeError(f"cannot read {path}: {exc}; restore configs/spanrules.json") from exc


def apply(text: str, entities: list[dict], span_edges: bool = True) -> list[dict]:
    """The spans that survive the rules, trimmed, in order."""
    out: list[dict] = []
    for ent in entities:
        start, end = trim(text, ent["start"], ent["end"])
        if end <= start:
            continue
        label = ent["label"]
        if label == "QUANTITY" and not has_number(text[start:end]):
            continue
        if label == "OFFICIAL" and is_byline_or_credit(text, start, end):
            continue
        out.append({**ent, "start": start, "end": end, "text": text[start:end]})
    if span_edges:
        from vnner.spanrules import apply_span_rules

        out = apply_span_rules(text, out, span_rules())
    return out
