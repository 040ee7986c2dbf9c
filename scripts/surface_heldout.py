"""The held-out documents rewritten the way real text writes things (vnner.training.surface), as a
robustness check: abbreviations introduced and then used, lower-case types, spaced identifiers,
"tỉ", glued titles, credits, flattened headers, names after their titles, dashes, capital lines.

    python scripts/surface_heldout.py -o /tmp/heldout-surface.jsonl [--seed 0]

The rewrites move the gold spans with the text, so the result is scored like any held-out file
(`vnner evaluate`); it never trains anything.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from vnner import registry
from vnner.labelling.annotations import load, write_records
from vnner.training.augment import SURFACE, registry_forms, surface_variant, variant

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names, outlets = registry_forms(registry.default())
    rates = dict.fromkeys(SURFACE, 0.7)
    out = []
    for split in ("dev", "test"):
        for r in load(ROOT / "annotations" / f"{split}.jsonl"):
            ents = [tuple(s) for s in r["label"]]
            text, new = variant(r["text"], ents, rng, 0.5, 0.3, 0.3, 0.5, ["Ảnh: Minh Đức"])
            text, new = surface_variant(text, new, rng, rates, names, outlets)
            out.append(
                {
                    "id": r["id"],
                    "text": text,
                    "label": [list(s) for s in new],
                    "meta": {**r["meta"], "surface_rewritten": True},
                }
            )
    write_records(args.output, out)
    print(f"{len(out)} documents → {args.output}")


if __name__ == "__main__":
    main()
