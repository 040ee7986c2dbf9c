"""One document of `vnner extract` output as an HTML page, its entities highlighted by spaCy's displaCy."""

from __future__ import annotations

import html
import json
from pathlib import Path

from vnner.paths import CONFIGS
from vnner.views.report import read_extracted

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


def displacy_doc(record: dict) -> dict:
    """The manual-mode input of displaCy: text, non-overlapping entities in order, title."""
    ents = []
    last = 0
    for ent in sorted(record["entities"], key=lambda e: (e["start"], -e["end"])):
        if ent["start"] >= last:
            ents.append({"start": ent["start"], "end": ent["end"], "label": ent["label"]})
            last = ent["end"]
    return {"text": record["text"], "ents": ents, "title": str(record["id"])}


def _officials_table(officials: object) -> str:
    rows = []
    for person in officials if isinstance(officials, list) else []:
        if not isinstance(person, dict):
            continue
        cells = [
            person.get("name"),
            "; ".join(person.get("titles") or []),
            "; ".join(person.get("orgs") or []),
            len(person.get("mentions") or []),
        ]
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    if not rows:
        return ""
    head = "".join(f"<th>{h}</th>" for h in ("official", "titles", "organisations", "mentions"))
    return f'<h3>Officials</h3><table class="officials"><tr>{head}</tr>{"".join(rows)}</table>'


PAGE = """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{title}</title>
<style>body {{font-family: -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 60em; margin: 2em auto;
padding: 0 1em}}
table.officials {{border-collapse: collapse}} table.officials td, table.officials th {{border: 1px solid #ddd;
padding: .3em .6em; text-align: left}}</style>
</head>
<body>
{body}
{officials}
</body>
</html>
"""


def render(record: dict, colors: dict[str, str] | None = None) -> str:
    """A standalone HTML page for one extract record."""
    from spacy import displacy

    colors = label_colors() if colors is None else colors
    body = displacy.render(displacy_doc(record), style="ent", manual=True, page=False, options={"colors": colors})
    return PAGE.format(
        title=html.escape(str(record["id"])), body=body, officials=_officials_table(record.get("officials"))
    )


def show(doc_id: str, path: str | Path, out: str | Path) -> Path:
    """Write the HTML page of document doc_id from an extract output file to out."""
    page = render(find_document(path, doc_id))
    out = Path(out)
    if out.parent:
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
