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
            "train",
            "--config",
            str(root / "configs" / "ner.cfg"),
            "--train",
            str(root / "annotations" / "dev.jsonl"),
            "--dev",
            str(root / "annotations" / "dev.jsonl"),
            "-o",
            str(out),
            "--training.max_steps",
            "20",
            "--training.eval_frequency",
            "10",
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


def _train_args(root, out, *extra):
    dev = str(root / "annotations" / "dev.jsonl")
    return ["train", "--train", dev, "--dev", dev, "-o", str(out), *extra]


def test_a_mistyped_setting_fails_at_once_with_the_nearest_name(root, tmp_path):
    out = tmp_path / "m"
    result = CliRunner().invoke(app, _train_args(root, out, "--training.max_step", "5"))
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "training.max_step'" in text and "did you mean --training.max_steps?" in text
    assert not out.exists() and "train:" not in text  # refused before any work


def test_overrides_parse_values_and_check_nested_names(root):
    from vnner.training.overrides import OverrideError, check_overrides, parse_overrides

    parsed = parse_overrides(
        [
            "--training.max_steps",
            "5",
            "--components.ner.model.hidden_width=32",
            "--training.dropout",
            "0.1",
            "--paths.vectors",
            "null",
            "--nlp.lang",
            "vi",
        ]
    )
    assert parsed == {
        "training.max_steps": 5,
        "components.ner.model.hidden_width": 32,
        "training.dropout": 0.1,
        "paths.vectors": None,
        "nlp.lang": "vi",
    }
    check_overrides(root / "configs" / "ner.cfg", parsed)
    with pytest.raises(OverrideError, match=r"components\.ner\.model\.hidden_width"):
        check_overrides(root / "configs" / "ner.cfg", {"components.ner.model.hiden_width": 3})
    with pytest.raises(OverrideError, match="dotted"):
        parse_overrides(["--steps", "5"])


def test_base_model_continues_and_a_useless_model_is_flagged(root, tmp_path):
    """From the bundled model, 5 steps keep it good; from scratch, 5 steps give a near-zero F1 and a warning."""
    from vnner.paths import CONFIGS, DEFAULT_MODEL
    from vnner.training.train import NEAR_ZERO_F1, train

    dev = [root / "annotations" / "dev.jsonl"]
    lines: list[str] = []
    steps = {"training.max_steps": 5, "training.eval_frequency": 5}
    scratch = train(CONFIGS / "ner.cfg", dev, dev, None, overrides=steps, log=lines.append)
    assert scratch["dev"]["micro"]["exact"]["f"] < NEAR_ZERO_F1  # the rules alone find titled names and known bodies
    assert any("useless" in w for w in scratch["warnings"])
    assert any(w.startswith("ORG: dev F1 fell from") for w in scratch["warnings"])  # compared with the bundled model
    assert not any("\x1b[" in line for line in lines) and any("LOSS NER" in line for line in lines)
    assert not any("vnner-train-" in line for line in lines)  # no temporary path passed off as the model

    based = train(
        CONFIGS / "ner.cfg", dev, dev, tmp_path / "m", overrides=steps, log=lines.append, base_model=DEFAULT_MODEL
    )
    assert based["dev"]["micro"]["exact"]["f"] > 0.8
    assert based["baseline"]["model"] == str(DEFAULT_MODEL)
    assert not any("useless" in w for w in based["warnings"])
    assert json.loads((tmp_path / "m" / "meta.json").read_text())["vnner"]["base_model"] == str(DEFAULT_MODEL)


def test_train_finds_its_config_from_another_folder(root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, _train_args(root, tmp_path / "m", "--training.max_stepz", "5"))
    assert result.exit_code == 2 and "configs/ner.cfg has no setting" in " ".join(result.output.split())
