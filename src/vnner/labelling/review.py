"""Settling disagreements between annotators: keep what everyone agrees on, send the rest to a reviewer.

`combine` takes several annotators' files of (some of) the same documents, matched by text.
A document whose versions are all the same, or that only one annotator labelled, goes
straight to the merged file. A document the annotators labelled differently is *disputed*:
it is left out of the merged file and becomes a review record — the spans everyone drew as
its labels, and every annotator's version, span by span, in its meta — to be pushed to a
review project in doccano (`to_inputs`). The reviewer sees the agreed spans pre-annotated and
each version in the example's metadata, settles it and confirms; pulling the review project
into the merged file (`vnner doccano pull --project REVIEW --only-confirmed -o merged.jsonl`)
adds the adjudicated documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vnner.hashing import text_sha1
from vnner.io.inputs import InputRecord

META_VERSION = "version of "  # meta key prefix, one per annotator: "version of ana"


@dataclass
class ReviewResult:
    merged: list[dict] = field(default_factory=list)
    disputed: list[dict] = field(default_factory=list)
    single: int = 0  # documents only one annotator labelled (merged as they are)
    agreed: int = 0  # documents labelled identically by two annotators or more
    notes: list[str] = field(default_factory=list)


def annotator_name(path: Path, records: list[dict]) -> str:
    """The annotator a file belongs to: the `annotator` every record's meta names (per-annotator pull), else the file
    name.
    """
    names = {(r.get("meta") or {}).get("annotator") for r in records}
    if len(names) == 1 and None not in names:
        return str(names.pop())
    return Path(path).stem


def _spans(record: dict) -> set[tuple[int, int, str]]:
    return {(int(s), int(e), str(label)) for s, e, label in record["label"]}


def describe(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """A version as a reviewer reads it: `ORG «Huyện ủy Gio Linh» 12-29 · QUANTITY «215 đảng viên» 40-53`."""
    return " · ".join(f"{label} «{text[s:e]}» {s}-{e}" for s, e, label in sorted(spans)) or "(no spans)"


def combine(files: dict[str, list[dict]]) -> ReviewResult:
    """Merge annotators' files ({name: records}); see the module docstring."""
    result = ReviewResult()
    versions: dict[str, dict[str, dict]] = {}
    order: list[str] = []
    for name, records in files.items():
        for record in records:
            text = record["text"]
            if text not in versions:
                versions[text] = {}
                order.append(text)
            if name in versions[text]:
                result.notes.append(f"{name}: document {record.get('id')!r} appears twice; the first is used")
                continue
            versions[text][name] = record
    for text in order:
        by_name = versions[text]
        names = sorted(by_name)
        first = by_name[names[0]]
        doc_id = next((r["id"] for r in by_name.values() if r.get("id") is not None), None)
        sets = {name: _spans(by_name[name]) for name in names}
        base_meta = {
            k: v for k, v in (first.get("meta") or {}).items() if k not in ("annotator", "doccano", "annotations")
        }
        if len({frozenset(v) for v in sets.values()}) == 1:
            if len(names) == 1:
                result.single += 1
            else:
                result.agreed += 1
            record = {
                "id": doc_id,
                "text": text,
                "label": sorted([list(s) for s in sets[names[0]]]),
                "meta": {**base_meta, "annotators": names},
            }
            result.merged.append(record)
            continue
        agreed = set.intersection(*sets.values())
        meta = {**base_meta, "annotators": names, "annotations": {n: sorted([list(s) for s in sets[n]]) for n in names}}
        result.disputed.append({"id": doc_id, "text": text, "label": sorted([list(s) for s in agreed]), "meta": meta})
    return result


def to_inputs(disputed: list[dict]) -> list[InputRecord]:
    """Review records as push input: each annotator's differing spans readable in the example's meta."""
    out = []
    for record in disputed:
        agreed = _spans(record)
        meta = {
            "review": "spans every annotator drew are pre-annotated; the versions below differ — "
            "settle them, then confirm"
        }
        for name, spans in record["meta"]["annotations"].items():
            extra = {tuple(s) for s in spans} - agreed
            meta[f"{META_VERSION}{name}"] = describe(record["text"], extra) if extra else "(only the agreed spans)"
        meta["annotators"] = ", ".join(record["meta"]["annotators"])
        doc_id = record["id"] if record.get("id") is not None else f"sha1-{text_sha1(record['text'])[:12]}"
        out.append(InputRecord(source="review", line=None, id=doc_id, text=record["text"], meta=meta))
    return out


def agreed_predictor(disputed: list[dict]):
    """A push predictor that pre-annotates each review record with its agreed spans."""
    by_text = {r["text"]: r for r in disputed}

    def predict(texts: list[str]) -> list[list[dict]]:
        out = []
        for text in texts:
            record = by_text.get(text)
            spans = sorted(_spans(record)) if record else []
            out.append([{"start": s, "end": e, "label": label, "text": text[s:e]} for s, e, label in spans])
        return out

    return predict
