"""What each edge rule buys: held-out exact micro F1 with every rule, and with each rule left out.

    python scripts/ablate_rules.py MODEL [--split dev|test|both]

The tagger runs once; the edge rules then run on its spans with the model's rule list, and again
with each rule removed in turn. A rule whose removal does not lower the score has not earned its
place (docs/model.md). Scores are reported for the composed genres the model trained on, the
blind genres it never saw, and the real articles.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.tokens import Span

from vnner.labelling.annotations import load
from vnner.model import load_model
from vnner.pipeline.edges import RULES
from vnner.training.evaluate import evaluate_spans

ROOT = Path(__file__).resolve().parents[1]
BLIND = ("interview", "digital")


def groups(records: list[dict]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {"trained genres": [], "blind genres": [], "real": [], "all": []}
    for i, r in enumerate(records):
        meta = r["meta"]
        key = (
            "real" if not meta.get("composed") else ("blind genres" if meta.get("genre") in BLIND else "trained genres")
        )
        out[key].append(i)
        out["all"].append(i)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--split", default="both", choices=["dev", "test", "both"])
    parser.add_argument(
        "--add", action="append", default=[], help="a rule not in the model's list to score added to it (repeatable)"
    )
    args = parser.parse_args()
    files = {"dev": ["dev"], "test": ["test"], "both": ["dev", "test"]}[args.split]
    records = [r for f in files for r in load(ROOT / "annotations" / f"{f}.jsonl")]
    nlp = load_model(args.model)
    edges = nlp.get_pipe("edges")
    docs = list(nlp.pipe([r["text"] for r in records], disable=["edges", "facts"]))
    tagged = [[(e.start, e.end, e.label_) for e in d.ents] for d in docs]
    defined = [list(d._.abbreviations or []) for d in docs]  # the rules may add to them (foreign_short_forms)
    gold = [[tuple(s) for s in r["label"]] for r in records]
    sets = groups(records)
    full = list(edges.rules)

    def score(rules: list[str]) -> dict[str, float]:
        edges.rules = rules
        pred = []
        for doc, spans, short in zip(docs, tagged, defined):
            doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in spans], default="outside")
            doc._.abbreviations = list(short)
            doc = edges(doc)
            pred.append([(e.start_char, e.end_char, e.label_) for e in doc.ents])
        return {
            name: evaluate_spans([gold[i] for i in idx], [pred[i] for i in idx])["micro"]["exact"]["f"]
            for name, idx in sets.items()
        }

    base = score(full)
    none = score([])
    print(f"{'rules':32s} " + " ".join(f"{k:>15s}" for k in base))
    print(f"{'all rules':32s} " + " ".join(f"{v:15.4f}" for v in base.values()))
    print(f"{'no rules (the tagger alone)':32s} " + " ".join(f"{v - base[k]:+15.4f}" for k, v in none.items()))
    for rule in full:
        without = score([r for r in full if r != rule])
        print(f"{'without ' + rule:32s} " + " ".join(f"{v - base[k]:+15.4f}" for k, v in without.items()))
    for rule in args.add:
        added = score([r for r in RULES if r in full or r == rule])
        print(f"{'with ' + rule:32s} " + " ".join(f"{v - base[k]:+15.4f}" for k, v in added.items()))
    edges.rules = full


if __name__ == "__main__":
    main()
