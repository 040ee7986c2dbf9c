"""A learning curve: train on growing shares of the training documents, score each on dev.

It answers "is more labelling worth it?": if the last step (e.g. 75 % → 100 %) still raised
dev F1, more documents will probably help; if the curve is flat, they probably will not.
Shares are taken from one seeded shuffle, so each larger share contains the smaller ones.
"""

from __future__ import annotations

import logging
import math
import random
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from vnner.labelling.annotations import load, write_records
from vnner.training.overrides import check_overrides
from vnner.training.train import NEAR_ZERO_F1, train

logger = logging.getLogger(__name__)

GAIN = 0.01  # a last step that raises micro F1 by at least this much counts as still gaining


def curve(
    config_path: Path,
    train_paths: Sequence[Path],
    dev_paths: Sequence[Path],
    fractions: Sequence[float] = (0.25, 0.5, 0.75, 1.0),
    overrides: dict | None = None,
    seed: int = 13,
    log: Callable[[str], None] = logger.info,
) -> list[dict]:
    """[{"fraction", "documents", "spans", "micro_f1", "labels": {LABEL: f1}}] for each fraction, in order."""
    if not fractions or any(not 0 < f <= 1 for f in fractions):
        raise ValueError(f"fractions must lie in (0, 1], got {list(fractions)}")
    check_overrides(config_path, overrides or {})
    records = [r for p in train_paths for r in load(p)]
    if not records:
        raise ValueError("the training data holds no documents")
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    points = []
    with tempfile.TemporaryDirectory(prefix="vnner-curve-") as tmp:
        for fraction in sorted(fractions):
            n = max(1, math.ceil(fraction * len(records)))
            share = [records[i] for i in order[:n]]
            path = Path(tmp) / f"train-{fraction:g}.jsonl"
            write_records(path, share)
            log(f"fraction {fraction:g}: training on {n} of {len(records)} documents")
            result = train(config_path, [path], dev_paths, None, overrides=overrides, log=log, compare_with=False)
            dev = result["dev"]
            points.append(
                {
                    "fraction": fraction,
                    "documents": n,
                    "spans": sum(len(r["label"]) for r in share),
                    "micro_f1": dev["micro"]["exact"]["f"],
                    "labels": {label: s["exact"]["f"] for label, s in dev["per_label"].items()},
                }
            )
    return points


def verdict(points: list[dict], gain: float = GAIN) -> str:
    """One line: did the last step still gain, and so is more labelling worth it?"""
    if len(points) < 2:
        return "one point only: give two fractions or more to see whether more labelling helps"
    a, b = points[-2], points[-1]
    if b["micro_f1"] < NEAR_ZERO_F1:
        return (
            f"the models learnt almost nothing (micro F1 {b['micro_f1']:.3f} on all the data): "
            "train longer (--training.max_steps) before reading the curve"
        )
    step = b["micro_f1"] - a["micro_f1"]
    span = (
        f"{a['documents']} → {b['documents']} documents: "
        f"micro F1 {a['micro_f1']:.3f} → {b['micro_f1']:.3f} ({step:+.3f})"
    )
    if step >= gain:
        return f"still gaining ({span}): more labelled documents are likely worth it"
    return (
        f"flat ({span}): more documents of the same kind are unlikely to help much; look at the weakest label instead"
    )


def svg(points: list[dict], width: int = 480, height: int = 300) -> str:
    """A small SVG line chart of dev micro F1 (and each label) against the number of training documents."""
    pad = 40
    xs = [p["documents"] for p in points]
    x0, x1 = 0, max(xs) or 1

    def x(v: float) -> float:
        return pad + (v - x0) / (x1 - x0) * (width - 2 * pad)

    def y(v: float) -> float:
        return height - pad - v * (height - 2 * pad)

    colours = ["#000000", "#1E88E5", "#D81B60", "#43A047", "#FB8C00", "#8E24AA"]
    series = [("micro", [p["micro_f1"] for p in points])]
    series += [(label, [p["labels"].get(label, 0.0) for p in points]) for label in points[0]["labels"]]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        f'font-size="11">',
        f'<line x1="{pad}" y1="{y(0)}" x2="{width - pad}" y2="{y(0)}" stroke="#888"/>',
        f'<line x1="{pad}" y1="{y(0)}" x2="{pad}" y2="{y(1)}" stroke="#888"/>',
        f'<text x="{width / 2}" y="{height - 8}" text-anchor="middle">training documents</text>',
        f'<text x="8" y="{pad - 12}">dev F1</text>',
    ]
    for tick in (0, 0.5, 1):
        parts.append(f'<text x="{pad - 6}" y="{y(tick) + 4}" text-anchor="end">{tick:g}</text>')
    for v in xs:
        parts.append(f'<text x="{x(v):.1f}" y="{y(0) + 14}" text-anchor="middle">{v}</text>')
    for i, (name, values) in enumerate(series):
        colour = colours[i % len(colours)]
        pts = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in zip(xs, values))
        stroke = 2.5 if name == "micro" else 1.2
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="{stroke}" points="{pts}"/>')
        parts.append(f'<text x="{width - pad + 4}" y="{y(values[-1]) + 4}" fill="{colour}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
