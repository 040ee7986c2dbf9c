"""Score models side by side on held-out data, by genre: real articles, then composed documents.

    python scripts/compare_models.py MODEL [MODEL ...] [--split dev|test|both]

Held-out means dev and test (the models never train on them). Real articles and each composed
genre are reported separately: composed text alone is never the evidence.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vnner.labelling.annotations import load
from vnner.model import load_model
from vnner.pipeline.predict import predict
from vnner.training.evaluate import evaluate_spans

ROOT = Path(__file__).resolve().parents[1]
# meta.genre → the genre a report shows (legal commentary and policy documents are one kind of prose)
GENRES = {
    "news": "news",
    "personnel": "personnel",
    "legal": "legal/policy",
    "policy": "legal/policy",
    "official": "official",
    "web": "web pages",
    "short": "short texts",
    "economy": "economy",
    "government": "government portal",
    "justice": "justice",
    "defence": "defence",
    "parliament": "parliament",
    "legal-qa": "legal Q&A",
    "foreign": "foreign affairs",
    "mass-org": "mass organisations",
    "social": "social affairs",
    "culture": "culture",
    "local": "local news",
    "export": "PDF/web exports",
    "awards": "awards",
    "citizens": "citizen reception",
    "transport": "transport",
    "biography": "biographies",
    "agenda": "agendas",
    "release": "press releases",
    "interview": "BLIND interviews",
    "digital": "BLIND digital",
}


# the genres of 0.1.x; the rest came with 0.2.0 (annotations/README.md)
FIRST_GENRES = {"news", "personnel", "legal", "policy", "official", "web", "short"}


def held_out(split: str) -> dict[str, list[dict]]:
    files = {"dev": ["dev"], "test": ["test"], "both": ["dev", "test"]}[split]
    records = [r for f in files for r in load(ROOT / "annotations" / f"{f}.jsonl")]
    sets: dict[str, list[dict]] = {f"real {r['id']}": [r] for r in records if not r["meta"].get("composed")}
    for r in records:
        if r["meta"].get("composed"):
            sets.setdefault(GENRES.get(r["meta"].get("genre"), "other"), []).append(r)
    composed = [r for r in records if r["meta"].get("composed")]
    blind = [r for r in composed if GENRES.get(r["meta"].get("genre"), "").startswith("BLIND")]
    sets["composed, genres added in 0.2.0"] = [
        r for r in composed if r not in blind and r["meta"].get("genre") not in FIRST_GENRES
    ]
    sets["all blind genres"] = blind
    sets["all composed"] = composed
    sets["all composed, trained genres"] = [
        r
        for r in records
        if r["meta"].get("composed") and not GENRES.get(r["meta"].get("genre"), "").startswith("BLIND")
    ]
    sets["all held-out"] = records
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--split", default="both", choices=["dev", "test", "both"])
    parser.add_argument("--only", help="score only the sets whose name contains this")
    args = parser.parse_args()
    sets = held_out(args.split)
    for path in args.models:
        nlp = load_model(path)
        for name, records in sets.items():
            if args.only and args.only not in name:
                continue
            gold = [[tuple(s) for s in r["label"]] for r in records]
            pred = [
                [(e["start"], e["end"], e["label"]) for e in ents]
                for ents in predict(nlp, [r["text"] for r in records])
            ]
            s = evaluate_spans(gold, pred)
            labels = " ".join(f"{k[:3]}={v['exact']['f']:.3f}" for k, v in s["per_label"].items())
            spans = sum(len(g) for g in gold)
            print(
                f"{path:28s} {name:40s} n={spans:5d} micro={s['micro']['exact']['f']:.3f} "
                f"ovl={s['micro']['overlap']['f']:.3f} org+off={s['micro_org_official']['exact']['f']:.3f}  {labels}"
            )


if __name__ == "__main__":
    main()
