"""Questions to the knowledge base, answered as plain lists of dicts (what `vnner kb … --json` prints).

* `person(db, "Nguyễn Văn A")` → ``[{"id", "name", "posts": [{"title", "body", "first_seen", "last_seen",
  "documents": [ids]}]}]``, posts by first date seen;
* `body(db, "UBND tỉnh Nghệ An")` → ``[{"canonical", "names": [...], "posts": [{"title", "person",
  "first_seen", "last_seen"}]}]``;
* `document(db, "Nghị quyết 57")` → ``[{"key", "type", "number", "issuer", "cited_by": [{"id", "date"}]}]``.

Names match as vnner compares them (any tone placement, any case, "đồng chí" or not); a body by
its canonical name (`vnner.facts.org.canonical_name`, so "UBND" = "Ủy ban nhân dân") or any
spelling seen; a resolution by the key the facts give the text (`vnner.facts.parse_resolution`),
and a key that says less finds the ones that say more: "Nghị quyết 57" finds "nghị quyết|57-nq/tw",
"Nghị quyết Trung ương 4" every term's. When nothing matches exactly, names and bodies that
contain the text are given instead. Dates are "YYYY-MM-DD" or null.
"""

from __future__ import annotations

import json

import sqlite_utils

from vnner.facts import parse_resolution
from vnner.facts.org import canonical_name
from vnner.kb.posts import fold, name_key
from vnner.kb.rows import resolution_fields
from vnner.text import fold_tones

MAX_LOOSE = 50  # results when only a part of the text matches


def _rows(db: sqlite_utils.Database, sql: str, params: list | tuple = ()) -> list[dict]:
    return list(db.query(sql, params))


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def person(db: sqlite_utils.Database, name: str) -> list[dict]:
    """People named `name`, each with their posts (see the module docstring)."""
    key = name_key(name)
    if not key:
        return []
    order = "ORDER BY first_seen IS NULL, first_seen, name_key, id"
    people = _rows(db, f"SELECT id, name FROM people WHERE name_key = ? {order}", [key])
    if not people:
        people = _rows(
            db, f"SELECT id, name FROM people WHERE name_key LIKE ? ESCAPE '\\' {order} LIMIT {MAX_LOOSE}", [_like(key)]
        )
    out = []
    for p in people:
        posts = _rows(
            db, "SELECT title, body, first_seen, last_seen, documents FROM posts WHERE person = ? ORDER BY n", [p["id"]]
        )
        out.append(
            {
                "id": p["id"],
                "name": p["name"],
                "posts": [{**post, "documents": json.loads(post["documents"] or "[]")} for post in posts],
            }
        )
    return out


def body(db: sqlite_utils.Database, name: str) -> list[dict]:
    """Bodies whose canonical name or a spelling is `name`, with who held which post there and when."""
    text = " ".join(str(name).split())
    if not text:
        return []
    canonical = fold(canonical_name(text))
    order = "ORDER BY mentions DESC, canonical_key, key"
    keys = _rows(
        db,
        f"""SELECT key, canonical FROM bodies WHERE canonical_key = ?
            OR key IN (SELECT body_key FROM body_names WHERE name_key = ?) {order}""",
        [canonical, fold(text)],
    )
    if not keys:
        keys = _rows(
            db,
            f"SELECT key, canonical FROM bodies WHERE canonical_key LIKE ? ESCAPE '\\' {order} LIMIT {MAX_LOOSE}",
            [_like(canonical)],
        )
    out = []
    for row in keys:
        names = [
            r["name"]
            for r in _rows(
                db, "SELECT name FROM body_names WHERE body_key = ? ORDER BY mentions DESC, name", [row["key"]]
            )
        ]
        posts = _rows(
            db,
            """SELECT MIN(official_posts.title) AS title, people.name AS person, MIN(documents.date) AS first_seen,
                      MAX(documents.date) AS last_seen
               FROM official_posts
               JOIN officials ON officials.id = official_posts.official
               JOIN people ON people.id = officials.person
               JOIN documents ON documents.id = official_posts.document
               WHERE official_posts.body_key = ?
               GROUP BY people.id, official_posts.title_key
               ORDER BY first_seen IS NULL, first_seen, person, title""",
            [row["key"]],
        )
        for post in posts:
            post["title"] = fold_tones(post["title"]) if post["title"] else None
        out.append({"canonical": row["canonical"], "names": names, "posts": posts})
    return out


def resolution_key(text: str) -> dict:
    """The key vnner's facts give a resolution written as `text`, with the fields it is matched by."""
    norm = parse_resolution(" ".join(str(text).split()))
    return {
        "key": norm["key"],
        "number": norm.get("number"),
        "term": norm.get("term"),
        **resolution_fields(norm["key"], norm.get("number")),
    }


def document(db: sqlite_utils.Database, text: str) -> list[dict]:
    """Resolutions whose key matches `text` as vnner keys it, with the documents that cite them."""
    if not str(text).strip():
        return []
    q = resolution_key(text)
    where, params = ["key = ?"], [q["key"]]
    if q["bare"] == 1:  # "Nghị quyết 57": every Nghị quyết numbered 57
        where.append("(type_key = ? AND digits = ?)")
        params += [q["type_key"], q["digits"]]
    elif q["session_key"] and not q["term"]:  # "Nghị quyết Trung ương 4": every term's
        where.append("(type_key = ? AND session_key = ?)")
        params += [q["type_key"], q["session_key"]]
    found = _rows(
        db, f"SELECT key, type, number, issuer FROM resolutions WHERE {' OR '.join(where)} ORDER BY key", params
    )
    for row in found:
        row["cited_by"] = _rows(
            db,
            """SELECT citations.document AS id, documents.date FROM citations
               JOIN documents ON documents.id = citations.document
               WHERE citations.key = ? ORDER BY documents.date IS NULL, documents.date, citations.document""",
            [row["key"]],
        )
    return found
