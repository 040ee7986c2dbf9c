"""Training from doccano JSONL: convert, run spaCy's training loop on configs/*.cfg, score, save.

The saved model carries its own dev scores (per label, exact and overlap) in meta.json
under "vnner", so anyone holding the model can see how good it was when it was made.

Retraining is guarded: settings on the command line are checked against the config before any
work (`vnner.training.overrides`); `base_model` continues from an existing model's `ner` component
(sourced by name, whatever else the pipeline holds); and the new model is compared with the
base (or the bundled model) on the same dev data, each lost label and a near-zero dev F1
becoming a warning in the result.

No model is lost to a training run (`check_output`, `_install`): the bundled model is never an
output; an existing folder is replaced only when asked (`force`) and only if it holds a model;
the new model is written into a temporary folder beside the output and renamed into place once
training has succeeded, so a run that fails or is interrupted leaves the old folder as it was.

spaCy's loop scores the model every `training.eval_frequency` steps and keeps the best; a run
that ends between two of those (fewer steps than one period, or a count that is not a multiple)
is scored at its end too, and its last model kept when it is at least as good.

The library never prints: progress goes to the `log` callback (default: the `vnner.training.train`
logger), spaCy's own table included, with colour codes removed.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import tempfile
import time
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
from vnner.plural import plural
from vnner.training.corpus import AlignmentReport, to_docbin
from vnner.training.evaluate import evaluate_system
from vnner.training.overrides import check_overrides

logger = logging.getLogger(__name__)

# a dev micro F1 below this means the model learnt (almost) nothing: the rules alone (titled names, short
# forms and bodies the registry knows) reach about 0.25 on the dev data
NEAR_ZERO_F1 = 0.35
LOSS_TOLERANCE = 0.005  # a label's F1 may dip this much against the old model without a warning
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class OutputRefused(ValueError):
    """The output folder cannot be trained into (the bundled model, or an existing folder without force)."""


def check_output(output: str | Path, force: bool = False) -> None:
    """Refuse an output that would lose a model, before any work; the message says what to do instead.

    The bundled model (`DEFAULT_MODEL`, by any spelling or symlink, or a folder holding it or
    inside it) is refused always; an existing output only without `force`, and with `force`
    only when it is a model folder (config.cfg) or empty — never a folder of other files.
    """
    target = Path(output).expanduser()
    resolved = target.resolve()
    bundled = DEFAULT_MODEL.resolve()
    same = resolved == bundled
    if not same and target.exists() and bundled.exists():
        same = os.path.samefile(target, bundled)
    if same or bundled in resolved.parents or resolved in bundled.parents:
        raise OutputRefused(
            f"{output} is (or holds) the bundled model {DEFAULT_MODEL}, which training never replaces: "
            "give a new folder, e.g. -o models/mine"
        )
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputRefused(f"{output} exists and is a file, not a model folder: give a new folder for the model")
    if not force:
        raise OutputRefused(
            f"{output} exists (nothing was changed): give a new folder, or pass --force to replace the model there"
        )
    if any(target.iterdir()) and not (target / "config.cfg").is_file():
        raise OutputRefused(
            f"{output} is not a model folder (no config.cfg) and is not empty: --force only replaces a trained "
            "model; give a new folder"
        )


def _install(nlp, output: Path) -> None:
    """Write `nlp` into a new folder beside `output`, then put it in `output`'s place (the old one goes last)."""
    target = Path(output).expanduser().resolve()  # through a symlink: the folder it names gets the model
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp's folder is private; a model folder is not a secret
    try:
        nlp.to_disk(staging)
        if not target.exists():
            staging.rename(target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", suffix=".partial", dir=target.parent))
        target.rename(old)  # onto the empty folder mkdtemp made: a rename, the old model stays whole
        try:
            staging.rename(target)
        except BaseException:
            old.rename(target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
    force: bool = False,
) -> dict:
    """Train a model into `output` (None: score only, save nothing); return its scores and warnings.

    `compare_with`: the model to compare on dev — default the base model, else the bundled one;
    False to skip the comparison. `force`: replace the model in an existing `output` folder
    (`check_output` says what is refused).
    Returns {"dev", "baseline": {"model", "dev"} | None, "warnings": [...], "alignment", "seconds", ...}.
    """
    started = time.perf_counter()
    config_path = Path(config_path)
    overrides = dict(overrides or {})
    if output is not None:
        check_output(output, force)
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
                f"{name}: {plural(r.documents, 'document')}, {plural(r.spans, 'span')} "
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
        dev_records = [r for p in dev_paths for r in load(p)]
        best, dev_scores, end = _best_model(tmp_path / "out", trained.config["training"], dev_records, log)
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
            "end_of_run": end,
            "warnings": warnings_for(
                dev_scores, baseline["dev"] if baseline else None, baseline["model"] if baseline else ""
            ),
        }
        result["seconds"] = round(time.perf_counter() - started, 1)
        if output is not None:
            best.meta["name"] = Path(output).name.replace("-", "_")
            best.meta["vnner"] = result
            best.meta["requirements"] = [r for r in best.meta.get("requirements", []) if not r.startswith("vnner")] + [
                compatible_range()
            ]
            _install(best, Path(output))
    return result


def _best_model(out: Path, training: dict, dev_records: list[dict], log: Callable[[str], None]):
    """The model to keep, its dev scores, and what scoring the end of the run found (None: the loop did).

    spaCy's loop keeps the best of the steps it evaluated (every `eval_frequency`); when the run
    stopped between two of them, the steps after the last evaluation would be thrown away
    unseen, so the last model is scored as well and kept when it is at least as good.
    """
    best = spacy.load(out / "model-best")
    scores = evaluate_system(dev_records, lambda texts: predict(best, texts))
    steps, every = training.get("max_steps") or 0, training.get("eval_frequency") or 1
    if steps and steps % every == 0:
        return best, scores, None
    last = spacy.load(out / "model-last")
    last_scores = evaluate_system(dev_records, lambda texts: predict(last, texts))
    new, old = last_scores["micro"]["exact"]["f"], scores["micro"]["exact"]["f"]
    keep_last = new >= old
    where = f"step {steps}" if steps else "the last step"
    log(
        f"the run ended at {where}, between two evaluations (every {every} steps): scored there too, dev micro F1 "
        f"{new:.3f} against {old:.3f} at the best evaluated step; keeping the "
        + ("model from the end of the run" if keep_last else "best evaluated model")
    )
    end = {"step": steps or None, "f": new, "kept": keep_last}
    return (last, last_scores, end) if keep_last else (best, scores, end)


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
