"""Corpus tables from `vnner extract` output: organisations, officials, resolutions, quantity facts.

Reads lines of {"id", "text", "sentences", "entities": [{..., "norm"}], "officials"} and
writes four CSV files. A line that cannot be read is reported as "file:line: reason" and
skipped; entities without a "norm" (output of an older extract) are normalised here.

Bodies and people are the knowledge base's (`vnner.kb.posts`, `vnner.kb.linking`): a body per
canonical name (a bare head the document does not resolve: one per document), officials with
their posts' bodies resolved within each document, and people of one name across documents
joined only when a body or a province ties them, never across provinces.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vnner.facts import enrich
from vnner.facts.org import org_key
from vnner.io.jsonl import JsonlOpenError, Problem, json_lines
from vnner.kb.dates import document_date
from vnner.kb.linking import Mention, document_mentions, link, person_posts
from vnner.kb.posts import Body, DocumentBodies
from vnner.pipeline.sentences import text_sentences
from vnner.text import fold_tones

SEP = " | "  # between the items of a list in one CSV cell (titles contain commas)
TABLES = {
    "organisations": ["canonical", "mentions", "documents", "variants"],
    "officials": ["name", "titles", "orgs", "posts", "provinces", "mentions", "documents"],
    "resolutions": ["key", "type", "number", "session", "term", "issuers", "mentions", "documents", "variants"],
    "quantities": ["document", "start", "end", "text", "value", "unit", "approx", "percent", "ratio", "sentence"],
}


# The extract output cannot be opened at all (bad lines are problems, not errors).
ReportInputError = JsonlOpenError


@dataclass
class ReportSummary:
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def record_problem(record: object) -> str | None:
    """Why a parsed line is not a usable extract record, or None."""
    if not isinstance(record, dict):
        return "expected a JSON object"
    if not isinstance(record.get("id"), (str, int)) or isinstance(record.get("id"), bool):
        return 'missing "id" (a string)'
    text = record.get("text")
    if not isinstance(text, str):
        return 'missing "text" (a string)'
    entities = record.get("entities")
    if not isinstance(entities, list):
        return 'missing "entities" (a list)'
    for i, ent in enumerate(entities):
        if not isinstance(ent, dict):
            return f"entity {i} is not an object"
        start, end = ent.get("start"), ent.get("end")
        if not (_is_int(start) and _is_int(end)):
            return f"entity {i} has no integer start/end"
        if not 0 <= start < end <= len(text):
            return f"entity {i} offsets [{start}, {end}] are outside the text (length {len(text)})"
        if not isinstance(ent.get("label"), str):
            return f"entity {i} has no label"
    return None


def read_extracted(path: str | Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, record or None, problem or None) for each non-blank line."""
    for n, record, problem in json_lines(path):
        problem = problem or record_problem(record)
        yield n, (None if problem else record), problem


def with_facts(record: dict) -> dict:
    """The record with a norm on every entity and an officials list (computed if missing)."""
    entities = record["entities"]
    officials = record.get("officials")
    if (
        all(isinstance(e.get("norm"), dict) for e in entities)
        and isinstance(officials, list)
        and all(isinstance(o, dict) for o in officials)
    ):
        return record
    entities, computed = enrich(record["text"], [{k: v for k, v in e.items() if k != "norm"} for e in entities])
    return {**record, "entities": entities, "officials": officials if isinstance(officials, list) else computed}


def _sentences(record: dict) -> list[tuple[int, int]]:
    spans = record.get("sentences")
    text = record["text"]
    if isinstance(spans, list) and all(
        isinstance(s, (list, tuple)) and len(s) == 2 and _is_int(s[0]) and _is_int(s[1]) for s in spans
    ):
        return [(s, e) for s, e in spans]
    return text_sentences(text)


def sentence_of(text: str, sentences: list[tuple[int, int]], start: int, end: int) -> str:
    """The sentence that holds a span (white space collapsed); the span's line if none does."""
    for s, e in sentences:
        if s <= start < e:
            return " ".join(text[s : max(e, end)].split())
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return " ".join(text[lo : hi if hi >= 0 else len(text)].split())


def _ordered(items: list[str], key) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, str) and item.strip():
            seen.setdefault(key(item), " ".join(item.split()))
    keys = list(seen)
    return [seen[k] for k in keys if not any(o != k and o.startswith(k + " ") for o in keys)]


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "/".join(str(v) for v in value)
    return value


class Tables:
    """Accumulates the four tables over the records of one or more files."""

    def __init__(self) -> None:
        self.orgs: dict[str, dict] = {}
        self.mentions: list[Mention] = []  # linked in rows()
        self.resolutions: dict[str, dict] = {}
        self.quantities: list[dict] = []

    def add(self, record: dict) -> None:
        record = with_facts(record)
        doc, text = str(record["id"]), record["text"]
        sentences = _sentences(record)
        bodies = DocumentBodies(record)
        self.mentions += document_mentions(record, document_date(text, record.get("meta"))[0], bodies)
        for body, spellings in bodies.spellings.values():  # with the officials' spellings of their bodies
            self._org(doc, body, spellings)
        for ent in sorted(record["entities"], key=lambda e: e["start"]):
            label, norm = ent["label"], ent.get("norm") if isinstance(ent.get("norm"), dict) else {}
            surface = text[ent["start"] : ent["end"]]
            if label == "RESOLUTION":
                self._resolution(doc, surface, norm)
            elif label == "QUANTITY":
                self.quantities.append(
                    {
                        "document": doc,
                        "start": ent["start"],
                        "end": ent["end"],
                        "text": surface,
                        **{k: norm.get(k) for k in ("value", "unit", "approx", "percent", "ratio")},
                        "sentence": sentence_of(text, sentences, ent["start"], ent["end"]),
                    }
                )

    def _org(self, doc: str, body: Body, spellings: dict[str, int]) -> None:
        # body.key: a bare "Huyện ủy" the document does not resolve is that document's body (docs/facts.md)
        row = self.orgs.setdefault(
            body.key, {"canonical": body.canonical, "mentions": 0, "documents": set(), "variants": []}
        )
        row["mentions"] += sum(spellings.values())
        row["documents"].add(doc)
        row["variants"] += list(spellings)

    def _resolution(self, doc: str, surface: str, norm: dict) -> None:
        key = norm.get("key") if isinstance(norm.get("key"), str) else None
        key = key or fold_tones(" ".join(surface.split()).lower())
        row = self.resolutions.setdefault(
            key, {"key": key, "mentions": 0, "documents": set(), "variants": [], "issuers": []}
        )
        for field_ in ("type", "number", "session", "term"):
            if row.get(field_) is None and isinstance(norm.get(field_), str):
                row[field_] = norm[field_]
        if isinstance(norm.get("issuer"), str):
            row["issuers"].append(norm["issuer"])
        row["mentions"] += 1
        row["documents"].add(doc)
        row["variants"].append(surface)

    def _people(self) -> list[dict]:
        """One row per person (vnner.kb.linking): posts with resolved bodies, the documents that name them."""
        rows = []
        for person in link(self.mentions):
            posts = person_posts(person)
            rows.append(
                {
                    "name": person.name,
                    "titles": SEP.join(dict.fromkeys(p.title for p in posts if p.title)),
                    "orgs": SEP.join(dict.fromkeys(p.body for p in posts if p.body)),
                    "posts": SEP.join(", ".join(x for x in (p.title, p.body) if x) for p in posts),
                    "provinces": SEP.join(sorted(person.provinces)),
                    "mentions": sum(m.mentions for m in person.members),
                    "documents": SEP.join(dict.fromkeys(m.document for m in person.members)),
                }
            )
        return rows

    def rows(self) -> dict[str, list[dict]]:
        orgs = [
            {
                **r,
                "documents": len(r["documents"]),
                "variants": SEP.join(dict.fromkeys(" ".join(v.split()) for v in r["variants"])),
            }
            for r in self.orgs.values()
        ]
        people = self._people()
        resolutions = [
            {
                **{k: r.get(k) for k in TABLES["resolutions"]},
                "documents": len(r["documents"]),
                "issuers": SEP.join(_ordered(r["issuers"], org_key)),
                "variants": SEP.join(dict.fromkeys(" ".join(v.split()) for v in r["variants"])),
            }
            for r in self.resolutions.values()
        ]
        by_count = lambda name: lambda r: (-r["mentions"], str(r[name]).lower())  # noqa: E731
        return {
            "organisations": sorted(orgs, key=by_count("canonical")),
            "officials": sorted(people, key=by_count("name")),
            "resolutions": sorted(resolutions, key=by_count("key")),
            "quantities": self.quantities,
        }


def write_tables(rows: dict[str, list[dict]], out_dir: str | Path) -> dict[str, Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for name, columns in TABLES.items():
        path = out_dir / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows[name]:
                writer.writerow({k: _cell(row.get(k)) for k in columns})
        files[name] = path
    return files


def report(path: str | Path, out_dir: str | Path) -> ReportSummary:
    """Read one extract output file and write organisations/officials/resolutions/quantities.csv into out_dir."""
    summary = ReportSummary()
    tables = Tables()
    for n, record, problem in read_extracted(path):
        if problem:
            summary.problems.append(Problem(str(path), n, problem))
            continue
        try:
            tables.add(record)
        except Exception as exc:
            summary.problems.append(Problem(str(path), n, f"cannot be tabulated ({type(exc).__name__}: {exc})"))
            continue
        summary.documents += 1
    rows = tables.rows()
    summary.files = write_tables(rows, out_dir)
    summary.rows = {name: len(r) for name, r in rows.items()}
    return summary
