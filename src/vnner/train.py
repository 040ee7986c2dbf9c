"""Training from doccano JSONL: convert, run spaCy's trainer on configs/*.cfg, score, save.

The saved model carries its own dev scores (per label, exact and overlap) in meta.json
under "vnner", so anyone holding the model can see how good it was when it was made.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable, Sequence

import spacy
from spacy.cli.train import train as spacy_train
from spacy.util import load_config, load_model_from_config

import vnner.augment  # noqa: F401  (registers the augmenter named in the config)
import vnner.tokenizer  # noqa: F401  (registers the tokenizer named in the config)
from vnner.annotations import load
from vnner.corpus import AlignmentReport, to_docbin
from vnner.evaluate import evaluate_system
from vnner.predict import predict


def _blank(config_path: Path):
    return load_model_from_config(load_config(config_path), auto_fill=True, validate=True)


def train(
    config_path: Path,
    train_paths: Sequence[Path],
    dev_paths: Sequence[Path],
    output: Path,
    overrides: dict | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    """Train a model into `output`; return {"dev": scores, "alignment": {...}}."""
    config_path = Path(config_path)
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
        settings = {"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "dev.spacy")}
        settings.update(overrides or {})
        spacy_train(config_path, output_path=tmp_path / "out", overrides=settings, use_gpu=-1)
        best = spacy.load(tmp_path / "out" / "model-best")
        dev_records = [r for p in dev_paths for r in load(p)]
        dev_scores = evaluate_system(dev_records, lambda texts: predict(best, texts))
        result = {
            "dev": dev_scores,
            "train_files": [str(p) for p in train_paths],
            "dev_files": [str(p) for p in dev_paths],
            "alignment": {k: {"spans": v.spans, "adjusted": len(v.adjusted), "dropped": len(v.dropped)} for k, v in reports.items()},
        }
        best.meta["name"] = Path(output).name.replace("-", "_")
        best.meta["vnner"] = result
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        staging = Path(output).with_name(Path(output).name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        best.to_disk(staging)
        shutil.rmtree(output, ignore_errors=True)
        staging.rename(output)
    return result
