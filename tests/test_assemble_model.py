"""scripts/assemble_model.py rebuilds the bundled model: same NER weights, rules from configs/, scores measured."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vnner.model import load_model

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def test_reassembling_the_bundled_model_reproduces_it(tmp_path, nlp, raw_texts):
    out = tmp_path / "model"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "assemble_model.py"),
            "--ner",
            str(ROOT / "models" / "vnner-default"),
            "-o",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    again = load_model(out)
    assert again.pipe_names == nlp.pipe_names
    assert again.get_pipe("ner").to_bytes(exclude=["vocab"]) == nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
    config = lambda file: json.loads((ROOT / "configs" / file).read_text(encoding="utf-8"))  # noqa: E731
    for name in ("boilerplate", "bodies", "edges", "facts"):
        assert again.get_pipe(name).settings == config("settings.json")
    for name in ("bodies", "edges", "facts"):
        assert again.get_pipe(name).registry == config("bodies.json")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    bundled = json.loads((ROOT / "models" / "vnner-default" / "meta.json").read_text(encoding="utf-8"))
    assert meta["performance"] == bundled["performance"] and 0.5 < meta["performance"]["ents_f"] <= 1
    assert meta["vnner"]["dev"] == bundled["vnner"]["dev"]
    texts = list(raw_texts.values())
    assert [[(e.start_char, e.end_char, e.label_, e._.norm) for e in d.ents] for d in again.pipe(texts)] == [
        [(e.start_char, e.end_char, e.label_, e._.norm) for e in d.ents] for d in nlp.pipe(texts)
    ]
