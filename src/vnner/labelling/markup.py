"""Inline markup for writing annotated text by hand: ``[[Huyện ủy Thanh Oai|ORG]]``.

Writing character offsets by hand is error-prone; writing the label around the words
is not. This module turns markup into doccano-format records (text + offsets) and
back, so annotated sources stay readable and reviewable in a diff.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from vnner.labels import LABELS

MARK = re.compile(r"\[\[([^\[\]|]+?)\|([A-Z]+)\]\]")
HEADER = re.compile(r"^### (\S+)(?:\s+(\{.*\}))?\s*$")


class MarkupError(ValueError):
    """A markup source that cannot be turned into a record; the message names the place."""


@dataclass
class MarkedDoc:
    id: str
    text: str
    label: list[list] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def to_record(self) -> dict:
        return {"id": self.id, "text": self.text, "label": self.label, "meta": self.meta}


def parse(markup: str, where: str = "<markup>") -> tuple[str, list[list]]:
    """Strip the markup and return (text, [[start, end, label], ...]) with offsets into the NFC text."""
    markup = unicodedata.normalize("NFC", markup)
    out: list[str] = []
    spans: list[list] = []
    pos = 0
    length = 0
    for m in MARK.finditer(markup):
        before = markup[pos : m.start()]
        out.append(before)
        length += len(before)
        surface, label = m.group(1), m.group(2)
        if label not in LABELS:
            raise MarkupError(f"{where}: unknown label {label!r} in {m.group(0)!r}; use one of {', '.join(LABELS)}")
        if surface != surface.strip():
            raise MarkupError(f"{where}: span {surface!r} starts or ends with white space")
        spans.append([length, length + len(surface), label])
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(markup[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        i = text.find("[[") if "[[" in text else text.find("]]")
        raise MarkupError(f"{where}: unbalanced or malformed markup near {text[max(0, i - 30) : i + 40]!r}")
    return text, spans


def render(text: str, spans: list[list]) -> str:
    """Inverse of parse: write spans back into the text as markup (for review and round trips)."""
    parts: list[str] = []
    pos = 0
    for start, end, label in sorted(spans, key=lambda s: (s[0], s[1])):
        parts.append(text[pos:start])
        parts.append(f"[[{text[start:end]}|{label}]]")
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def read_markup_file(path: Path, default_meta: dict | None = None) -> list[MarkedDoc]:
    """Read a file of documents, each starting with a line ``### doc-id {optional JSON meta}``."""
    import json

    docs: list[MarkedDoc] = []
    current: tuple[str, dict, int] | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is None:
            return
        doc_id, meta, line_no = current
        body = "\n".join(lines).strip("\n")
        text, spans = parse(body, where=f"{path}:{line_no} ({doc_id})")
        if not text.strip():
            raise MarkupError(f"{path}:{line_no}: document {doc_id!r} is empty")
        docs.append(MarkedDoc(doc_id, text, spans, {**(default_meta or {}), **meta}))

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = HEADER.match(line)
        if m:
            flush()
            meta = json.loads(m.group(2)) if m.group(2) else {}
            current, lines = (m.group(1), meta, n), []
        elif current is not None:
            lines.append(line)
        elif line.strip():
            raise MarkupError(f"{path}:{n}: text before the first '### doc-id' header")
    flush()
    ids = [d.id for d in docs]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise MarkupError(f"{path}: duplicate document ids {sorted(dupes)}")
    return docs
