"""The tables derived from the per-document rows, redone for what a build touched.

A build notes the names, bodies and resolution groups of every document it adds, replaces or
removes (tables ``touched_*``, written in the same transaction as the document); here people
are linked again for each touched name
(`vnner.kb.linking`), bodies summed again for each touched body, and resolutions gathered again
for each touched group — a few hundred keys at a time, so memory stays flat however large the
database grows, and a build that adds one document redoes only what that document can change.
Each chunk's keys leave ``touched_*`` in the transaction that writes its results, so a build
interrupted anywhere leaves the work still to do noted, and the next build does it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import sqlite_utils

from vnner.kb.linking import Mention, PostSeen, link, person_posts
from vnner.kb.posts import fold

CHUNK = 400
MENTIONS_PER_CHUNK = 4000  # people are relinked a few names at a time, however many mentions a name has
TOUCHED = ("touched_names", "touched_bodies", "touched_groups")
Done = Callable[[int], object] | None  # told how many keys are done after each chunk


def pending(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _done_with(db: sqlite_utils.Database, table: str, keys: list[str]) -> None:
    db.execute(f"DELETE FROM {table} WHERE key IN ({_marks(keys)})", keys)


def touch(db: sqlite_utils.Database, table: str, keys: set[str] | list[str]) -> None:
    db.conn.executemany(f"INSERT OR IGNORE INTO {table} (key) VALUES (?)", [(k,) for k in keys if k])


def _chunks(db: sqlite_utils.Database, table: str, done: Done = None) -> Iterator[list[str]]:
    last, count = "", 0
    while True:
        keys = [r[0] for r in db.execute(f"SELECT key FROM {table} WHERE key > ? ORDER BY key LIMIT ?", [last, CHUNK])]
        if not keys:
            return
        last = keys[-1]
        yield keys
        count += len(keys)
        if done:
            done(count)


def _name_chunks(db: sqlite_utils.Database, done: Done = None) -> Iterator[list[str]]:
    """Touched names in chunks of about MENTIONS_PER_CHUNK officials (a name with more is a chunk alone)."""
    for keys in _chunks(db, "touched_names", done):
        counts = dict(
            db.execute(
                f"SELECT name_key, COUNT(*) FROM officials WHERE name_key IN ({_marks(keys)}) GROUP BY name_key", keys
            ).fetchall()
        )
        chunk: list[str] = []
        weight = 0
        for key in keys:
            if chunk and weight + counts.get(key, 0) > MENTIONS_PER_CHUNK:
                yield chunk
                chunk, weight = [], 0
            chunk.append(key)
            weight += counts.get(key, 0)
        if chunk:
            yield chunk


def _marks(keys: list) -> str:
    return ", ".join("?" * len(keys))


def _rows(db: sqlite_utils.Database, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def relink_people(db: sqlite_utils.Database, done: Done = None) -> None:
    """people and posts for every touched name, and officials.person pointing at them."""
    for keys in _name_chunks(db, done):
        marks = _marks(keys)
        officials = _rows(
            db,
            f"""SELECT officials.id, officials.document, officials.name, officials.name_key, officials.provinces,
                       officials.mentions, documents.date
                FROM officials JOIN documents ON documents.id = officials.document
                WHERE officials.name_key IN ({marks})""",
            keys,
        )
        posts: dict[str, list[PostSeen]] = {}
        for row in _rows(
            db,
            f"""SELECT official, title, body, body_key, anchored FROM official_posts
                WHERE name_key IN ({marks}) ORDER BY official, n""",
            keys,
        ):
            posts.setdefault(row["official"], []).append(
                PostSeen(row["title"], row["body"], row["body_key"], bool(row["anchored"]))
            )
        mentions = [
            Mention(
                id=o["id"],
                document=o["document"],
                date=o["date"],
                name=o["name"],
                key=o["name_key"],
                provinces=frozenset(json.loads(o["provinces"] or "[]")),
                posts=tuple(posts.get(o["id"], ())),
                mentions=o["mentions"] or 1,
            )
            for o in officials
        ]
        people_rows, post_rows, members = [], [], []
        for person in link(mentions):
            spans = person_posts(person)
            dates = sorted(m.date for m in person.members if m.date)
            people_rows.append(
                {
                    "id": person.id,
                    "name": person.name,
                    "name_key": person.key,
                    "provinces": json.dumps(sorted(person.provinces), ensure_ascii=False),
                    "documents": len({m.document for m in person.members}),
                    "first_seen": dates[0] if dates else None,
                    "last_seen": dates[-1] if dates else None,
                }
            )
            post_rows += [
                {
                    "person": person.id,
                    "n": n,
                    "title": span.title,
                    "body": span.body,
                    "body_key": span.body_key,
                    "first_seen": span.first_seen,
                    "last_seen": span.last_seen,
                    "documents": json.dumps(span.documents, ensure_ascii=False),
                }
                for n, span in enumerate(spans)
            ]
            members += [(person.id, m.id) for m in person.members]
        with db.atomic():
            db.execute(f"DELETE FROM posts WHERE person IN (SELECT id FROM people WHERE name_key IN ({marks}))", keys)
            db.execute(f"DELETE FROM people WHERE name_key IN ({marks})", keys)
            db["people"].insert_all(people_rows)
            db["posts"].insert_all(post_rows)
            db.conn.executemany("UPDATE officials SET person = ? WHERE id = ?", members)
            _done_with(db, "touched_names", keys)


def _most_common(counts: list[tuple[object, int]]) -> object:
    """The value with the highest count (the first of those on a tie); None when there is none."""
    best, top = None, 0
    for value, count in counts:
        if value is not None and count > top:
            best, top = value, count
    return best


def _grouped(db: sqlite_utils.Database, sql: str, params: list) -> dict[str, list[tuple]]:
    """First column → the rows' other columns, from a query that SQLite has already aggregated."""
    out: dict[str, list[tuple]] = {}
    for row in db.execute(sql, params):
        out.setdefault(row[0], []).append(tuple(row[1:]))
    return out


def refresh_bodies(db: sqlite_utils.Database, done: Done = None) -> None:
    """bodies and body_names for every touched body key, summed by SQLite (a body may have 100,000 rows)."""
    for keys in _chunks(db, "touched_bodies", done):
        marks = _marks(keys)
        where = f"FROM document_bodies WHERE body_key IN ({marks})"
        totals = _rows(
            db,
            f"""SELECT body_key, MIN(scope) AS scope, MIN(document) AS document, MAX(anchored) AS anchored,
                       SUM(mentions) AS mentions, COUNT(DISTINCT document) AS documents,
                       MIN(documents.date) AS first_seen, MAX(documents.date) AS last_seen
                FROM document_bodies JOIN documents ON documents.id = document_bodies.document
                WHERE body_key IN ({marks}) GROUP BY body_key""",
            keys,
        )
        canonicals = _grouped(db, f"SELECT body_key, canonical, COUNT(*) {where} GROUP BY 1, 2 ORDER BY 1, 2", keys)
        provinces = _grouped(db, f"SELECT body_key, province, COUNT(*) {where} GROUP BY 1, 2 ORDER BY 1, 2", keys)
        spellings = _grouped(db, f"SELECT body_key, name, SUM(mentions) {where} GROUP BY 1, 2 ORDER BY 1, 2", keys)
        bodies, names = [], []
        for t in totals:
            key = t["body_key"]
            canonical = _most_common(canonicals[key])
            scoped = t["scope"] == "document"
            bodies.append(
                {
                    "key": key,
                    "canonical": canonical,
                    "canonical_key": fold(canonical),
                    "scope": t["scope"],
                    "document": t["document"] if scoped else None,
                    "province": _most_common(provinces[key]),
                    "anchored": t["anchored"],
                    "mentions": t["mentions"],
                    "documents": t["documents"],
                    "first_seen": t["first_seen"],
                    "last_seen": t["last_seen"],
                }
            )
            names += [{"body_key": key, "name": n, "name_key": fold(n), "mentions": c} for n, c in spellings[key]]
        with db.atomic():
            db.execute(f"DELETE FROM body_names WHERE body_key IN ({marks})", keys)
            db.execute(f"DELETE FROM bodies WHERE key IN ({marks})", keys)
            db["bodies"].insert_all(bodies)
            db["body_names"].insert_all(names)
            _done_with(db, "touched_bodies", keys)


FIELDS = ("type", "number", "session", "term", "issuer")


def refresh_resolutions(db: sqlite_utils.Database, done: Done = None) -> None:
    """citations.key and resolutions for every touched group, counted by SQLite.

    A bare number without its issuer ("Nghị quyết 57") counts under the coded form of its type
    and number ("Nghị quyết số 57-NQ/TW") when the database holds exactly one such form, as the
    facts do within one document; with none or several it keeps its own key. A bare number with
    its issuer ("Nghị quyết 57 của Bộ Chính trị") does so only when a citation of that coded form
    names the same issuer. A resolution's
    fields are the ones its own spellings give most often.
    """
    for keys in _chunks(db, "touched_groups", done):
        marks = _marks(keys)
        with db.atomic():
            db.execute(f"UPDATE citations SET key = written_key WHERE grp IN ({marks})", keys)
            coded = db.execute(
                f"""SELECT grp, MIN(written_key) FROM citations WHERE grp IN ({marks}) AND coded = 1
                    GROUP BY grp HAVING COUNT(DISTINCT written_key) = 1""",
                keys,
            ).fetchall()
            db.conn.executemany("UPDATE citations SET key = ? WHERE grp = ? AND bare = 1", [(k, g) for g, k in coded])
            db.conn.executemany(
                """UPDATE citations SET key = ? WHERE grp = ? AND bare = 2 AND issuer_key IN
                   (SELECT issuer_key FROM citations c2 WHERE c2.grp = citations.grp AND c2.written_key = ?)""",
                [(k, g, k) for g, k in coded],
            )
        totals = _rows(
            db,
            f"""SELECT key, COUNT(DISTINCT document) AS documents, MIN(documents.date) AS first_cited,
                       MAX(documents.date) AS last_cited
                FROM citations JOIN documents ON documents.id = citations.document
                WHERE grp IN ({marks}) GROUP BY key""",
            keys,
        )
        fields = _grouped(
            db,
            f"""SELECT key, grp, type_key, digits, session_key, {", ".join(FIELDS)}, COUNT(*) FROM citations
                WHERE grp IN ({marks}) AND written_key = key GROUP BY key, grp, type_key, digits, session_key,
                {", ".join(FIELDS)} ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10""",
            keys,
        )
        spellings = _grouped(
            db,
            f"""SELECT key, spelling, SUM(mentions) FROM citations WHERE grp IN ({marks})
                GROUP BY key, spelling ORDER BY key, SUM(mentions) DESC, spelling""",
            keys,
        )
        resolutions = []
        for t in totals:
            own = fields[t["key"]]  # (grp, type_key, digits, session_key, *FIELDS, count)
            resolutions.append(
                {
                    "key": t["key"],
                    **dict(zip(("grp", "type_key", "digits", "session_key"), own[0][:4])),
                    **{f: _most_common([(r[4 + i], r[-1]) for r in own]) for i, f in enumerate(FIELDS)},
                    "documents": t["documents"],
                    "first_cited": t["first_cited"],
                    "last_cited": t["last_cited"],
                    "spellings": json.dumps([s for s, _ in spellings[t["key"]]], ensure_ascii=False),
                }
            )
        with db.atomic():
            db.execute(f"DELETE FROM resolutions WHERE grp IN ({marks})", keys)
            db["resolutions"].insert_all(resolutions)
            _done_with(db, "touched_groups", keys)
