"""Who labels which document: each document to one annotator, a share of them to two.

doccano 1.8.4 has no assignment feature (no model or endpoint for it), so the assignment is
recorded in each example's meta, where the annotation screen shows it: `assigned_to`
("ana, binh") for people, `vnner_assigned` (a list) for vnner. Pre-annotations are uploaded
under the assigned annotators' own accounts only, so in a non-collaborative project an
annotator finds their documents pre-filled and the others empty.

The assignment is deterministic: documents go round-robin in input order; the doubly-labelled
share is chosen by a hash of the document id (the same documents whatever the file order),
and its second annotator is the next one in the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnner.hashing import text_sha1

META_ASSIGNED = "vnner_assigned"
META_ASSIGNED_SHOWN = "assigned_to"


def parse_annotators(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    if len(set(names)) != len(names):
        raise ValueError(f"--annotators {value!r} names someone twice")
    return names


def assign(doc_ids: Sequence[str], annotators: Sequence[str], overlap: float = 0.0) -> dict[str, list[str]]:
    """{doc id: [annotator, (second annotator)]}; round(overlap · n) documents get two annotators."""
    if not annotators:
        raise ValueError("no annotators to assign documents to")
    if not 0 <= overlap <= 1:
        raise ValueError(f"--overlap must lie between 0 and 1, got {overlap}")
    if overlap and len(annotators) < 2:
        raise ValueError("--overlap needs two annotators or more")
    double = set(sorted(doc_ids, key=text_sha1)[: round(overlap * len(doc_ids))])
    out: dict[str, list[str]] = {}
    for i, doc_id in enumerate(doc_ids):
        first = annotators[i % len(annotators)]
        out[doc_id] = [first]
        if doc_id in double:
            out[doc_id].append(annotators[(i + 1) % len(annotators)])
    return out
