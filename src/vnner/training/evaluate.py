"""Per-label precision, recall and F1: exact boundaries, and overlap with the same label.

Scoring works on character spans, so it does not depend on any tokenizer: the model,
underthesea and a human annotator are all scored the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from vnner.labels import LABELS

Span = tuple[int, int, str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    # overlap matching counts precision and recall separately: one prediction may cover two gold spans
    ov_p: int = 0
    ov_r: int = 0

    def prf(self, overlap: bool = False) -> dict:
        n_pred = self.tp + self.fp
        n_gold = self.tp + self.fn
        hit_p = self.ov_p if overlap else self.tp
        hit_r = self.ov_r if overlap else self.tp
        p = hit_p / n_pred if n_pred else 0.0
        r = hit_r / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "support": n_gold, "predicted": n_pred}


def _overlaps(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def count(gold_docs: Iterable[Sequence[Span]], pred_docs: Iterable[Sequence[Span]], labels=LABELS) -> dict[str, Counts]:
    counts: dict[str, Counts] = defaultdict(Counts)
    for gold, pred in zip(gold_docs, pred_docs, strict=True):
        gold_set, pred_set = {tuple(s) for s in gold}, {tuple(s) for s in pred}
        for label in labels:
            g = [s for s in gold_set if s[2] == label]
            p = [s for s in pred_set if s[2] == label]
            c = counts[label]
            tp = len(set(g) & set(p))
            c.tp += tp
            c.fp += len(p) - tp
            c.fn += len(g) - tp
            c.ov_p += sum(1 for s in p if any(_overlaps(s, t) for t in g))
            c.ov_r += sum(1 for s in g if any(_overlaps(s, t) for t in p))
    return counts


def _summed(counts: dict[str, Counts], labels) -> dict:
    total = Counts()
    for label in labels:
        c = counts.get(label, Counts())
        for name in ("tp", "fp", "fn", "ov_p", "ov_r"):
            setattr(total, name, getattr(total, name) + getattr(c, name))
    return {"exact": total.prf(), "overlap": total.prf(overlap=True)}


def scores(counts: dict[str, Counts], labels=LABELS) -> dict:
    """{"per_label": {L: {"exact": prf, "overlap": prf}}, "micro": {...}, "micro_org_official": {...}}

    The ORG+OFFICIAL micro average is the fair ground for comparing with general-purpose NERs
    such as underthesea's, which know persons and organisations but not resolutions or quantities.
    """
    per_label = {}
    for label in labels:
        c = counts.get(label, Counts())
        per_label[label] = {"exact": c.prf(), "overlap": c.prf(overlap=True)}
    return {
        "per_label": per_label,
        "micro": _summed(counts, labels),
        "micro_org_official": _summed(counts, [lab for lab in labels if lab in ("ORG", "OFFICIAL")]),
    }


def evaluate_spans(gold: list[list[Span]], pred: list[list[Span]], labels=LABELS) -> dict:
    return scores(count(gold, pred, labels), labels)


def evaluate_system(
    records: list[dict], predict_fn: Callable[[list[str]], Iterable[list[dict]]], labels=LABELS
) -> dict:
    """Score a system (texts → entity dicts) against doccano records."""
    gold = [[tuple(s) for s in r["label"]] for r in records]
    pred = [[(e["start"], e["end"], e["label"]) for e in ents] for ents in predict_fn([r["text"] for r in records])]
    return evaluate_spans(gold, pred, labels)


@dataclass
class SpanError:
    """One disagreement between gold and prediction, with the text around it.

    `context` brackets the gold span (the predicted one for a spurious span); for an edge or a
    label error `pred_context` brackets the predicted span, so both boundaries can be seen.
    """

    doc: str
    kind: str  # missed, spurious, edge (same label, other boundaries), label (other label)
    label: str
    gold: Span | None
    pred: Span | None
    context: str
    pred_context: str | None = None


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def span_errors(doc_id: str, text: str, gold: Sequence[Span], pred: Sequence[Span]) -> list[SpanError]:
    """Classify every gold span the prediction misses and every predicted span that is wrong.

    A predicted span that overlaps a gold span of the same label is an edge error; one that
    overlaps a gold span of another label is a label error; the rest are spurious, and gold
    spans that nothing overlaps are missed.
    """
    gold_set, pred_set = {tuple(s) for s in gold}, {tuple(s) for s in pred}
    out: list[SpanError] = []
    matched_gold: set[Span] = set(gold_set & pred_set)
    for p in sorted(pred_set - gold_set):
        hits = [g for g in gold_set - pred_set if g[0] < p[1] and p[0] < g[1]]
        same = [g for g in hits if g[2] == p[2]]
        if hits:
            g = (same or hits)[0]
            kind, label = ("edge", p[2]) if same else ("label", g[2])
            gold_context, pred_context = _context(text, g[0], g[1]), _context(text, p[0], p[1])
            out.append(SpanError(doc_id, kind, label, g, p, gold_context, pred_context))
            matched_gold.update(same or hits)
        else:
            out.append(SpanError(doc_id, "spurious", p[2], None, p, _context(text, p[0], p[1])))
    for g in sorted(gold_set - matched_gold):
        out.append(SpanError(doc_id, "missed", g[2], g, None, _context(text, g[0], g[1])))
    return out


def system_errors(records: list[dict], predict_fn: Callable[[list[str]], Iterable[list[dict]]]) -> list[SpanError]:
    """Every span error of a system on doccano records, in document order."""
    preds = predict_fn([r["text"] for r in records])
    out: list[SpanError] = []
    for r, ents in zip(records, preds, strict=True):
        pred = [(e["start"], e["end"], e["label"]) for e in ents]
        out.extend(span_errors(str(r.get("id")), r["text"], [tuple(s) for s in r["label"]], pred))
    return out


def group_of(record: dict, key: str) -> str:
    """The value of a dotted key ("meta.genre") in a record, for per-group scores."""
    value: object = record
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return "(none)" if value is None else str(value)
