"""How far two annotators agree on the same documents: exact-span F1 per label and Cohen's kappa.

Documents are matched by id, else by text. Per label: the spans in A, in B, and in both with
identical start, end and label; F1 = 2·both / (A + B), which is symmetric, so neither file
plays "gold". Cohen's kappa (scikit-learn) is computed over tokens from vnner's own syllable
tokenizer, one label per token ("O" outside every span; IO, not BIO, so a boundary
disagreement inside a span costs only the tokens it moves). Every span found in one file and
not the other is listed as a disagreement with its surrounding text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from vnner.labels import LABELS

Span = tuple[int, int, str]
TOKEN_SCHEME = "label-per-token (IO) over vnner's syllable tokens"
CONTEXT = 40


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    from vnner.pipeline.tokenizer import VietnameseTokenizer

    return VietnameseTokenizer(spacy.blank("xx").vocab, segment=False)


def token_labels(text: str, spans: Iterable[Span]) -> list[str]:
    """One label per syllable token: the label of the span holding the token's first character, else "O"."""
    doc = _tokenizer()(text)
    starts = {}
    for start, end, label in spans:
        for i in range(start, end):
            starts.setdefault(i, label)
    return [starts.get(token.idx, "O") for token in doc]


@dataclass
class Disagreement:
    doc: str
    start: int
    end: int
    label: str
    text: str
    context: str
    only_in: str  # "a" or "b"
    other: list[Span] = field(default_factory=list)  # what the other file has overlapping it

    def as_dict(self) -> dict:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "context": self.context,
            "only_in": self.only_in,
            "other": [list(s) for s in self.other],
        }


def _key(record: dict) -> str:
    return f"id:{record['id']}" if record.get("id") is not None else f"text:{record['text']}"


def pair_documents(a: list[dict], b: list[dict]) -> tuple[list[tuple[dict, dict]], list[str]]:
    """[(record in A, record in B)] matched by id, else by text; and notes on what could not be matched."""
    by_id = {str(r["id"]): r for r in b if r.get("id") is not None}
    by_text = {r["text"]: r for r in b}
    pairs, notes, used = [], [], set()
    for rec in a:
        other = by_id.get(str(rec["id"])) if rec.get("id") is not None else None
        if other is not None and other["text"] != rec["text"]:
            notes.append(f"{rec['id']}: same id, different text in the two files; compared by text instead")
            other = None
        other = other or by_text.get(rec["text"])
        if other is None or id(other) in used:
            notes.append(f"{rec.get('id', rec['text'][:30])}: only in the first file")
            continue
        used.add(id(other))
        pairs.append((rec, other))
    missing = [r for r in b if id(r) not in used]
    notes += [f"{r.get('id', r['text'][:30])}: only in the second file" for r in missing]
    return pairs, notes


def _context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def compare(a: list[dict], b: list[dict], labels: Iterable[str] = LABELS) -> dict:
    """Agreement of two files' records.

    {"documents", "micro", "labels", "kappa", "token_scheme", "disagreements", "unmatched"}.
    """
    from sklearn.metrics import cohen_kappa_score

    pairs, notes = pair_documents(a, b)
    labels = list(labels)
    counts = {label: Counter() for label in labels}
    tokens_a: list[str] = []
    tokens_b: list[str] = []
    disagreements: list[Disagreement] = []
    for ra, rb in pairs:
        sa = {(int(s), int(e), str(lab)) for s, e, lab in ra["label"]}
        sb = {(int(s), int(e), str(lab)) for s, e, lab in rb["label"]}
        for label in sorted({s[2] for s in sa | sb} - set(counts)):
            counts[label] = Counter()
            labels.append(label)
        for s in sa:
            counts[s[2]]["a"] += 1
        for s in sb:
            counts[s[2]]["b"] += 1
        for s in sa & sb:
            counts[s[2]]["both"] += 1
        doc = str(ra.get("id", rb.get("id", "")))
        for side, mine, theirs in (("a", sa - sb, sb), ("b", sb - sa, sa)):
            for start, end, label in sorted(mine):
                other = sorted(t for t in theirs if t[0] < end and start < t[1])
                disagreements.append(
                    Disagreement(
                        doc, start, end, label, ra["text"][start:end], _context(ra["text"], start, end), side, other
                    )
                )
        tokens_a += token_labels(ra["text"], sa)
        tokens_b += token_labels(rb["text"], sb)
    per_label = {label: _f1(counts[label]) for label in labels}
    micro = _f1(sum(counts.values(), Counter()))
    if tokens_a == tokens_b:
        kappa = 1.0 if tokens_a else None  # identical labels: perfect agreement (sklearn gives nan when only "O")
    else:
        kappa = round(float(cohen_kappa_score(tokens_a, tokens_b)), 4)
    disagreements.sort(key=lambda d: (d.doc, d.start, d.only_in))
    return {
        "documents": len(pairs),
        "micro": micro,
        "labels": per_label,
        "kappa": kappa,
        "tokens": len(tokens_a),
        "token_scheme": TOKEN_SCHEME,
        "disagreements": [d.as_dict() for d in disagreements],
        "unmatched": notes,
    }


def _f1(c: Counter) -> dict:
    a, b, both = c["a"], c["b"], c["both"]
    return {"a": a, "b": b, "both": both, "f1": round(2 * both / (a + b), 4) if a + b else None}
