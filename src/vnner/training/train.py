"""Training from doccano JSONL: convert, run spaCy's training loop on configs/*.cfg, score, save.

The saved model carries its own dev scores (per label, exact and overlap) in meta.json
under "vnner", so anyone holding the model can see how good it was when it was made.

Retraining is guarded: settings on the command line are checked against the config before any
work (`vnner.training.overrides`); `base_model` continues from an existing model's `ner` component
(sourced by name, whatever else the pipeline holds); and the new model is compared with the
base (or the bundled model) on the same dev data, each lost label and a near-zero dev F1
becoming a warning in the result.

The library never prints: progress goes to the `log` callback (default: the `vnner.training.train`
logger), spaCy's own table included, with colour codes removed.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as train_loop
from spacy.util import load_config, load_model_from_config

import vnner.pipeline.tokenizer
import vnner.training.augment  # noqa: F401  (registers the augmenter named in the config)
from vnner import compatible_range
from vnner.labelling.annotations import load
from vnner.paths import DEFAULT_MODEL
from vnner.pipeline.predict import predict
from vnner.training.corpus import AlignmentReport, to_docbin
from vnner.training.evaluate import evaluate_system
from vnner.training.overrides import check_overrides

logger = logging.getLogger(__name__)

# a dev micro F1 below this means the model learnt (almost) nothing: the rules alone (titled names, short
# forms and bodies the registry knows) reach about 0.25 on the dev data
NEAR_ZERO_F1 = 0.35
LOSS_TOLERANCE = 0.005  # a label's F1 may dip this much against the old model without a warning
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class _LineLog(io.TextIOBase):
    """A text stream for spaCy's training loop: each line, without colour codes, to `log`."""

    def __init__(self, log: Callable[[str], None], hide: Sequence[str] = ()):
        self.log, self.hide, self.buffer = log, tuple(hide), ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.buffer += text
        *lines, self.buffer = self.buffer.split("\n")
        for line in lines:
            line = ANSI.sub("", line).rstrip()
            if line and not any(h in line for h in self.hide):
                self.log(line)
        return len(text)

    def flush(self) -> None:
        if self.buffer:
            self.write("\n")


def _blank(config_path: Path):
    return load_model_from_config(load_config(config_path), auto_fill=True, validate=True)


def _config(config_path: Path, settings: dict[str, Any], base_model: Path | None):
    config = load_config(config_path, overrides=settings, interpolate=False)
    if base_model is not None:
        # Continue from the base model's weights: source its `ner` by name, so the rest of the
        # pipeline (and the base model's other components) does not matter.
        config["components"]["ner"] = {"source": str(base_model), "component": "ner"}
    return config


def compare(new: dict, old: dict, tolerance: float = LOSS_TOLERANCE) -> list[dict]:
    """The labels whose exact dev F1 fell: [{"label", "old", "new"}], from two `evaluate` results."""
    losses = []
    for label, scores in new["per_label"].items():
        before = old["per_label"].get(label, {}).get("exact", {})
        if not before.get("support"):
            continue
        if scores["exact"]["f"] < before["f"] - tolerance:
            losses.append({"label": label, "old": before["f"], "new": scores["exact"]["f"]})
    if new["micro"]["exact"]["f"] < old["micro"]["exact"]["f"] - tolerance:
        losses.append({"label": "micro", "old": old["micro"]["exact"]["f"], "new": new["micro"]["exact"]["f"]})
    return losses


def warnings_for(dev: dict, baseline: dict | None, baseline_name: str) -> list[str]:
    """Plain-language warnings about a freshly trained model's dev scores."""
    out = []
    micro = dev["micro"]["exact"]["f"]
    if micro < NEAR_ZERO_F1:
        out.append(
            f"the new model is useless: dev micro F1 {micro:.3f}; train longer (raise --training.max_steps) "
            "or check that the training data has spans"
        )
    for loss in compare(dev, baseline) if baseline else []:
        out.append(f"{loss['label']}: dev F1 fell from {loss['old']:.3f} ({baseline_name}) to {loss['new']:.3f}")
    return out


def train(
    config_path: Path,
    train_paths: Sequence[Path],
    dev_paths: Sequence[Path],
    output: Path | None,
    overrides: dict | None = None,
    log: Callable[[str], None] = logger.info,
    base_model: Path | None = None,
    compare_with: Path | bool | None = None,
) -> dict:
    """Train a model into `output` (None: score only, save nothing); return its scores and warnings.

    `compare_with`: the model to compare on dev — default the base model, else the bundled one;
    False to skip the comparison.
    Returns {"dev", "baseline": {"model", "dev"} | None, "warnings": [...], "alignment", ...}.
    """
    config_path = Path(config_path)
    overrides = dict(overrides or {})
    check_overrides(config_path, overrides)
    if base_model is not None and not (Path(base_model) / "config.cfg").exists():
        raise ValueError(f"no model at {base_model} (no config.cfg there): pass the folder of a trained vnner model")
    nlp = _blank(config_path)
    with tempfile.TemporaryDirectory(prefix="vnner-train-") as tmp:
        tmp_path = Path(tmp)
        reports: dict[str, AlignmentReport] = {}
        for name, paths in (("train", train_paths), ("dev", dev_paths)):
            reports[name] = to_docbin(nlp, paths, tmp_path / f"{name}.spacy", weighted=name == "train")
            r = reports[name]
            log(
                f"{name}: {r.documents} documents, {r.spans} spans "
                f"({len(r.adjusted)} snapped to token edges, {len(r.dropped)} dropped) {dict(r.labels)}"
            )
            for line in r.dropped[:10]:
                log(f"  dropped {line}")
        if reports["train"].documents == 0:
            raise ValueError("the training data holds no documents")
        settings = {"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "dev.spacy"), **overrides}
        config = _config(config_path, settings, Path(base_model) if base_model else None)
        if base_model is not None:
            log(f"starting from the ner of {base_model}")
        stream = _LineLog(log, hide=(str(tmp_path), "Saved pipeline to output directory"))
        trained = init_nlp(config, use_gpu=-1)
        (tmp_path / "out").mkdir()
        train_loop(trained, tmp_path / "out", use_gpu=-1, stdout=stream, stderr=stream)
        stream.flush()
        best = spacy.load(tmp_path / "out" / "model-best")
        dev_records = [r for p in dev_paths for r in load(p)]
        dev_scores = evaluate_system(dev_records, lambda texts: predict(best, texts))
        baseline = _baseline(compare_with, base_model, dev_records, log)
        result = {
            "dev": dev_scores,
            "train_files": [str(p) for p in train_paths],
            "dev_files": [str(p) for p in dev_paths],
            "base_model": str(base_model) if base_model else None,
            "alignment": {
                k: {"spans": v.spans, "adjusted": len(v.adjusted), "dropped": len(v.dropped)}
                for k, v in reports.items()
            },
            "baseline": baseline,
            "warnings": warnings_for(
                dev_scores, baseline["dev"] if baseline else None, baseline["model"] if baseline else ""
            ),
        }
        if output is not None:
            best.meta["name"] = Path(output).name.replace("-", "_")
            best.meta["vnner"] = result
            best.meta["requirements"] = [r for r in best.meta.get("requirements", []) if not r.startswith("vnner")] + [
                compatible_range()
            ]
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            staging = Path(output).with_name(Path(output).name + ".partial")
            shutil.rmtree(staging, ignore_errors=True)
            best.to_disk(staging)
            shutil.rmtree(output, ignore_errors=True)
            staging.rename(output)
    return result


def _baseline(
    compare_with: Path | bool | None, base_model: Path | None, dev_records: list[dict], log: Callable[[str], None]
) -> dict | None:
    """The old model's dev scores on the same records, or None when there is none to compare with."""
    if compare_with is False:
        return None
    path = Path(compare_with) if compare_with not in (None, True) else Path(base_model) if base_model else DEFAULT_MODEL
    if not (path / "config.cfg").exists():
        log(f"no model at {path} to compare with; skipping the comparison")
        return None
    from vnner.model import load_model

    old = load_model(path)
    return {"model": str(path), "dev": evaluate_system(dev_records, lambda texts: predict(old, texts))}
