"""Checks that a doccano JSONL file follows the guidelines' formal rules before anyone trains on it."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vnner.io.jsonl import JsonlOpenError, Problem, json_lines
from vnner.labels import LABELS

# A span may end on a closing parenthesis that belongs to it ("(khóa XII)") and on "%".
ALLOWED_EDGE = {"start": set(), "end": {")", "%"}}


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _is_edge_bad(ch: str, side: str) -> bool:
    if ch in ALLOWED_EDGE[side]:
        return False
    cat = unicodedata.category(ch)
    return ch.isspace() or cat.startswith("P") or cat.startswith("Z") or cat.startswith("C")


def span_problems(text: str, spans: Iterable) -> list[str]:
    """Reasons why these spans break the formal rules (empty list if none)."""
    reasons: list[str] = []
    previous_end = -1
    previous = None
    parsed = []
    for span in spans:
        if not (isinstance(span, (list, tuple)) and len(span) == 3):
            reasons.append(f"span {span!r} is not [start, end, LABEL]")
            continue
        start, end, label = span
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            reasons.append(f"span {span!r} has non-integer offsets")
            continue
        if label not in LABELS:
            reasons.append(f"span {span!r}: label {label!r} is not one of {', '.join(LABELS)}")
        if not 0 <= start < end <= len(text):
            reasons.append(f"span {span!r} is out of range for a text of {len(text)} characters")
            continue
        parsed.append((start, end, label))
    for start, end, label in sorted(parsed):
        surface = text[start:end]
        if _is_edge_bad(surface[0], "start") or _is_edge_bad(surface[-1], "end"):
            reasons.append(f"span [{start}, {end}, {label}] {surface!r} starts or ends on white space or punctuation")
        if start < previous_end:
            reasons.append(f"span [{start}, {end}, {label}] {surface!r} overlaps {previous!r}")
        if end > previous_end:
            previous_end, previous = end, [start, end, label]
    return reasons


def validate_record(record: object) -> list[str]:
    """Reasons why one parsed JSON line is not a valid doccano record (empty list if valid)."""
    if not isinstance(record, dict):
        return ["line is not a JSON object"]
    text = record.get("text")
    if not isinstance(text, str):
        return ['missing "text" string']
    reasons = []
    if unicodedata.normalize("NFC", text) != text:
        reasons.append("text is not NFC-normalised (run it through vnner's normaliser first)")
    spans = record.get("label", record.get("entities", []))
    if not isinstance(spans, list):
        return reasons + ['"label" is not a list']
    return reasons + span_problems(text, spans)


def validate_files(paths: Iterable[Path]) -> Report:
    report = Report()
    for path in paths:
        ids: dict[str, int] = {}
        try:
            for n, record, problem in json_lines(path):
                if problem:
                    report.problems.append(Problem(str(path), n, problem))
                    continue
                reasons = validate_record(record)
                if isinstance(record, dict) and "id" in record:
                    key = str(record["id"])
                    if key in ids:
                        reasons.append(f"duplicate id {key!r} (first on line {ids[key]})")
                    ids.setdefault(key, n)
                report.problems.extend(Problem(str(path), n, r) for r in reasons)
                if not reasons:
                    report.documents += 1
                    for span in record.get("label", record.get("entities", [])):
                        report.counts[span[2]] += 1
        except JsonlOpenError as exc:
            report.problems.append(Problem(str(path), 0, str(exc)))
    return report
