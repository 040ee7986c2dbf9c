"""Rebuild annotations/{train,dev,test}.jsonl from the markup sources in annotations/markup/.

Real articles must reproduce their raw text in annotations/raw/ exactly; composed documents
are marked "composed": true. Split rules live in configs/splits.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vnner.hashing import text_sha1
from vnner.labelling.annotations import write_records
from vnner.labelling.markup import read_markup_file
from vnner.labelling.validate import span_problems
from vnner.text import normalize

ROOT = Path(__file__).resolve().parents[1]
ANN = ROOT / "annotations"


def bucket(doc_id: str, shares: dict[str, int]) -> str:
    h = int(text_sha1(doc_id), 16) % sum(shares.values())
    for name, share in shares.items():
        if h < share:
            return name
        h -= share
    raise AssertionError


def main() -> int:
    splits = json.loads((ROOT / "configs" / "splits.json").read_text())
    out: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    errors = 0
    for path in sorted((ANN / "markup").glob("*.txt")):
        for doc in read_markup_file(path):
            record = doc.to_record()
            real = not record["meta"].get("composed", False)
            if real:
                raw = normalize((ANN / "raw" / f"{doc.id}.txt").read_text(encoding="utf-8"))
                shift = raw.find(doc.text)
                if shift < 0 or raw.strip("\n") != doc.text:
                    print(f"ERROR {path}: {doc.id} does not reproduce annotations/raw/{doc.id}.txt")
                    errors += 1
                    continue
                record["text"] = raw
                record["label"] = [[s + shift, e + shift, lab] for s, e, lab in record["label"]]
                split = splits["real"][doc.id]
                if split == "train" and splits.get("real_train_weight", 1) > 1:
                    record["meta"]["weight"] = splits["real_train_weight"]
            else:
                record["meta"]["composed"] = True
                # genres held out whole: the model never trains on them, so test shows what a new genre gets
                blind = splits.get("blind_genres", {})
                split = blind.get(record["meta"].get("genre")) or bucket(doc.id, splits["composed_buckets"])
            if normalize(record["text"]) != record["text"]:
                print(f"ERROR {path}: {doc.id} text changes under vnner.text.normalize")
                errors += 1
            for reason in span_problems(record["text"], record["label"]):
                print(f"ERROR {path}: {doc.id}: {reason}")
                errors += 1
            record["meta"]["markup"] = str(path.relative_to(ROOT))
            out[split].append(record)
    for split, records in out.items():
        n = write_records(ANN / f"{split}.jsonl", records)
        spans = sum(len(r["label"]) for r in records)
        real = sum(1 for r in records if not r["meta"]["composed"])
        print(f"{split}: {n} documents ({real} real), {spans} spans")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
