"""How many gold spans would be lost if the NER ran on underthesea's segmented words?

A span is lost when one of its edges falls inside a segmented word (the segmenter glued it
to a neighbour, e.g. "Bùi_Hoàng_Phan_phát_biểu"). Prints the share per label.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from vnner.labelling.annotations import load
from vnner.pipeline.syllables import tokenize
from vnner.pipeline.words import word_positions

ROOT = Path(__file__).resolve().parents[1]

total, broken = Counter(), Counter()
examples: list[str] = []
for split in ("train", "dev", "test"):
    for rec in load(ROOT / "annotations" / f"{split}.jsonl"):
        text = rec["text"]
        toks = tokenize(text)
        pos = word_positions([t.text for t in toks])
        starts = {t.start for t, p in zip(toks, pos) if p in ("B", "S")}
        ends = {t.end for t, p in zip(toks, pos) if p in ("E", "S")}
        for s, e, label in rec["label"]:
            total[label] += 1
            if s not in starts or e not in ends:
                broken[label] += 1
                if len(examples) < 8:
                    a = max(0, s - 15)
                    examples.append(f"{label}: …{text[a : e + 15]}… (span {text[s:e]!r})")
for label in total:
    print(
        f"{label:<11} {broken[label]:>4}/{total[label]:<5} spans cut by a word boundary "
        f"({broken[label] / total[label]:.1%})"
    )
print(
    f"{'all':<11} {sum(broken.values()):>4}/{sum(total.values()):<5} ({sum(broken.values()) / sum(total.values()):.1%})"
)
print("\n".join(examples))
