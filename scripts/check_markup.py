"""Parse markup sources and run the span checks; prints problems and per-label counts."""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from vnner.labelling.markup import MarkupError, read_markup_file
from vnner.labelling.validate import span_problems

bad = 0
total = Counter()
for arg in sys.argv[1:]:
    try:
        docs = read_markup_file(Path(arg))
    except MarkupError as exc:
        print("ERROR", exc)
        bad += 1
        continue
    counts = Counter()
    for doc in docs:
        for reason in span_problems(doc.text, doc.label):
            print(f"ERROR {arg} ({doc.id}): {reason}")
            bad += 1
        counts.update(s[2] for s in doc.label)
    total.update(counts)
    print(f"{arg}: {len(docs)} docs, {dict(counts)}")
print("TOTAL", dict(total), "errors:", bad)
sys.exit(1 if bad else 0)
