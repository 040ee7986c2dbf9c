"""One document of `vnner extract` output as an HTML page, its entities highlighted by spaCy's displaCy.

Each highlighted entity shows its facts (`norm`) when pointed at, and a table under the text lists
them all. The officials table is the knowledge base's view of them (`vnner.kb.linking`): posts
with their bodies resolved in the document, and the other documents of the same file that name
the same person (people of one name joined only when a body or a province ties them).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from vnner.kb.dates import document_date
from vnner.kb.linking import Mention, Person, document_mentions, link, person_posts
from vnner.kb.posts import name_key
from vnner.paths import CONFIGS
from vnner.views.report import read_extracted, with_facts

DISPLAY_CONFIG = "display.json"


class DocumentNotFound(LookupError):
    """The id is not in the file; the message lists some ids that are."""


def label_colors(path: str | Path | None = None) -> dict[str, str]:
    """Label → CSS colour from configs/display.json."""
    where = Path(path) if path else CONFIGS / DISPLAY_CONFIG
    try:
        colors = json.loads(where.read_text(encoding="utf-8"))["colors"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"cannot read label colours from {where}: {exc}; restore configs/{DISPLAY_CONFIG}") from exc
    return {str(k): str(v) for k, v in colors.items()}


def find_document(path: str | Path, doc_id: str) -> dict:
    """The record whose id is doc_id (ids compare as strings); DocumentNotFound if there is none."""
    seen: list[str] = []
    for _, record, _problem in read_extracted(path):
        if record is None:
            continue
        if str(record["id"]) == doc_id:
            return record
        seen.append(str(record["id"]))
    sample = ", ".join(seen[:5]) + (f", … ({len(seen)} in all)" if len(seen) > 5 else "")
    raise DocumentNotFound(
        f"no document with id {doc_id!r} in {path}"
        + (f"; ids there: {sample}" if seen else "; it holds no readable documents")
    )


def shown_entities(record: dict) -> list[dict]:
    """The entities displaCy can show: non-overlapping, in order (the longer one first at one start)."""
    ents = []
    last = 0
    for ent in sorted(record["entities"], key=lambda e: (e["start"], -e["end"])):
        if ent["start"] >= last:
            ents.append(ent)
            last = ent["end"]
    return ents


def displacy_doc(record: dict) -> dict:
    """The manual-mode input of displaCy: text, non-overlapping entities in order, title."""
    ents = [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in shown_entities(record)]
    return {"text": record["text"], "ents": ents, "title": str(record["id"])}


def facts_text(norm: object) -> str:
    """A norm as one line: 'value: 15000 · unit: lượt học viên · approx: above'; fields without a value left out."""
    if not isinstance(norm, dict):
        return "no facts"
    parts = []
    for key, value in norm.items():
        if value is None or value is False:
            continue
        if isinstance(value, (list, tuple)):
            value = "/".join(str(v) for v in value)
        parts.append(f"{key}: {value}")
    return " · ".join(parts) or "no facts"


def _table(css: str, heading: str, head: tuple[str, ...], rows: list[list[object]]) -> str:
    if not rows:
        return ""
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    header = "".join(f"<th>{h}</th>" for h in head)
    return f'<h3>{heading}</h3><table class="{css}"><tr>{header}</tr>{cells}</table>'


def _facts_table(record: dict) -> str:
    text = record["text"]
    rows = [
        [e["label"], text[e["start"] : e["end"]], facts_text(e.get("norm"))]
        for e in sorted(record["entities"], key=lambda e: (e["start"], -e["end"]))
    ]
    return _table("facts", "Entities and their facts", ("label", "text", "facts"), rows)


def _officials_table(mentions: list[Mention], people: dict[str, Person]) -> str:
    rows = []
    for mention in mentions:
        person = people.get(mention.id)
        posts = person_posts(Person(id="", name=mention.name, key=mention.key, members=[mention]))
        others = [m.document for m in (person.members if person else []) if m.document != mention.document]
        rows.append(
            [
                mention.name,
                "; ".join(", ".join(x for x in (p.title, p.body) if x) for p in posts),
                mention.mentions,
                ", ".join(dict.fromkeys(others)),
            ]
        )
    return _table("officials", "Officials", ("official", "posts", "mentions", "also in"), rows)


def linked_people(path: str | Path, record: dict) -> tuple[list[Mention], dict[str, Person]]:
    """The record's officials as mentions, and each mention's person across the documents of the file."""
    record = with_facts(record)
    own = document_mentions(record, document_date(record["text"], record.get("meta"))[0])
    names = {m.key for m in own}
    mentions = list(own)
    for _, other, _problem in read_extracted(path):
        if other is None or str(other["id"]) == str(record["id"]):
            continue
        people = other.get("officials")
        if isinstance(people, list) and not any(
            isinstance(p, dict) and isinstance(p.get("name"), str) and name_key(p["name"]) in names for p in people
        ):
            continue  # names none of this document's officials
        other = with_facts(other)
        mentions += document_mentions(other, document_date(other["text"], other.get("meta"))[0])
    people_of = {m.id: person for person in link(mentions) for m in person.members}
    return own, people_of


MARK = re.compile(r'<mark class="entity"')


def _with_titles(body: str, facts: list[str]) -> str:
    """displaCy's marks, in order, each with its entity's facts as a tooltip."""
    it = iter(facts)
    return MARK.sub(lambda m: f'{m.group()} title="{html.escape(next(it, ""), quote=True)}"', body)


PAGE = """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{title}</title>
<style>body {{font-family: -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 60em; margin: 2em auto;
padding: 0 1em}}
table {{border-collapse: collapse; margin-bottom: 1.5em}} td, th {{border: 1px solid #ddd;
padding: .3em .6em; text-align: left; vertical-align: top}} mark.entity {{cursor: help}}</style>
</head>
<body>
{body}
{officials}
{facts}
</body>
</html>
"""


def render(
    record: dict, colors: dict[str, str] | None = None, people: tuple[list[Mention], dict[str, Person]] | None = None
) -> str:
    """A standalone HTML page for one extract record; `people` from linked_people (else this document alone)."""
    from spacy import displacy

    colors = label_colors() if colors is None else colors
    record = with_facts(record)
    body = displacy.render(displacy_doc(record), style="ent", manual=True, page=False, options={"colors": colors})
    body = _with_titles(body, [f"{e['label']}: {facts_text(e.get('norm'))}" for e in shown_entities(record)])
    if people is None:
        own = document_mentions(record)
        people = (own, {m.id: p for p in link(own) for m in p.members})
    return PAGE.format(
        title=html.escape(str(record["id"])),
        body=body,
        officials=_officials_table(*people),
        facts=_facts_table(record),
    )


def show(doc_id: str, path: str | Path, out: str | Path) -> Path:
    """Write the HTML page of document doc_id from an extract output file to out."""
    record = find_document(path, doc_id)
    page = render(record, people=linked_people(path, record))
    out = Path(out)
    if out.parent:
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
