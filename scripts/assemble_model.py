"""Re-assemble a vnner model: the pipeline of configs/ner.cfg around the trained NER weights of another model.

The bundled model is made this way from the NER of the last training run, so rule or pipeline
changes never need a retraining:

    python scripts/assemble_model.py --ner models/vnner-default -o models/vnner-default

`--ner` may be any model with a component named "ner" (spaCy's `ner` or vnner's `vnner_ner`)
whose network has the shape configs/ner.cfg describes; its weights are copied unchanged.
The rule settings come from configs/ (as `nlp.initialize()` reads them). The scores in
meta.json are measured again on the dev data with the assembled pipeline (`--dev`), never copied.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import spacy
from spacy.training import Corpus
from spacy.util import load_config, load_model_from_config, registry

import vnner.pipeline.components  # noqa: F401
from vnner import compatible_range
from vnner.labelling.annotations import load as load_records
from vnner.pipeline.predict import predict
from vnner.training.corpus import to_docbin
from vnner.training.evaluate import evaluate_system

ROOT = Path(__file__).resolve().parents[1]


def assemble(ner_model: Path, config_path: Path) -> spacy.language.Language:
    """A fresh pipeline from the config, its NER weights and vocabulary from `ner_model`."""
    nlp = load_model_from_config(load_config(config_path), auto_fill=True, validate=True)
    # the NER's folder and the vocabulary only: the other components of `ner_model` may be of an older vnner
    nlp.vocab.from_disk(ner_model / "vocab")
    nlp.get_pipe("ner").from_disk(ner_model / "ner", exclude=["vocab"])
    source_meta = json.loads((ner_model / "meta.json").read_text(encoding="utf-8"))
    init = registry.resolve(nlp.config["initialize"]["components"])
    for name, proc in nlp.pipeline:
        if name != "ner" and hasattr(proc, "initialize"):
            proc.initialize(nlp=nlp, **init.get(name, {}))
    nlp.meta.update(
        {k: v for k, v in source_meta.items() if k in ("name", "version", "description", "author", "license")}
    )
    nlp.meta.setdefault("requirements", [])
    nlp.meta["requirements"] = [r for r in nlp.meta["requirements"] if not r.startswith("vnner")] + [compatible_range()]
    nlp.meta["vnner"] = {
        k: v for k, v in source_meta.get("vnner", {}).items() if k in ("train_files", "dev_files", "alignment")
    }
    return nlp


def score(nlp, dev_paths: list[Path]) -> None:
    """spaCy's scores of the whole pipeline on the dev data (meta "performance") and vnner's own (meta "vnner.dev")."""
    with tempfile.TemporaryDirectory(prefix="vnner-assemble-") as tmp:
        docbin = Path(tmp) / "dev.spacy"
        to_docbin(nlp, dev_paths, docbin)
        examples = list(Corpus(docbin)(nlp))
        performance = nlp.evaluate(examples)
    nlp.meta["performance"] = {k: v for k, v in performance.items() if k.startswith("ents_")}
    records = [r for p in dev_paths for r in load_records(p)]
    nlp.meta["vnner"]["dev"] = evaluate_system(records, lambda texts: predict(nlp, texts))
    nlp.meta["vnner"]["dev_files"] = [str(p) for p in dev_paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--ner", type=Path, default=ROOT / "models" / "vnner-default", help="model whose NER weights are used"
    )
    parser.add_argument("--config", type=Path, default=ROOT / "configs" / "ner.cfg")
    parser.add_argument(
        "--dev", type=Path, action="append", help="dev data for the scores (default annotations/dev.jsonl)"
    )
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--name", help="the model's name in meta.json (default: the output folder's name, - as _)")
    args = parser.parse_args(argv)
    dev = args.dev or [Path("annotations/dev.jsonl")]
    nlp = assemble(args.ner, args.config)
    nlp.meta["name"] = args.name or args.output.resolve().name.replace("-", "_")
    score(nlp, [ROOT / p if not p.is_absolute() and not p.exists() else p for p in dev])
    staging = args.output.with_name(args.output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    nlp.to_disk(staging)
    shutil.rmtree(args.output, ignore_errors=True)
    staging.rename(args.output)
    micro = nlp.meta["vnner"]["dev"]["micro"]["exact"]
    print(
        f"{args.output}: {nlp.pipe_names}; dev exact micro F1 {micro['f']} (p {micro['p']}, r {micro['r']})",
        file=sys.stderr,
    )
    print(json.dumps(nlp.meta["performance"], indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
