"""How well `vnner kb` links people across documents: pairwise precision and recall on a composed set.

benchmarks/kb_identities.jsonl holds news items written by the team (composed, marked so in
each record), each with its date ("gold_date") and the real person behind every official it
names ("gold": name → person id). The cases of issue 18 are there: one name for two people in
two provinces, one person promoted across two dated documents, abbreviated and full body names,
a name with and without "đồng chí", a name with nothing tying its two mentions; and cases the
rules get wrong on purpose: a person with no province in one document, a person moved to another
province, two people of one name in one province.

The script extracts the set with the bundled model (`vnner extract`), builds a knowledge base
from the output, and compares: every pair of extracted officials that have a gold person is a
pair the knowledge base links (same person id) or not, and should or should not.

    python benchmarks/kb_linking.py

Prints pairwise precision, recall and F1, the wrong pairs, officials the model missed, and how
many document dates were read right; the figures in README.md and docs/kb.md come from here.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE / "kb_identities.jsonl"


def main() -> None:
    from vnner.kb.build import build
    from vnner.kb.posts import name_key

    work = Path(tempfile.mkdtemp(prefix="vnner-kb-linking-"))
    out, db = work / "out.jsonl", work / "kb.db"
    proc = subprocess.run(
        [sys.executable, "-m", "vnner", "extract", str(SET), "-o", str(out)], capture_output=True, text=True
    )
    if proc.returncode:
        raise SystemExit(proc.stderr)
    summary = build([out], db)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    gold = {r["id"]: {name_key(n): p for n, p in r["meta"]["gold"].items()} for r in records}
    gold_dates = {r["id"]: r["meta"]["gold_date"] for r in records}
    assert all(r["meta"].get("composed") for r in records), "every record of the set is marked composed"

    con = sqlite3.connect(db)
    rows = con.execute("SELECT document, name, name_key, person FROM officials ORDER BY document, n").fetchall()
    mentions, spurious, found = [], [], set()
    for document, name, key, person in rows:
        gold_person = gold[document].get(key)
        if gold_person is None:
            spurious.append(f"{document}: {name}")
            continue
        mentions.append((document, name, person, gold_person))
        found.add((document, key))
    missed = [f"{d}: {k}" for d, people in gold.items() for k in people if (d, k) not in found]

    tp = fp = fn = 0
    wrong = []
    for a, b in itertools.combinations(mentions, 2):
        linked, same = a[2] == b[2], a[3] == b[3]
        tp += linked and same
        fp += linked and not same
        fn += same and not linked
        if linked != same:
            kind = "linked, different people" if linked else "not linked, one person"
            wrong.append(f"{kind}: {a[1]} ({a[0]}) ~ {b[1]} ({b[0]})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    dates = dict(con.execute("SELECT id, date FROM documents").fetchall())
    right_dates = sum(dates.get(d) == g for d, g in gold_dates.items())

    people = len({m[3] for m in mentions})
    print(f"{len(records)} composed documents, {len(mentions)} official mentions of {people} people with gold ids")
    print(f"linked pairs: {tp} right, {fp} wrong; pairs of one person not linked: {fn}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"document dates read right: {right_dates}/{len(gold_dates)}")
    print(f"knowledge base: {summary.totals}")
    for line in wrong:
        print(f"  {line}")
    print(f"officials the model missed: {len(missed)}" + "".join(f"\n  {m}" for m in missed))
    print(f"officials without a gold id (not scored): {len(spurious)}" + "".join(f"\n  {s}" for s in spurious))


if __name__ == "__main__":
    main()
