"""One extraction line → the rows it contributes to the knowledge base's per-document tables."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from vnner.facts.org import canonical_name
from vnner.hashing import text_sha1
from vnner.kb.dates import document_date
from vnner.kb.places import provinces_in
from vnner.kb.posts import DocumentBodies, document_officials, fold
from vnner.views.report import with_facts

TITLE_CHARS = 200


@dataclass
class DocumentRows:
    id: str
    sha1: str
    tables: dict[str, list[dict]] = field(default_factory=dict)
    name_keys: set[str] = field(default_factory=set)
    body_keys: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)  # resolution groups (see citation_row)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def resolution_fields(key: str, number: object) -> dict:
    """What a resolution key is matched by: its type, the digits of its number, its session.

    "nghị quyết|57-nq/tw" is coded (the issuer's code is in the number), "nghị quyết|57" bare
    (1), "nghị quyết|57|bộ chính trị" bare with its issuer (2); all are in group "nghị quyết|57",
    where a bare number finds its coded form.
    """
    parts = key.split("|")
    type_key = parts[0]
    second = parts[1] if len(parts) > 1 else ""
    has_number = isinstance(number, str) and bool(number.strip())
    digits = re.match(r"\d*", second).group() if has_number else ""
    coded = has_number and bool(digits) and second != digits
    bare = (len(parts) - 1 if len(parts) in (2, 3) else 0) if has_number and digits and second == digits else 0
    return {
        "type_key": type_key,
        "digits": digits or None,
        "session_key": None if has_number else second or None,
        "coded": int(coded),
        "bare": bare,
        "grp": f"{type_key}|{digits}" if digits else key,
    }


def citation_rows(document: str, record: dict) -> list[dict]:
    text = record["text"]
    rows: dict[str, dict] = {}
    for ent in sorted(record["entities"], key=lambda e: e["start"]):
        if ent.get("label") != "RESOLUTION":
            continue
        spelling = " ".join(text[ent["start"] : ent["end"]].split())
        norm = ent.get("norm") if isinstance(ent.get("norm"), dict) else {}
        key = norm.get("key") if isinstance(norm.get("key"), str) and norm["key"].strip() else fold(spelling)
        row = rows.get(key)
        if row is None:
            fields = {f: norm.get(f) if isinstance(norm.get(f), str) else None for f in ("type", "number", "session")}
            rows[key] = {
                "document": document,
                "written_key": key,
                "key": key,
                **fields,
                "term": norm.get("term") if isinstance(norm.get("term"), str) else None,
                "issuer": norm.get("issuer") if isinstance(norm.get("issuer"), str) else None,
                "issuer_key": fold(canonical_name(norm["issuer"])) if isinstance(norm.get("issuer"), str) else None,
                **resolution_fields(key, fields["number"]),
                "mentions": 1,
                "spelling": spelling,
            }
        else:
            row["mentions"] += 1
            for f in ("type", "number", "session", "term", "issuer"):
                if row[f] is None and isinstance(norm.get(f), str):
                    row[f] = norm[f]
                    if f == "issuer":
                        row["issuer_key"] = fold(canonical_name(norm[f]))
    return list(rows.values())


def first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"
    return ""


def document_rows(record: dict, source: str) -> DocumentRows:
    """The rows of one valid extraction record (views.report.record_problem said it is one)."""
    record = with_facts(record)
    document, text = str(record["id"]), record["text"]
    date, date_source = document_date(text, record.get("meta"))
    provinces = provinces_in(text)
    bodies = DocumentBodies(record)
    officials = document_officials(record, bodies)  # also adds the officials' spellings of bodies
    out = DocumentRows(document, text_sha1(text))
    out.tables["documents"] = [
        {
            "id": document,
            "sha1": out.sha1,
            "date": date,
            "date_source": date_source,
            "title": first_line(text),
            "province": provinces[0] if len(provinces) == 1 else None,
            "provinces": _json(provinces),
            "source": source,
            "entities": len(record["entities"]),
            "officials": len(officials),
        }
    ]
    out.tables["document_bodies"] = [
        {
            "document": document,
            "body_key": body.key,
            "name": name,
            "canonical": body.canonical,
            "scope": body.scope,
            "province": body.province,
            "anchored": int(body.anchored),
            "mentions": mentions,
        }
        for body, names in bodies.spellings.values()
        for name, mentions in names.items()
    ]
    out.body_keys = set(bodies.spellings)
    out.tables["officials"], out.tables["official_posts"] = [], []
    for n, official in enumerate(officials):
        official_id = f"{document}#{n}"
        out.name_keys.add(official.key)
        out.tables["officials"].append(
            {
                "id": official_id,
                "document": document,
                "n": n,
                "name": official.name,
                "name_key": official.key,
                "provinces": _json(official.provinces),
                "mentions": official.mentions,
                "person": None,
            }
        )
        for i, post in enumerate(official.posts):
            out.tables["official_posts"].append(
                {
                    "official": official_id,
                    "n": i,
                    "document": document,
                    "name_key": official.key,
                    "title": post.title,
                    "title_key": fold(post.title) if post.title else None,
                    "body": post.body.canonical if post.body else None,
                    "body_key": post.body.key if post.body else None,
                    "anchored": int(bool(post.body and post.body.anchored)),
                    "province": post.body.province if post.body else None,
                }
            )
    out.tables["citations"] = citation_rows(document, record)
    out.groups = {row["grp"] for row in out.tables["citations"]}
    return out
