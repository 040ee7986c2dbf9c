"""The knowledge base's tables and views, written through sqlite-utils (docs/kb.md shows them).

Rows that come from one document (``documents``, ``document_bodies``, ``officials``,
``official_posts``, ``citations``) are replaced with that document; the rest (``bodies``,
``body_names``, ``people``, ``posts``, ``resolutions``) are derived from them by `vnner.kb.build`
for whatever a build touched. Lists are JSON arrays; dates are "YYYY-MM-DD" or null.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = "1"

TABLES: dict[str, dict] = {
    "documents": {
        "columns": {
            "id": str, "sha1": str, "date": str, "date_source": str, "title": str, "province": str,
            "provinces": str, "source": str, "entities": int, "officials": int,
        },
        "pk": "id",
    },
    "document_bodies": {
        "columns": {
            "document": str, "body_key": str, "name": str, "canonical": str, "scope": str, "province": str,
            "anchored": int, "mentions": int,
        },
        "pk": ("document", "body_key", "name"),
        "indexes": [["body_key"]],
    },
    "officials": {
        "columns": {
            "id": str, "document": str, "n": int, "name": str, "name_key": str, "provinces": str, "mentions": int,
            "person": str,
        },
        "pk": "id",
        "indexes": [["name_key"], ["document"], ["person"]],
    },
    "official_posts": {
        "columns": {
            "official": str, "n": int, "document": str, "name_key": str, "title": str, "title_key": str,
            "body": str, "body_key": str, "anchored": int, "province": str,
        },
        "pk": ("official", "n"),
        "indexes": [["body_key"], ["name_key"], ["document"]],
    },
    "citations": {
        "columns": {
            "document": str, "written_key": str, "key": str, "grp": str, "type": str, "number": str,
            "session": str, "term": str, "issuer": str, "issuer_key": str, "type_key": str, "digits": str,
            "session_key": str, "coded": int, "bare": int, "mentions": int, "spelling": str,
        },
        "pk": ("document", "written_key"),
        "indexes": [["key"], ["grp"], ["document"]],
    },
    "bodies": {
        "columns": {
            "key": str, "canonical": str, "canonical_key": str, "scope": str, "document": str, "province": str,
            "anchored": int, "mentions": int, "documents": int, "first_seen": str, "last_seen": str,
        },
        "pk": "key",
        "indexes": [["canonical_key"]],
    },
    "body_names": {
        "columns": {"body_key": str, "name": str, "name_key": str, "mentions": int},
        "pk": ("body_key", "name"),
        "indexes": [["name_key"]],
    },
    "people": {
        "columns": {
            "id": str, "name": str, "name_key": str, "provinces": str, "documents": int, "first_seen": str,
            "last_seen": str,
        },
        "pk": "id",
        "indexes": [["name_key"]],
    },
    "posts": {
        "columns": {
            "person": str, "n": int, "title": str, "body": str, "body_key": str, "first_seen": str,
            "last_seen": str, "documents": str,
        },
        "pk": ("person", "n"),
        "indexes": [["body_key"]],
    },
    "resolutions": {
        "columns": {
            "key": str, "grp": str, "type": str, "number": str, "session": str, "term": str, "issuer": str,
            "type_key": str, "digits": str, "session_key": str, "documents": int, "first_cited": str,
            "last_cited": str, "spellings": str,
        },
        "pk": "key",
        "indexes": [["grp"], ["type_key", "digits"], ["type_key", "session_key"]],
    },
    "kb_info": {"columns": {"key": str, "value": str}, "pk": "key"},
    # keys whose derived rows are still to be redone (vnner.kb.derive); empty after a build
    "touched_names": {"columns": {"key": str}, "pk": "key"},
    "touched_bodies": {"columns": {"key": str}, "pk": "key"},
    "touched_groups": {"columns": {"key": str}, "pk": "key"},
}  # fmt: skip

# Datasette links these (a person's posts → the person, a citation → its document and resolution)
FOREIGN_KEYS = {
    "document_bodies": [("document", "documents", "id")],
    "officials": [("document", "documents", "id")],
    "official_posts": [("official", "officials", "id"), ("document", "documents", "id")],
    "citations": [("document", "documents", "id")],
    "body_names": [("body_key", "bodies", "key")],
    "posts": [("person", "people", "id")],
}

PER_DOCUMENT = ("document_bodies", "official_posts", "officials", "citations", "documents")

VIEWS = {
    # people with their posts, in date order
    "people_posts": """
        SELECT people.name AS person, posts.title, posts.body, posts.first_seen, posts.last_seen,
               json_array_length(posts.documents) AS documents, people.provinces, posts.person AS person_id
        FROM posts JOIN people ON people.id = posts.person
        ORDER BY people.name, posts.person, posts.n""",
    # bodies with their post-holders over time
    "body_holders": """
        SELECT bodies.canonical AS body, bodies.province, MIN(official_posts.title) AS title,
               people.name AS person, MIN(documents.date) AS first_seen, MAX(documents.date) AS last_seen,
               COUNT(DISTINCT official_posts.document) AS documents, bodies.key AS body_key, people.id AS person_id
        FROM official_posts
        JOIN bodies ON bodies.key = official_posts.body_key
        JOIN officials ON officials.id = official_posts.official
        JOIN people ON people.id = officials.person
        JOIN documents ON documents.id = official_posts.document
        GROUP BY bodies.key, people.id, official_posts.title_key
        ORDER BY bodies.canonical, MIN(documents.date) IS NULL, MIN(documents.date), people.name""",
    # every citation of a document (resolution), with the citing document's date, month and province
    "documents_cited": """
        SELECT resolutions.key, resolutions.type, resolutions.number, resolutions.issuer,
               citations.document, documents.date, substr(documents.date, 1, 7) AS month, documents.province,
               citations.spelling
        FROM citations
        JOIN resolutions ON resolutions.key = citations.key
        JOIN documents ON documents.id = citations.document
        ORDER BY resolutions.key, documents.date IS NULL, documents.date, citations.document""",
}


class NotAKnowledgeBase(ValueError):
    """The file is not a database `vnner kb build` wrote; the message says what to do."""


def connect(path: str | Path, write: bool = False) -> sqlite_utils.Database:
    """The database at path: read-only unless write (a query never changes the file)."""
    if write:
        return sqlite_utils.Database(str(path))
    return sqlite_utils.Database(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True))


def tune_for_writing(db: sqlite_utils.Database) -> None:
    """Batches are large transactions; a crash loses at most the batch being written (docs: build.py)."""
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA cache_size = -16384")  # 16 MB of pages: as fast here as 64 MB, and memory stays flat


def ensure(db: sqlite_utils.Database, path: str | Path) -> None:
    """Create the tables, indexes and views that are missing; refuse a database of another kind."""
    existing = set(db.table_names())
    if existing and "kb_info" not in existing:
        raise NotAKnowledgeBase(f"{path} is a database of something else: give `--db` a new file")
    if existing:
        check(db, path)
    for name, spec in TABLES.items():
        if name in existing:
            continue
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=FOREIGN_KEYS.get(name), if_not_exists=True)
        for columns in spec.get("indexes", []):
            db[name].create_index(columns, if_not_exists=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), ignore=True)
    if db["kb_info"].count == 0:
        db["kb_info"].insert({"key": "schema", "value": SCHEMA_VERSION})


def check(db: sqlite_utils.Database, path: str | Path) -> None:
    """Raise NotAKnowledgeBase unless db is one `vnner kb build` wrote, of this schema."""
    if "kb_info" not in db.table_names():
        raise NotAKnowledgeBase(
            f"{path} is not a vnner knowledge base: build one with `vnner kb build OUT.jsonl --db {path}`"
        )
    row = db.execute("SELECT value FROM kb_info WHERE key = 'schema'").fetchone()
    if not row or row[0] != SCHEMA_VERSION:
        raise NotAKnowledgeBase(f"{path} was built by another version of vnner: build it again into a new file")
