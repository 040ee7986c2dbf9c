"""Score models side by side on the real held-out articles and on composed held-out documents.

    python scripts/compare_models.py MODEL [MODEL ...]

Real and composed documents are reported separately: composed text alone is never the evidence.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vnner.annotations import load
from vnner.evaluate import evaluate_system
from vnner.model import load_model
from vnner.predict import predict

ROOT = Path(__file__).resolve().parents[1]


def main(models: list[str]) -> None:
    dev, test = load(ROOT / "annotations" / "dev.jsonl"), load(ROOT / "annotations" / "test.jsonl")
    sets = {f"real {r['id']}": [r] for r in dev + test if not r["meta"]["composed"]}
    sets["composed dev+test"] = [r for r in dev + test if r["meta"]["composed"]]
    for path in models:
        nlp = load_model(path)
        for name, records in sets.items():
            s = evaluate_system(records, lambda t: predict(nlp, t))
            labels = " ".join(f"{k[:3]}={v['exact']['f']:.3f}" for k, v in s["per_label"].items())
            print(f"{path:28s} {name:42s} micro={s['micro']['exact']['f']:.3f} ovl={s['micro']['overlap']['f']:.3f}  {labels}")


if __name__ == "__main__":
    main(sys.argv[1:])
