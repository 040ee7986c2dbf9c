"""People across documents: which mentions of one name are one person.

Every document's officials are mentions (`vnner.kb.posts`). Mentions of one name (any tone
placement, with or without "đồng chí") join when something ties them and nothing keeps them apart:

* tied: a post in the same body, one of its kind in the country ("Ủy ban nhân dân tỉnh Nghệ An",
  "Huyện ủy Thanh Oai", "Bộ Nội vụ"; not "Sở Nội vụ" or a bare "Huyện ủy"), or the same province
  (from the posts' bodies, else the one province the document names);
* kept apart: both have provinces and they share none ("Chủ tịch UBND tỉnh Hà Nam" and "Phó Chủ
  tịch UBND tỉnh Ninh Bình" are two people, whatever else they share).

Nothing tying two mentions (no posts, no province) → two people. Mentions are taken in date
order (undated last), so a person is built up the way the record grew; the same mentions always
give the same people, with ids from their name and their first mention's id.

`vnner kb build`, `vnner report` and `vnner show` all link through `link`, so "who is this" has
one answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from vnner.hashing import text_sha1
from vnner.kb.posts import DocumentBodies, document_officials, fold
from vnner.text import fold_tones


@dataclass(frozen=True)
class PostSeen:
    title: str | None
    body: str | None  # canonical name
    body_key: str | None
    anchored: bool


@dataclass
class Mention:
    """One official of one document, as linking needs it."""

    id: str  # unique: "document#n"
    document: str
    date: str | None
    name: str
    key: str  # name_key
    provinces: frozenset[str]
    posts: tuple[PostSeen, ...] = ()
    mentions: int = 1

    def ties(self) -> set[str]:
        return {p.body_key for p in self.posts if p.anchored and p.body_key}


@dataclass
class Person:
    id: str
    name: str
    key: str
    members: list[Mention] = field(default_factory=list)
    provinces: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        self.members.append(mention)
        self.provinces |= mention.provinces
        self.bodies |= mention.ties()

    def absorb(self, other: Person) -> None:
        for m in other.members:
            self.add(m)

    def compatible(self, provinces: set[str] | frozenset[str]) -> bool:
        return not self.provinces or not provinces or bool(self.provinces & provinces)


def order(mention: Mention) -> tuple:
    return (mention.date is None, mention.date or "", mention.document, mention.id)


def link_name(mentions: Iterable[Mention]) -> list[Person]:
    """The people behind mentions of one name (see the module docstring).

    People are indexed by body and province, so a mention is compared only with the people it
    could be tied to: a common name with thousands of mentions costs no more than the ties it has.
    """
    people: list[Person] = []
    by_tie: dict[str, set[int]] = {}  # "body:…" / "province:…" → indexes into people
    gone: set[int] = set()

    def register(i: int) -> None:
        for key in [f"body:{b}" for b in people[i].bodies] + [f"province:{p}" for p in people[i].provinces]:
            by_tie.setdefault(key, set()).add(i)

    for mention in sorted(mentions, key=order):
        keys = [f"body:{b}" for b in mention.ties()] + [f"province:{p}" for p in mention.provinces]
        candidates = sorted({i for key in keys for i in by_tie.get(key, ()) if i not in gone})
        tied = [i for i in candidates if people[i].compatible(mention.provinces)]
        if not tied:
            person = Person(id="", name=mention.name, key=mention.key)
            person.add(mention)
            people.append(person)
            register(len(people) - 1)
            continue
        first = people[tied[0]]
        first.add(mention)
        for i in tied[1:]:
            if first.compatible(people[i].provinces):
                first.absorb(people[i])
                gone.add(i)
        register(tied[0])
    people = [p for i, p in enumerate(people) if i not in gone]
    for person in people:
        person.members.sort(key=order)
        spellings = Counter(m.name for m in person.members)
        first_seen = {}
        for n, m in enumerate(person.members):
            first_seen.setdefault(m.name, n)
        person.name = max(spellings, key=lambda name: (spellings[name], -first_seen[name]))
        first_id = min(m.id for m in person.members)
        person.id = "p" + text_sha1(f"{person.key}\x00{first_id}")[:12]
    return people


def link(mentions: Iterable[Mention]) -> list[Person]:
    """People behind any mentions, grouped by name; in order of name, then first mention."""
    by_name: dict[str, list[Mention]] = {}
    for m in mentions:
        by_name.setdefault(m.key, []).append(m)
    people = []
    for key in sorted(by_name):
        people += link_name(by_name[key])
    return people


@dataclass
class PostSpan:
    """One post of one person over time."""

    title: str | None
    body: str | None
    body_key: str | None
    first_seen: str | None
    last_seen: str | None
    documents: list[str]


def person_posts(person: Person) -> list[PostSpan]:
    """A person's posts: one per title and body (bodies by canonical name, also bare ones), with the
    first and last dates seen and the documents, ordered by first date seen (undated last)."""
    spans: dict[tuple, PostSpan] = {}  # in the order first written
    for m in person.members:  # in date order
        for post in m.posts:
            key = (fold(post.title or ""), fold(post.body or ""))
            span = spans.get(key)
            if span is None:
                title = fold_tones(post.title) if post.title else None
                span = spans[key] = PostSpan(title, post.body, post.body_key, None, None, [])
            if m.document not in span.documents:
                span.documents.append(m.document)
            if m.date:
                span.first_seen = min(span.first_seen or m.date, m.date)
                span.last_seen = max(span.last_seen or m.date, m.date)
            if span.body_key != post.body_key:
                span.body_key = None  # a bare body in several documents: no one body row
    return sorted(spans.values(), key=lambda s: (s.first_seen is None, s.first_seen or ""))


def document_mentions(record: dict, date: str | None = None, bodies: DocumentBodies | None = None) -> list[Mention]:
    """The officials of one extraction record as mentions to link (ids "document#n"); `bodies`, when
    given, also collects the officials' spellings of their bodies."""
    document = str(record["id"])
    return [
        Mention(
            id=f"{document}#{n}",
            document=document,
            date=date,
            name=official.name,
            key=official.key,
            provinces=frozenset(official.provinces),
            posts=tuple(
                PostSeen(
                    post.title,
                    post.body.canonical if post.body else None,
                    post.body.key if post.body else None,
                    bool(post.body and post.body.anchored),
                )
                for post in official.posts
            ),
            mentions=official.mentions,
        )
        for n, official in enumerate(document_officials(record, bodies))
    ]
