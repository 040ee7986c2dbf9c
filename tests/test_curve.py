"""vnner train-curve: one point per fraction asked for, nested shares, a verdict line, JSON and SVG."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vnner.cli import app
from vnner.training.curve import verdict


@pytest.mark.slow
def test_curve_writes_a_point_per_fraction(root, tmp_path):
    out, plot = tmp_path / "curve.json", tmp_path / "curve.svg"
    dev = str(root / "annotations" / "dev.jsonl")
    result = CliRunner().invoke(
        app,
        [
            "train-curve",
            "--train",
            dev,
            "--dev",
            dev,
            "--fractions",
            "0.5,1",
            "--json",
            str(out),
            "--plot",
            str(plot),
            "--training.max_steps",
            "5",
            "--training.eval_frequency",
            "5",
        ],
    )
    assert result.exit_code == 0, result.output
    points = json.loads(out.read_text())
    assert [p["fraction"] for p in points] == [0.5, 1.0]
    n = sum(1 for line in Path(dev).read_text(encoding="utf-8").splitlines() if line.strip())
    assert [p["documents"] for p in points] == [-(-n // 2), n]
    assert points[1]["spans"] == sum(
        len(json.loads(line)["label"]) for line in Path(dev).read_text(encoding="utf-8").splitlines()
    )
    assert set(points[0]) == {"fraction", "documents", "spans", "micro_f1", "labels"}
    assert set(points[0]["labels"]) == {"ORG", "OFFICIAL", "RESOLUTION", "QUANTITY"}
    assert ET.fromstring(plot.read_text()).tag.endswith("svg")
    assert "learnt almost nothing" in result.output  # 5 steps teach the model nothing, and the verdict says so


def test_curve_refuses_a_mistyped_setting_and_bad_fractions(root, tmp_path):
    dev = str(root / "annotations" / "dev.jsonl")
    bad = CliRunner().invoke(app, ["train-curve", "--train", dev, "--dev", dev, "--training.max_step", "5"])
    assert bad.exit_code == 2 and "did you mean --training.max_steps" in " ".join(bad.output.split())
    bad = CliRunner().invoke(app, ["train-curve", "--train", dev, "--dev", dev, "--fractions", "0.5,2"])
    assert bad.exit_code == 2 and "(0, 1]" in bad.output


def _point(docs, f1):
    return {"fraction": 0, "documents": docs, "spans": 0, "micro_f1": f1, "labels": {}}


def test_verdict_says_whether_the_last_step_gained():
    assert verdict([_point(10, 0.70), _point(20, 0.80)]).startswith("still gaining (10 → 20 documents")
    assert verdict([_point(10, 0.80), _point(20, 0.805)]).startswith("flat")
    assert "only" in verdict([_point(10, 0.8)])
