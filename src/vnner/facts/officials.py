"""OFFICIAL mentions → one record per person with the posts the text gives them.

Posts are read on both sides of a name (configs/settings.json (facts, vocabulary) lists the titles):

* after it, a list of posts set off by a comma or a dash, each kept whole as a title:
  "đồng chí Lê Đình Sơn, Ủy viên Ban Chấp hành Trung ương, Bí thư Tỉnh ủy, Chủ tịch Hội đồng
  nhân dân tỉnh" → titles "Ủy viên Ban Chấp hành Trung ương", "Bí thư Tỉnh ủy", "Chủ tịch Hội
  đồng nhân dân tỉnh", orgs "Ban Chấp hành Trung ương", "Tỉnh ủy", "Hội đồng nhân dân tỉnh";
* before it, a title and a body directly in front of the name: "Bí thư Huyện ủy Thanh Oai Bùi
  Hoàng Phan" → title "Bí thư", org "Huyện ủy Thanh Oai".

Also a list of posts set off by commas before the name ("Ủy viên Trung ương Đảng, Bí thư Tỉnh
ủy, đồng chí …"), and the title line of a signature block ("PHÓ CHỦ TỊCH" above the signer).

A post's body is the ORG entity there; without one, the capitalised words (and the lower-case
syllables of organisation names) after the title. Mentions of one person merge: the same name
in any tone placement, and a later name that repeats the end of a full name without its
surname ("Hoàng Phan" after "Bùi Hoàng Phan") when only one person's name ends that way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from vnner.facts import config
from vnner.facts.org import org_key
from vnner.facts.spans import OrgIndex, valid_span

WORD = re.compile(r"[^\S\n]+([^\s,;:()\[\]“”\"!?…]+)")
CLAUSE_END = re.compile(r"[,;:()\[\]“”\"!?…\n]|\.\s|\s[-–—]\s")
MAX_LOOKBACK = 200
SPACES = re.compile(r"[ \t\u00a0]*")


@dataclass
class Post:
    title: str
    org: str | None


@dataclass
class Person:
    name: str
    key: tuple[str, ...]
    titles: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    mentions: list[list[int]] = field(default_factory=list)
    _title_keys: set[str] = field(default_factory=set, repr=False)
    _org_keys: set[str] = field(default_factory=set, repr=False)

    def add(self, posts: list[Post]) -> None:
        for post in posts:
            if post.title and config.fold(post.title) not in self._title_keys:
                self._title_keys.add(config.fold(post.title))
                self.titles.append(post.title)
            if post.org and org_key(post.org) not in self._org_keys:
                self._org_keys.add(org_key(post.org))
                self.orgs.append(post.org)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "titles": _absorb(self.titles, config.fold),
            "orgs": _absorb(self.orgs, org_key),
            "mentions": self.mentions,
        }


def _absorb(items: list[str], key) -> list[str]:
    """Drop an item that a longer one starts with ("Bí thư" when "Bí thư Huyện ủy Thanh Oai" is there)."""
    keys = [key(i) for i in items]
    ordered = sorted(keys)

    def extended(k: str) -> bool:
        i = bisect_left(ordered, k + " ")
        return i < len(ordered) and ordered[i].startswith(k + " ")

    return [i for i, k in zip(items, keys) if not extended(k)]


@config.derived
def _lists() -> dict:
    heads = {config.fold(k): len(v) for k, v in config.mapping("titles_ending_in_org_head").items()}
    verbs = config.alternation(config.words("post_verbs"))
    return {
        "title": re.compile(
            rf"(?:(?:{config.alternation(config.words('title_prefixes'))})\s+)?(?:{config.alternation(config.load()['titles'])})(?!\w)"
        ),
        "honorific": re.compile(rf"(?:^|\s)(?:{config.alternation(config.words('honorifics'))})\s*$"),
        "inner": {config.fold(w) for w in config.words("org_inner_words")},
        # a comma or a dash after a name, or a verb that gives the post ("tái đắc cử", "giữ chức")
        "after_name": re.compile(rf"[^\S\n]*(?:,[^\S\n]*)?(?:{verbs})[^\S\n]+|[^\S\n]*(?:,|[-–—(])[^\S\n]*"),
        "between_posts": re.compile(rf"[^\S\n]*(?:,[^\S\n]*)?(?:{verbs})[^\S\n]+|[^\S\n]*,[^\S\n]*"),
        "heads": heads,
    }


def _title_at(folded: str, pos: int) -> re.Match | None:
    if pos and folded[pos - 1].isalnum():
        return None
    return _lists()["title"].match(folded, pos)


def _org_words(text: str, pos: int, limit: int | None = None, blocked: frozenset[int] = frozenset()) -> int:
    """Where a body written after a title ends, judged by its words (no ORG entity there).

    With a limit (the body sits between a title and a name) a lower-case syllable may also
    finish a capitalised word ("Chính phủ", "Công an"); without one it may not, or the verb
    after a post would join it ("Bí thư Huyện ủy Thanh Oai cho rằng").
    """
    inner = _lists()["inner"]
    end = pos
    trailing_ok = pos
    previous_capital = False
    while True:
        m = WORD.match(text, end)
        if not m or (limit is not None and m.end() > limit):
            break
        word = m.group(1)
        if m.start(1) in blocked:  # a name starts here
            break
        stop = word.endswith(".")
        word = word.rstrip(".")
        if config.fold(word) == "và" and end > pos:
            # "Sở Kế hoạch và Đầu tư", but not "Bí thư Tỉnh ủy và Chủ tịch …"
            nxt = WORD.match(text, m.end())
            if not nxt or not nxt.group(1)[0].isupper():
                break
            # Fold only the next word and the character before it (fold keeps offsets).
            cut = max(0, nxt.start(1) - 1)
            if _title_at(config.fold(text[cut : nxt.end()]), nxt.start(1) - cut):
                break
        elif not word or not (
            word[0].isupper()
            or config.fold(word) in inner
            or (word.isdigit() and end > pos)
            or (limit is not None and end > pos and previous_capital)
        ):
            break
        previous_capital = word[0].isupper()
        end = m.start(1) + len(word)
        if word not in ("-", "–") and config.fold(word) != "và":
            trailing_ok = end
        if stop:
            break
    return trailing_ok


def _split_head(text: str, folded: str, title_start: int, title_end: int, org_start: int) -> int:
    """'Trưởng ban' + 'Tổ chức Tỉnh ủy': the body starts at 'ban' (annotation guidelines)."""
    heads = _lists()["heads"]
    title = " ".join(folded[title_start:title_end].split())
    for name, length in heads.items():
        # a head of several words names the body by itself: "Trưởng Đoàn đại biểu Quốc hội tỉnh"
        if title.endswith(name) and org_start < len(text) and (text[org_start].isupper() or " " in name):
            return title_end - length
    return org_start


def _post_at(text: str, folded: str, pos: int, orgs: OrgIndex, blocked: frozenset[int]) -> tuple[Post, int] | None:
    """A post written at pos ("Bí thư Tỉnh ủy"), kept whole as the title, and where it ends."""
    m = _title_at(folded, pos)
    if not m:
        return None
    title_end = m.end()
    after = SPACES.match(text, title_end).end()  # not a slice of the rest: that copies the whole document
    end = _org_words(text, title_end, blocked=blocked)
    # the body is the ORG entity right after the title, or one that its words run into
    # ("Phó Chủ nhiệm Thường trực UBKT Tỉnh uỷ")
    org = orgs.first_after(pos, max(after, end))
    if org:
        return Post(text[pos : org["end"]], text[org["start"] : org["end"]]), org["end"]
    if end == title_end:
        return Post(text[pos:title_end], None), title_end
    org_start = _split_head(text, folded, pos, title_end, after)
    return Post(text[pos:end], text[org_start:end]), end


def _index(orgs: OrgIndex | list[dict], text: str) -> OrgIndex:
    return orgs if isinstance(orgs, OrgIndex) else OrgIndex(orgs, len(text))


def posts_after(
    text: str, folded: str, end: int, orgs: OrgIndex | list[dict], blocked: frozenset[int] = frozenset()
) -> list[Post]:
    """Posts listed after a name: ", Ủy viên Ban Thường vụ, Trưởng ban Dân vận Tỉnh ủy"."""
    orgs = _index(orgs, text)
    m = _lists()["after_name"].match(folded, end)
    posts: list[Post] = []
    while m:
        found = _post_at(text, folded, m.end(), orgs, blocked)
        if not found:
            break
        posts.append(found[0])
        m = _lists()["between_posts"].match(folded, found[1])
    return posts


def posts_before(
    text: str, folded: str, start: int, orgs: OrgIndex | list[dict], name_ends: frozenset[int] = frozenset()
) -> list[Post]:
    """Posts in front of a name: "Bí thư Huyện ủy Thanh Oai Bùi Hoàng Phan", and a list of posts
    set off by commas before it: "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, đồng chí Lê Văn B"."""
    orgs = _index(orgs, text)
    lo = max(0, start - MAX_LOOKBACK)
    cuts = [m.end() for m in CLAUSE_END.finditer(text, lo, start)]
    clause_start = cuts[-1] if cuts else lo
    direct, honorific_only = _post_right_before(text, folded, start, clause_start, orgs)
    if (direct or honorific_only) and cuts and text[clause_start - 1] == ",":
        return _posts_listed_before(text, folded, clause_start - 1, cuts[:-1], lo, orgs, name_ends) + direct
    return direct


def _posts_listed_before(
    text: str, folded: str, comma: int, cuts: list[int], lo: int, orgs: OrgIndex, name_ends: frozenset[int]
) -> list[Post]:
    """Whole posts in the comma-separated segments that end at comma, nearest last; none when
    they follow another person's name ("đồng chí X, Bí thư Tỉnh ủy, đồng chí Y": X's posts)."""
    posts: list[Post] = []
    i = len(cuts) - 1
    while i >= 0 or lo == 0:
        seg_start = cuts[i] if i >= 0 else 0
        segment = text[seg_start:comma]
        pos = seg_start + len(segment) - len(segment.lstrip())
        found = _post_at(text, folded, pos, orgs, frozenset())
        if not found or text[found[1] : comma].strip():
            # the segment before the posts: another person's name there owns them
            if posts and seg_start + len(segment.rstrip()) in name_ends:
                return []
            break
        posts.insert(0, found[0])
        if i < 0 or text[seg_start - 1] != ",":
            break
        comma, i = seg_start - 1, i - 1
    return posts


def _post_right_before(
    text: str, folded: str, start: int, clause_start: int, orgs: OrgIndex
) -> tuple[list[Post], bool]:
    """(the post between clause_start and the name, whether that stretch is only an honorific)."""
    clause = folded[clause_start:start]
    h = _lists()["honorific"].search(clause)
    stop = clause_start + (h.start() if h else len(clause.rstrip()))
    while stop > clause_start and text[stop - 1].isspace():
        stop -= 1
    if stop <= clause_start:
        return [], h is not None
    titles = []
    pos = clause_start
    while pos < stop:
        m = _title_at(folded, pos)
        if m and m.end() <= stop:
            titles.append(m)
            pos = m.end()
        else:
            pos += 1
    if not titles:
        return [], False
    org = orgs.ending_at(stop, clause_start)
    if org:
        body, parent = org, None
        of = OF_BEFORE.search(text, clause_start, org["start"])
        if of:  # "Chủ nhiệm Ủy ban Pháp luật của Quốc hội Lê Văn Tâm": the post is in the first body
            inner = orgs.ending_at(of.start(), clause_start)
            if inner:
                body, parent = inner, org
        for m in reversed(titles):
            if m.start() < body["start"] and (m.end() > body["start"] or not text[m.end() : body["start"]].strip()):
                named_alone = config.fold(" ".join(text[m.start() : m.end()].split())) in _posts_named_alone()
                if parent is not None or (_central(text[body["start"] : body["end"]]) and not named_alone):
                    title = text[m.start() : org["end"]]  # "Bộ trưởng Bộ Nội vụ": a national post names its body
                else:
                    title = text[m.start() : min(m.end(), body["start"])].rstrip()
                return [Post(title, text[body["start"] : body["end"]])], False
        return [], False
    m = titles[-1]
    rest = text[m.end() : stop]
    if not rest.strip():
        return [Post(text[m.start() : m.end()], None)], False
    body_start = m.end() + len(rest) - len(rest.lstrip())
    if _org_words(text, m.end(), stop) != stop:
        return [], False
    org_start = _split_head(text, folded, m.start(), m.end(), body_start)
    return [Post(text[m.start() : org_start].rstrip(), text[org_start:stop])], False


OF_BEFORE = re.compile(r"\s(?i:của)\s+$")


@config.derived
def _posts_named_alone() -> frozenset[str]:
    return frozenset(config.fold(t) for t in config.words("posts_named_alone"))


def _central(name: str) -> bool:
    """A body the registry knows as one in the country ("Bộ Nội vụ", "Quốc hội"), not a local head."""
    return config.fold(" ".join(name.split())) in config.load()["org_whole_names"]


SIGNED = re.compile(r"\(?(?i:đã\s+ký|ký\s+tên.*|ký,?\s+ghi\s+rõ.*|đã\s+ký\s+và\s+đóng\s+dấu)\)?")
ON_BEHALF = re.compile(r"^(?:KT|TM|TL|TUQ|Q|QUYỀN)\.?\s+")


@config.derived
def _title_forms() -> dict[str, str]:
    return {config.fold(t): t for t in config.load()["titles"]}


def posts_signature(text: str, start: int) -> list[Post]:
    """The signer's title in a document's signature block, the title line right above the name:
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A" → "Phó Chủ tịch" ("(Đã ký)" lines skipped)."""
    lo = max(0, start - MAX_LOOKBACK)
    line_start = text.rfind("\n", lo, start)
    if line_start < 0 or text[line_start + 1 : start].strip():
        return []
    for line in reversed(text[lo:line_start].split("\n")):
        line = line.strip()
        if not line or SIGNED.fullmatch(line):
            continue
        title = _title_forms().get(" ".join(config.fold(ON_BEHALF.sub("", line)).split()))
        return [Post(title, None)] if title else []
    return []


def name_key(name: str) -> tuple[str, ...]:
    return tuple(config.fold(name).split())


def link_officials(text: str, entities: list[dict], orgs: OrgIndex | None = None) -> list[dict]:
    """One record per person named by an OFFICIAL entity: {"name", "titles", "orgs", "mentions"}."""
    if not isinstance(text, str):
        return []
    entities = [e for e in (entities or []) if valid_span(e, len(text))]
    orgs = orgs if orgs is not None else OrgIndex(entities, len(text))
    names = sorted((e for e in entities if e.get("label") == "OFFICIAL"), key=lambda e: e["start"])
    folded = config.fold(text)
    starts = frozenset(e["start"] for e in names)
    ends = frozenset(e["end"] for e in names)
    groups: dict[tuple[str, ...], Person] = {}
    order: list[tuple[str, ...]] = []
    for ent in names:
        surface = " ".join(text[ent["start"] : ent["end"]].split())
        key = name_key(surface)
        if not key:
            continue
        if key not in groups:
            groups[key] = Person(surface, key)
            order.append(key)
        person = groups[key]
        person.mentions.append([ent["start"], ent["end"]])
        person.add(posts_before(text, folded, ent["start"], orgs, ends) or posts_signature(text, ent["start"]))
        person.add(posts_after(text, folded, ent["end"], orgs, starts))
    return [p.as_dict() for p in merge_short_names([groups[k] for k in order])]


def merge_short_names(people: list[Person]) -> list[Person]:
    """Fold "Hoàng Phan" into "Bùi Hoàng Phan" when exactly one longer name ends that way."""
    kept: list[Person] = []
    ending: dict[tuple[str, ...], list[Person]] = {}  # a name's proper endings → the kept people with that name
    for person in sorted(people, key=lambda p: -len(p.key)):
        longer = [k for k in ending.get(person.key, ()) if len(k.key) > len(person.key)]
        if len(longer) == 1:
            target = longer[0]
            target.mentions.extend(person.mentions)
            target.add([Post(t, None) for t in person.titles] + [Post("", o) for o in person.orgs])
        else:
            kept.append(person)
            for n in range(1, len(person.key)):
                ending.setdefault(person.key[-n:], []).append(person)
    for person in kept:
        person.mentions.sort()
    first = {id(p): p.mentions[0][0] for p in kept}
    return sorted(kept, key=lambda p: first[id(p)])


def official_names(officials: list[dict]) -> dict[tuple[int, int], str]:
    """(start, end) of each mention → the person's name, for the OFFICIAL entities' norm."""
    return {(s, e): o["name"] for o in officials for s, e in o["mentions"]}
