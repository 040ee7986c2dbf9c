"""How `vnner.facts.enrich` scales with the length of one document.

Builds one long document by repeating the annotated documents (annotations/*.jsonl, their
gold entities shifted to the new offsets) up to each requested size, then times `enrich`
on it once per size and prints seconds, entities and microseconds per entity. Linear work
shows as a flat µs/entity column; quadratic work as one that grows with the size.

    python benchmarks/facts_scaling.py [--mb 0.25 4]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def annotated_documents() -> list[tuple[str, list[tuple[int, int, str]]]]:
    docs = []
    for split in ("train", "dev", "test"):
        for line in (ROOT / "annotations" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            docs.append((record["text"], [tuple(span) for span in record["label"]]))
    return docs


def long_document(min_bytes: int) -> tuple[str, list[dict]]:
    """The annotated documents repeated, joined by blank lines, until the text has min_bytes."""
    docs = annotated_documents()
    parts: list[str] = []
    entities: list[dict] = []
    offset = size = 0
    while size < min_bytes:
        for text, spans in docs:
            parts.append(text)
            for start, end, label in spans:
                entities.append({"start": offset + start, "end": offset + end, "label": label, "text": text[start:end]})
            offset += len(text) + 2
            size += len(text.encode("utf-8")) + 2
            if size >= min_bytes:
                break
    return "\n\n".join(parts), entities


def main() -> None:
    from vnner.facts import enrich

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.25, 4.0], help="document sizes in MB")
    args = parser.parse_args()
    enrich("Nghị quyết số 1-NQ/TW", [])  # load the word lists outside the timing
    print(f"{'MB':>6} {'characters':>11} {'entities':>9} {'officials':>9} {'seconds':>9} {'µs/entity':>10}")
    for mb in args.mb:
        text, entities = long_document(int(mb * 1_000_000))
        warnings: list[str] = []
        began = time.perf_counter()
        out, officials = enrich(text, entities, warnings)
        took = time.perf_counter() - began
        print(
            f"{mb:>6.2f} {len(text):>11,} {len(out):>9,} {len(officials):>9,} {took:>9.2f} "
            f"{took / len(out) * 1e6:>10.1f}" + (f"  ({len(warnings)} warnings)" if warnings else "")
        )


if __name__ == "__main__":
    main()
