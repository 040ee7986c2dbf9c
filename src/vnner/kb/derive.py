"""The tables derived from the per-document rows, redone for what a build touched.

A build notes the names, bodies and resolution groups of every document it adds, replaces or
removes (temporary tables ``touched_*``); here people are linked again for each touched name
(`vnner.kb.linking`), bodies summed again for each touched body, and resolutions gathered again
for each touched group — a few hundred keys at a time, so memory stays flat however large the
database grows, and a build that adds one document redoes only what that document can change.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import groupby

import sqlite_utils

from vnner.kb.linking import Mention, PostSeen, link, person_posts
from vnner.kb.posts import fold

CHUNK = 400
TOUCHED = ("touched_names", "touched_bodies", "touched_groups")
Done = Callable[[int], object] | None  # told how many keys are done after each chunk


def create_touched(db: sqlite_utils.Database) -> None:
    for name in TOUCHED:
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (key TEXT PRIMARY KEY)")
        db.execute(f"DELETE FROM {name}")


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


def _marks(keys: list) -> str:
    return ", ".join("?" * len(keys))


def _rows(db: sqlite_utils.Database, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def relink_people(db: sqlite_utils.Database, done: Done = None) -> None:
    """people and posts for every touched name, and officials.person pointing at them."""
    for keys in _chunks(db, "touched_names", done):
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


def _most_common(values: list) -> object:
    """The value seen most often (the first of those on a tie), None when there are none."""
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return None
    best = max(counted.values())
    return next(v for v in values if v is not None and counted[v] == best)


def refresh_bodies(db: sqlite_utils.Database, done: Done = None) -> None:
    """bodies and body_names for every touched body key."""
    for keys in _chunks(db, "touched_bodies", done):
        marks = _marks(keys)
        rows = _rows(
            db,
            f"""SELECT document_bodies.*, documents.date FROM document_bodies
                JOIN documents ON documents.id = document_bodies.document
                WHERE body_key IN ({marks}) ORDER BY body_key, documents.date IS NULL, documents.date, document""",
            keys,
        )
        bodies, names = [], []
        for key, group in groupby(rows, key=lambda r: r["body_key"]):
            group = list(group)
            dates = sorted(r["date"] for r in group if r["date"])
            spellings: Counter = Counter()
            for r in group:
                spellings[r["name"]] += r["mentions"]
            scoped = group[0]["scope"] == "document"
            canonical = _most_common([r["canonical"] for r in group])
            bodies.append(
                {
                    "key": key,
                    "canonical": canonical,
                    "canonical_key": fold(canonical),
                    "scope": group[0]["scope"],
                    "document": group[0]["document"] if scoped else None,
                    "province": _most_common([r["province"] for r in group]),
                    "anchored": group[0]["anchored"],
                    "mentions": sum(spellings.values()),
                    "documents": len({r["document"] for r in group}),
                    "first_seen": dates[0] if dates else None,
                    "last_seen": dates[-1] if dates else None,
                }
            )
            names += [{"body_key": key, "name": n, "name_key": fold(n), "mentions": c} for n, c in spellings.items()]
        with db.atomic():
            db.execute(f"DELETE FROM body_names WHERE body_key IN ({marks})", keys)
            db.execute(f"DELETE FROM bodies WHERE key IN ({marks})", keys)
            db["bodies"].insert_all(bodies)
            db["body_names"].insert_all(names)


FIELDS = ("type", "number", "session", "term", "issuer")


def refresh_resolutions(db: sqlite_utils.Database, done: Done = None) -> None:
    """citations.key and resolutions for every touched group.

    A bare number without its issuer ("Nghị quyết 57") counts under the coded form of its type
    and number ("Nghị quyết số 57-NQ/TW") when the database holds exactly one such form, as the
    facts do within one document; with none or several it keeps its own key.
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
        rows = _rows(
            db,
            f"""SELECT citations.*, documents.date FROM citations JOIN documents ON documents.id = citations.document
                WHERE grp IN ({marks}) ORDER BY key, documents.date IS NULL, documents.date, document""",
            keys,
        )
        resolutions = []
        for key, group in groupby(rows, key=lambda r: r["key"]):
            group = list(group)
            own = [r for r in group if r["written_key"] == key] or group
            dates = sorted(r["date"] for r in group if r["date"])
            spellings: Counter = Counter()
            for r in group:
                spellings[r["spelling"]] += r["mentions"]
            resolutions.append(
                {
                    "key": key,
                    "grp": own[0]["grp"],
                    **{f: _most_common([r[f] for r in own]) for f in FIELDS},
                    **{f: own[0][f] for f in ("type_key", "digits", "session_key")},
                    "documents": len({r["document"] for r in group}),
                    "first_cited": dates[0] if dates else None,
                    "last_cited": dates[-1] if dates else None,
                    "spellings": json.dumps([s for s, _ in spellings.most_common()], ensure_ascii=False),
                }
            )
        with db.atomic():
            db.execute(f"DELETE FROM resolutions WHERE grp IN ({marks})", keys)
            db["resolutions"].insert_all(resolutions)
