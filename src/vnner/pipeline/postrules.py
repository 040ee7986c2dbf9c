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
from typing import TYPE_CHECKING

from vnner.paths import CONFIGS

if TYPE_CHECKING:
    from vnner.pipeline.spanrules import SpanRules

KEEP_AT_END = {")", "%"}


@dataclass(frozen=True)
class Rules:
    credit_prefix: re.Pattern
    byline_max_words: int

    @classmethod
    def from_settings(cls, cfg: dict, source: str = "the post-rule settings") -> Rules:
        """Rules from the dict of configs/postrules.json (also what a saved model carries)."""
        try:
            return cls(re.compile(cfg["credit_prefix"], re.I), int(cfg["byline_max_words"]))
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise RuntimeError(f"bad post-rules in {source}: {exc!r}; compare with configs/postrules.json") from exc


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules of configs/postrules.json (a pipeline uses the copy saved with its model)."""
    path = CONFIGS / "postrules.json"
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"cannot read {path}: {exc}; restore configs/postrules.json") from exc
    return Rules.from_settings(cfg, str(path))


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


def is_byline_or_credit(text: str, start: int, end: int, settings: Rules | None = None) -> bool:
    """A name alone on its line (a byline), or right after "Ảnh:" and the like (a credit)."""
    settings = settings or rules()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if settings.credit_prefix.search(before):
        return True
    if before.strip() or after.strip(" .\t"):
        return False
    if len(text[start:end].split()) > settings.byline_max_words:
        return False
    # the last non-blank line before this one (found backwards: linear in the document)
    prev_end = line_start
    while prev_end > 0 and text[prev_end - 1] in "\n ":
        prev_end -= 1
    previous = text[text.rfind("\n", 0, prev_end) + 1 : prev_end].strip()
    # A name under an upper-case title line ("BÍ THƯ", "T/M BAN THƯỜNG VỤ") signs a document.
    return not (previous and previous.upper() == previous and any(c.isalpha() for c in previous))


@lru_cache(maxsize=1)
def span_rules():
    from vnner.pipeline.spanrules import SpanRules

    path = CONFIGS / "spanrules.json"
    try:
        return SpanRules.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, ValueError) as exc:
        raise RuntimeError(f"cannot read {path}: {exc}; restore configs/spanrules.json") from exc


def apply(
    text: str,
    entities: list[dict],
    span_edges: bool = True,
    settings: Rules | None = None,
    spans: SpanRules | None = None,
    blocked: list[tuple[int, int]] | None = None,
) -> list[dict]:
    """The spans that survive the rules, trimmed, in order.

    `settings` and `spans` default to configs/postrules.json and configs/spanrules.json (a
    pipeline passes the copies saved with its model), `blocked` to the text's boilerplate lines.
    """
    settings = settings or rules()
    out: list[dict] = []
    for ent in entities:
        start, end = trim(text, ent["start"], ent["end"])
        if end <= start:
            continue
        label = ent["label"]
        if label == "QUANTITY" and not has_number(text[start:end]):
            continue
        if label == "OFFICIAL" and is_byline_or_credit(text, start, end, settings):
            continue
        out.append({**ent, "start": start, "end": end, "text": text[start:end]})
    if span_edges:
        from vnner.pipeline.boilerplate import boilerplate_ranges
        from vnner.pipeline.spanrules import apply_span_rules

        out = apply_span_rules(
            text, out, spans or span_rules(), boilerplate_ranges(text) if blocked is None else blocked
        )
    return out
