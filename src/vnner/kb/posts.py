"""One document's bodies and officials as the knowledge base keeps them: posts with resolved bodies.

An extraction line gives each official ``titles`` and ``orgs`` as written ("Phó Chủ tịch UBND
tỉnh", "UBND tỉnh"); its ORG entities carry the facts' ``canonical``, with bare heads already
resolved within the document ("UBND tỉnh" → "Ủy ban nhân dân tỉnh Hà Nam" when the document
names it). Here each title is paired with its body (a title that ends in the body's name, else
the bodies left over, in order: "Bí thư" + "Huyện ủy Thanh Oai"), and each body is given the
canonical name its ORG entity has in this document. A post is then (title, body): "Phó Chủ tịch",
"Ủy ban nhân dân tỉnh Hà Nam".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vnner.facts.org import canonical_name
from vnner.kb.places import provinces_in
from vnner.text import fold_tones

HONORIFICS = re.compile(r"^(?:(?:đồng\s+chí|đ/c|ông|bà)\s+)+", re.I)
LOCALITY_UNITS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường")
# words that make a body one of its kind in the country: it can tie two mentions of a name together
NATIONAL = re.compile(r"(?<!\w)(?:Trung ương|Quốc hội|Chính phủ|Bộ Chính trị|Ban Bí thư|tối cao|Nhà nước|Thủ tướng)")


def fold(text: str) -> str:
    """Lower case, one tone placement, white space collapsed: how names and titles are compared."""
    return " ".join(fold_tones(str(text)).lower().split())


def name_key(name: str) -> str:
    """'Đồng chí Nguyễn Văn  A' and 'Nguyễn Văn A' (any tone placement) → 'nguyễn văn a'."""
    return fold(HONORIFICS.sub("", " ".join(str(name).split())))


@dataclass(frozen=True)
class Body:
    """A body as this document names it: its canonical name, and the key it is stored under."""

    canonical: str
    key: str  # fold(canonical), plus "@document" when the facts scope it to its document
    scope: str | None  # "document" for a bare head the document does not resolve ("Huyện ủy")
    anchored: bool  # one body in the whole country: a post in it ties two mentions of a name
    province: str | None


@dataclass
class Post:
    title: str | None
    body: Body | None


@dataclass
class Official:
    """One person as one document names them."""

    name: str
    key: str
    mentions: int
    posts: list[Post] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)


def anchored(canonical: str) -> bool:
    """Whether a body's name names one body in the country: "Huyện ủy Thanh Oai", "Bộ Nội vụ", "Quốc hội";
    not "Sở Nội vụ", "Ban Thường vụ" or "Đảng ủy xã", which every province or commune has."""
    words = canonical.split()
    if not words or fold(canonical).endswith(tuple(f" {u}" for u in LOCALITY_UNITS)):
        return False
    return bool(NATIONAL.search(canonical)) or words[0] == "Bộ" or words[-1][:1].isupper()


def make_body(canonical: str, scope: object, document: str) -> Body:
    scoped = scope == "document"
    provinces = provinces_in(canonical)
    return Body(
        canonical=canonical,
        key=fold(canonical) + (f"@{document}" if scoped else ""),
        scope="document" if scoped else None,
        anchored=not scoped and anchored(canonical),
        province=provinces[0] if len(provinces) == 1 else None,
    )


class DocumentBodies:
    """The ORG entities of one document: every spelling → the body its facts resolved it to."""

    def __init__(self, record: dict) -> None:
        self.document = str(record["id"])
        text = record["text"]
        self.spellings: dict[str, list] = {}  # body key → [Body, {spelling: mentions}]
        self._by_surface: dict[str, Body] = {}
        self._by_canonical: dict[str, Body] = {}
        # how the facts resolved bare heads here: "tỉnh ủy" → {" Nghệ An"} (from "Ban Thường vụ Tỉnh ủy" →
        # "Ban Thường vụ Tỉnh ủy Nghệ An"); and the bare names they left to this document
        self._extended: dict[str, set[str]] = {}
        self._scoped: set[str] = set()
        for ent in record["entities"]:
            if ent.get("label") != "ORG":
                continue
            surface = " ".join(text[ent["start"] : ent["end"]].split())
            norm = ent.get("norm") if isinstance(ent.get("norm"), dict) else {}
            written = canonical_name(surface)
            canonical = norm.get("canonical") if isinstance(norm.get("canonical"), str) else written
            if not canonical:
                continue
            body = make_body(canonical, norm.get("scope"), self.document)
            self._add(body, surface, 1)
            self._by_surface.setdefault(fold(surface), body)
            self._by_canonical.setdefault(fold(written), body)
            if body.scope:
                self._scoped.add(fold(canonical))
            elif len(canonical) > len(written) and fold(canonical).startswith(fold(written) + " "):
                words = written.split()
                for k in range(2, len(words) + 1):  # every ending of two words or more: "Tỉnh ủy", …
                    self._extended.setdefault(fold(" ".join(words[-k:])), set()).add(canonical[len(written) :])

    def _add(self, body: Body, spelling: str, mentions: int) -> None:
        entry = self.spellings.setdefault(body.key, [body, {}])
        entry[1][spelling] = entry[1].get(spelling, 0) + mentions

    def resolve(self, written: str) -> Body | None:
        """The body an official's org (as written) is: its ORG entity's, else its canonical name with
        the document's bare heads resolved the way its entities were ("Ban Thường vụ Tỉnh ủy" →
        "Ban Thường vụ Tỉnh ủy Nghệ An" when "Tỉnh ủy" → "Tỉnh ủy Nghệ An" here)."""
        spelling = " ".join(str(written).split())
        if not spelling:
            return None
        body = self._by_surface.get(fold(spelling))
        if body is None:
            canonical = canonical_name(spelling)
            if not canonical:
                return None
            body = self._by_canonical.get(fold(canonical))
            if body is None:
                body = self._from_bare(canonical)
        self._add(body, spelling, 0)
        return body

    def _from_bare(self, canonical: str) -> Body:
        words = canonical.split()
        for k in range(len(words), 1, -1):
            ending = fold(" ".join(words[-k:]))
            extensions = self._extended.get(ending)
            if extensions and len(extensions) == 1:
                return make_body(canonical + next(iter(extensions)), None, self.document)
            if extensions or ending in self._scoped:  # resolved two ways, or not at all: this document's
                return make_body(canonical, "document", self.document)
        return make_body(canonical, None, self.document)


def pair_posts(titles: list[str], orgs: list[str]) -> list[tuple[str | None, str | None]]:
    """(title without its body, body as written): a title that ends in an org's name is that org's post
    ("Chủ tịch UBND tỉnh" → ("Chủ tịch", "UBND tỉnh")); the titles and orgs left pair in order
    ("Bí thư" + "Huyện ủy Thanh Oai"); what is left over stands alone."""
    orgs = [" ".join(o.split()) for o in orgs if isinstance(o, str) and o.strip()]
    used = [False] * len(orgs)
    paired: list[tuple[str | None, str | None]] = []
    loose: list[int] = []
    for title in (" ".join(t.split()) for t in titles if isinstance(t, str) and t.strip()):
        folded = fold(title)
        match = None
        for i, org in sorted(enumerate(orgs), key=lambda pair: -len(pair[1])):
            if not used[i] and (folded == fold(org) or folded.endswith(" " + fold(org))):
                match = i
                break
        if match is None:
            loose.append(len(paired))
            paired.append((title, None))
            continue
        used[match] = True
        role = title[: len(title) - len(orgs[match])].strip(" ,-–")
        paired.append((role or title, orgs[match]))
    rest = [o for o, u in zip(orgs, used) if not u]
    for slot, org in zip(loose, rest):
        paired[slot] = (paired[slot][0], org)
    paired += [(None, org) for org in rest[len(loose) :]]
    return paired


def document_officials(record: dict, bodies: DocumentBodies | None = None) -> list[Official]:
    """The record's officials, each with posts whose bodies are resolved within the document.

    A person's provinces are those their posts' bodies name; when no post names a body of its
    own in the country (only bare or generic ones, or none), the one province the document
    names, if it names exactly one.
    """
    bodies = bodies or DocumentBodies(record)
    doc_provinces = provinces_in(record["text"])
    found: list[Official] = []
    for person in record.get("officials") or []:
        if not isinstance(person, dict) or not isinstance(person.get("name"), str) or not person["name"].strip():
            continue
        key = name_key(person["name"])
        if not key:
            continue
        mentions = person.get("mentions")
        official = Official(
            name=HONORIFICS.sub("", " ".join(person["name"].split())),
            key=key,
            mentions=len(mentions) if isinstance(mentions, list) else 1,
        )
        for title, org in pair_posts(person.get("titles") or [], person.get("orgs") or []):
            official.posts.append(Post(title, bodies.resolve(org) if org else None))
        provinces = dict.fromkeys(p.body.province for p in official.posts if p.body and p.body.province)
        if not provinces and not any(p.body and p.body.anchored for p in official.posts) and len(doc_provinces) == 1:
            provinces = dict.fromkeys(doc_provinces)
        official.provinces = list(provinces)
        found.append(official)
    return found
