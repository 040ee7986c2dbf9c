"""doccano JSONL → spaCy DocBin, with an explicit alignment policy.

A gold span whose edges fall inside a token cannot be learnt as is. Policy: snap to the
tokens inside the span ("contract"); if none, to the tokens covering it ("expand"); spans
that still cannot be placed (or would overlap an earlier one) are dropped. Every adjusted
or dropped span is counted and reported, never silently lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.util import filter_spans

from vnner.labelling.annotations import read_records
from vnner.pipeline.boilerplate import boilerplate_ranges
from vnner.text import normalize


@dataclass
class AlignmentReport:
    spans: int = 0
    adjusted: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    documents: int = 0
    labels: Counter = field(default_factory=Counter)


def record_to_doc(nlp: Language, record: dict, report: AlignmentReport, where: str = ""):
    text = record["text"]
    if normalize(text) != text:
        raise ValueError(f"{where}: text is not normalised; run `vnner validate` for details")
    doc = nlp.make_doc(text)
    spans = []
    for start, end, label in record["label"]:
        report.spans += 1
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:
            span = doc.char_span(start, end, label=label, alignment_mode="contract")
            if span is None or not len(span):
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or not len(span):
                report.dropped.append(f"{where}: [{start}, {end}, {label}] {text[start:end]!r}")
                continue
            report.adjusted.append(f"{where}: {text[start:end]!r} → {span.text!r}")
        spans.append(span)
    kept = filter_spans(spans)
    for span in set(spans) - set(kept):
        report.dropped.append(f"{where}: {span.text!r} overlaps another span after alignment")
    # Boilerplate lines are never tagged at run time, and carry no annotation by decision 1: they
    # teach the tagger nothing either way, so they are left unannotated ("missing"), not "outside".
    # Otherwise a related-article headline such as "… công tác xây dựng Đảng năm 2023" would teach
    # it that the same words in the body are no entity.
    missing = [
        span
        for start, end in boilerplate_ranges(text)
        if (span := doc.char_span(start, end, alignment_mode="expand")) is not None
        and len(span)
        and not any(k.start < span.end and span.start < k.end for k in kept)
    ]
    doc.set_ents(kept, missing=missing, default="outside")
    report.labels.update(s.label_ for s in kept)
    report.documents += 1
    return doc


def training_weight(record: dict) -> int:
    """How many times a document counts in training: ``meta.weight`` (default 1).

    Real articles are few and long beside many composed documents; a weight keeps their share
    of the training signal meaningful (set by scripts/build_annotations.py from configs/splits.json).
    """
    weight = (record.get("meta") or {}).get("weight", 1)
    return weight if isinstance(weight, int) and 1 <= weight <= 20 else 1


def to_docbin(nlp: Language, paths: Iterable[str | Path], output: Path, weighted: bool = False) -> AlignmentReport:
    """Write the records of `paths` as a DocBin; with `weighted`, each document `training_weight` times."""
    report = AlignmentReport()
    db = DocBin(store_user_data=False)
    for path in paths:
        for line, record in read_records(path):
            doc = record_to_doc(nlp, record, report, where=f"{path}:{line}")
            for _ in range(training_weight(record) if weighted else 1):
                db.add(doc)
    output.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(output)
    return report
