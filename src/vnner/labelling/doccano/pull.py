"""Downloading a doccano project as the doccano JSONL `vnner train` reads, merged into a local file.

Each example becomes `{"id", "text", "label": [[start, end, LABEL]], "meta"}`: the id is the
document id push stored (`vnner_id`), or `doccano-<example id>` for examples uploaded another
way; spans are sorted and converted from doccano's UTF-16 positions to Python's (offsets.py);
`meta["doccano"]` records where the record came from and a hash of the text and spans as
pulled (`pulled`).

Merging into an existing file goes by document id, and never overwrites local work silently:

* a document the file does not have is **added**;
* a document whose text and spans are the same is **unchanged**;
* a document that changed in doccano replaces the local record when the local record is
  still exactly as it was last pulled (its hash matches `pulled`): **changed**;
* anything else — the local record was edited since, or it never came from doccano — is a
  **conflict**: the local record stays unless `overwrite` is given;
* local records doccano does not have are kept as they are.

Everything is downloaded before the file is touched, and the file is replaced in one step
(`write_records`: temp file + rename), so a pull that fails leaves the file as it was.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vnner.hashing import json_sha1
from vnner.labelling.annotations import load, write_records
from vnner.labelling.doccano.annotators import Credentials
from vnner.labelling.doccano.client import Api, DoccanoError
from vnner.labelling.doccano.offsets import Converter
from vnner.labelling.doccano.project import find_project, label_names
from vnner.labelling.doccano.push import META_ID
from vnner.labelling.validate import validate_record
from vnner.labels import LABELS
from vnner.text import normalize


def content_hash(record: dict) -> str:
    """A hash of what an annotator changes: the text and the sorted spans."""
    spans = sorted([int(s), int(e), str(label)] for s, e, label in record.get("label", []))
    return json_sha1([record["text"], spans])


@dataclass
class PullReport:
    project: str = ""
    examples: int = 0
    spans: Counter = field(default_factory=Counter)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    local_only: int = 0
    skipped: list[str] = field(default_factory=list)  # examples that cannot become training records
    problems: list[str] = field(default_factory=list)  # records `vnner validate` would reject
    disagreements: list[str] = field(default_factory=list)  # documents annotators labelled differently (team projects)
    written: bool = False


def fetch(api: Api, project_name: str, only_confirmed: bool = False, report: PullReport | None = None) -> list[dict]:
    """The project's examples as vnner records (see the module docstring)."""
    report = report if report is not None else PullReport()
    project = find_project(api, project_name)
    report.project = project_name
    if project.project.grapheme_mode:
        report.problems.append(
            f"project {project_name!r} has grapheme mode on: spans drawn in the browser count graphemes, not characters"
        )
    names = label_names(project)
    params = {"confirmed": "true"} if only_confirmed else {}
    records: list[dict] = []
    seen: dict[str, int] = {}
    for example in api.pages(f"projects/{project.id}/examples", **params):
        report.examples += 1
        meta = dict(example.get("meta") or {})
        doc_id = str(meta[META_ID]) if meta.get(META_ID) is not None else f"doccano-{example['id']}"
        where = f"doccano example {example['id']} ({doc_id})"
        text = example.get("text") or ""
        if normalize(text) != text:
            report.skipped.append(
                f"{where}: text is not normalised, so its offsets cannot be trusted; upload it with `vnner doccano "
                f"push`"
            )
            continue
        if doc_id in seen:
            report.skipped.append(f"{where}: id {doc_id!r} is already taken by doccano example {seen[doc_id]}")
            continue
        seen[doc_id] = example["id"]
        spans = []
        utf16 = Converter(text)  # doccano's browser counts UTF-16 code units (offsets.py)
        for span in api.get(f"projects/{project.id}/examples/{example['id']}/spans"):
            label = names.get(span["label"], f"#{span['label']}")
            start, end = utf16.from_utf16(span["start_offset"]), utf16.from_utf16(span["end_offset"])
            if start is None or end is None:
                report.skipped.append(
                    f"{where}: span {label} [{span['start_offset']}, {span['end_offset']}] cuts a character in two; "
                    f"redraw it in doccano"
                )
                continue
            spans.append([start, end, label])
            report.spans[label] += 1
        spans.sort(key=lambda s: (s[0], s[1], s[2]))
        record = {
            "id": doc_id,
            "text": text,
            "label": spans,
            "meta": {k: v for k, v in meta.items() if not k.startswith("vnner_")},
        }
        record["meta"]["doccano"] = {
            "project": project_name,
            "example": example["id"],
            "confirmed": bool(example.get("is_confirmed")),
            "pulled": content_hash(record),
        }
        for reason in validate_record(record):
            report.problems.append(f"{where}: {reason}")
        records.append(record)
    unknown = sorted(set(report.spans) - set(LABELS))
    if unknown:
        report.problems.append(f"spans with labels vnner does not know: {', '.join(unknown)}")
    return records


def _pulled_hash(record: dict) -> str | None:
    meta = record.get("meta")
    info = meta.get("doccano") if isinstance(meta, dict) else None
    return info.get("pulled") if isinstance(info, dict) else None


def merge(local: list[dict], remote: list[dict], report: PullReport, overwrite: bool = False) -> list[dict]:
    """The merged records: local order kept, new documents appended (module docstring)."""
    remote_by_id = {r["id"]: r for r in remote}
    merged: list[dict] = []
    done: set[str] = set()
    for record in local:
        doc_id = str(record["id"]) if record.get("id") is not None else None
        theirs = remote_by_id.get(doc_id) if doc_id is not None else None
        if theirs is None or doc_id in done:
            report.local_only += 1
            merged.append(record)
            continue
        done.add(doc_id)
        if content_hash(record) == content_hash(theirs):
            report.unchanged.append(doc_id)
            meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
            merged.append({**record, "meta": {**meta, "doccano": theirs["meta"]["doccano"]}})
        elif _pulled_hash(record) == content_hash(record):
            report.changed.append(doc_id)
            merged.append(_take(record, theirs))
        elif overwrite:
            report.overwritten.append(doc_id)
            merged.append(_take(record, theirs))
        else:
            report.conflicts.append(doc_id)
            merged.append(record)
    for record in remote:
        if record["id"] not in done:
            report.added.append(record["id"])
            merged.append(record)
    return merged


def _take(local: dict, remote: dict) -> dict:
    meta = local.get("meta") if isinstance(local.get("meta"), dict) else {}
    return {**local, **remote, "meta": {**meta, **remote["meta"]}}


def fetch_annotator(api: Api, project_name: str, name: str, credentials: Credentials, report: PullReport) -> list[dict]:
    """One annotator's confirmed examples with their own spans (read logged in as them: doccano shows
    each user only their own work in a non-collaborative project)."""
    as_them = api if name == api.settings.username else credentials.login(api, name)
    records = fetch(as_them, project_name, only_confirmed=True, report=report)
    for record in records:
        record["meta"]["annotator"] = name
    return records


def fetch_team(
    api: Api, project_name: str, credentials: Credentials, report: PullReport, log: Callable[[str], None]
) -> list[dict]:
    """Every member's confirmed examples, one record per document (see `combine`)."""
    project = find_project(api, project_name)
    versions: dict[str, dict[str, dict]] = {}
    order: list[str] = []
    for member in api.get(f"projects/{project.id}/members"):
        name = member["username"]
        mine = PullReport()
        try:
            records = fetch_annotator(api, project_name, name, credentials, mine)
        except DoccanoError as exc:
            report.problems.append(f"labels of {name!r} not pulled: {exc}")
            log(f"warning: labels of {name!r} not pulled: {exc}")
            continue
        report.examples += mine.examples
        report.spans.update(mine.spans)
        report.skipped += [f"{name}: {s}" for s in mine.skipped]
        report.problems += [f"{name}: {p}" for p in mine.problems]
        for record in records:
            if record["id"] not in versions:
                versions[record["id"]] = {}
                order.append(record["id"])
            versions[record["id"]][name] = record
    combined = [combine(versions[doc_id]) for doc_id in order]
    report.disagreements = [r["id"] for r in combined if r["meta"].get("disagreement")]
    return combined


def combine(by_annotator: dict[str, dict]) -> dict:
    """One record from several annotators' versions of a document.

    `label` holds the spans every annotator drew (all of one annotator's when only one
    confirmed it); `meta["annotations"]` each annotator's spans under their name, and
    `meta["disagreement"]` whether they differ — `vnner review` settles those.
    """
    names = sorted(by_annotator)
    first = by_annotator[names[0]]
    sets = {name: {tuple(s) for s in by_annotator[name]["label"]} for name in names}
    agreed = set.intersection(*sets.values())
    meta = {k: v for k, v in first["meta"].items() if k != "annotator"}
    meta["annotators"] = names
    meta["annotations"] = {name: by_annotator[name]["label"] for name in names}
    meta["disagreement"] = len({frozenset(v) for v in sets.values()}) > 1
    record = {"id": first["id"], "text": first["text"], "label": sorted([list(s) for s in agreed]), "meta": meta}
    record["meta"]["doccano"] = {**first["meta"]["doccano"], "pulled": content_hash(record)}
    return record


def pull(
    api: Api,
    project_name: str,
    output: Path,
    only_confirmed: bool = False,
    overwrite: bool = False,
    log: Callable[[str], None] = lambda _: None,
    annotator: str | None = None,
    credentials: Credentials | None = None,
) -> PullReport:
    """Download the project and merge it into `output` (created if missing).

    `annotator`: that annotator's confirmed labels only. Without it, a non-collaborative
    (team) project comes back one record per document with every member's version (`combine`).
    """
    report = PullReport()
    output = Path(output)
    local = load(output) if output.exists() else []  # a broken local file stops the pull here
    credentials = credentials or Credentials()
    if annotator:
        remote = fetch_annotator(api, project_name, annotator, credentials, report)
    elif not find_project(api, project_name).project.collaborative_annotation:
        remote = fetch_team(api, project_name, credentials, report, log)
    else:
        remote = fetch(api, project_name, only_confirmed=only_confirmed, report=report)
    merged = merge(local, remote, report, overwrite=overwrite)
    before = output.read_bytes() if output.exists() else None
    after = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in merged).encode("utf-8")
    if after != before:
        write_records(output, merged)
        report.written = True
    return report
