import json

import pytest
from typer.testing import CliRunner

from vnner.cli import app


@pytest.mark.slow
def test_train_writes_a_loadable_model_with_scores_in_meta(root, tmp_path):
    from vnner.model import load_model

    out = tmp_path / "models" / "new"  # a folder that does not exist yet
    result = CliRunner().invoke(
        app,
        [
            "train", "--config", str(root / "configs" / "ner.cfg"),
            "--train", str(root / "annotations" / "dev.jsonl"), "--dev", str(root / "annotations" / "dev.jsonl"),
            "-o", str(out), "--training.max_steps", "20", "--training.eval_frequency", "10",
        ],
    )
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "meta.json").read_text())
    assert set(meta["vnner"]["dev"]["per_label"]) == {"ORG", "OFFICIAL", "RESOLUTION", "QUANTITY"}
    assert load_model(out)("Huyện ủy họp.").text == "Huyện ủy họp."


def test_train_on_a_broken_file_names_file_and_line(root, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "abc", "label": [[0, 2, "ORG"]]}\n{"text": "abc", "label": [[2, 9, "ORG"]]}\n')
    result = CliRunner().invoke(app, ["train", "--train", str(bad), "--dev", str(bad), "-o", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "bad.jsonl:2" in result.output and "Traceback" not in result.output
