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


def _tree(folder):
    """Every file under `folder` with its bytes and modification time: what "untouched" means."""
    return {p.relative_to(folder): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def _old_model(folder):
    folder.mkdir(parents=True)
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    (folder / "meta.json").write_text('{"name": "old"}', encoding="utf-8")
    return _tree(folder)


def test_an_existing_output_is_refused_without_force_and_left_untouched(root, tmp_path):
    out = tmp_path / "models" / "mine"
    before = _old_model(out)
    result = CliRunner().invoke(app, _train_args(root, out, "--training.max_steps", "5"))
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "exists" in text and "--force" in text and "train:" not in text  # refused before any work
    assert _tree(out) == before and sorted(p.name for p in out.parent.iterdir()) == ["mine"]


def test_force_never_replaces_a_folder_that_holds_no_model(root, tmp_path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "todo.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(app, _train_args(root, out, "--force"))
    assert result.exit_code == 2 and "not a model folder" in " ".join(result.output.split())
    assert (out / "todo.txt").read_text(encoding="utf-8") == "keep me"


def test_the_bundled_model_is_never_an_output_by_any_spelling(root, tmp_path, monkeypatch):
    from vnner.paths import DEFAULT_MODEL

    before = _tree(DEFAULT_MODEL)
    link = tmp_path / "link"
    link.symlink_to(DEFAULT_MODEL)
    monkeypatch.chdir(DEFAULT_MODEL.parent)
    spellings = [
        DEFAULT_MODEL,
        link,
        "vnner-default",  # relative to the current folder
        DEFAULT_MODEL.parent / ".." / DEFAULT_MODEL.parent.name / DEFAULT_MODEL.name,
        DEFAULT_MODEL.parent,  # the folder that holds it
        DEFAULT_MODEL / "ner",  # a folder inside it
    ]
    for spelling in spellings:
        for force in ([], ["--force"]):
            result = CliRunner().invoke(app, _train_args(root, spelling, *force))
            assert result.exit_code == 2, (spelling, force, result.output)
            assert "bundled model" in " ".join(result.output.split()), (spelling, result.output)
    assert _tree(DEFAULT_MODEL) == before


def test_a_failed_run_leaves_the_old_model_as_it_was(root, tmp_path, monkeypatch):
    """--force replaces a model only once the new one is trained: a crash in training changes nothing."""
    import vnner.training.train as training
    from vnner.paths import CONFIGS

    out = tmp_path / "mine"
    before = _old_model(out)

    def crash(nlp, output_path, **kwargs):
        (output_path / "model-last").mkdir(parents=True)  # what a run has written when it is interrupted
        raise KeyboardInterrupt

    monkeypatch.setattr(training, "train_loop", crash)
    dev = [root / "annotations" / "dev.jsonl"]
    with pytest.raises(KeyboardInterrupt):
        training.train(CONFIGS / "ner.cfg", dev, dev, out, overrides={"training.max_steps": 5}, force=True)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no half-written folder beside it


@pytest.mark.slow
def test_a_run_shorter_than_one_evaluation_period_is_scored_at_its_end_and_replaces_the_old_model(root, tmp_path):
    """8 steps with eval_frequency 200: spaCy scores step 0 only; the end is scored too, and --force moves the
    model into place (files 0644/0755 like any output, not a private temporary folder)."""
    import stat

    from vnner.paths import DEFAULT_MODEL

    out = tmp_path / "mine"
    _old_model(out)
    args = _train_args(root, out, "--base-model", str(DEFAULT_MODEL), "--force", "--training.max_steps", "8")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "the run ended at step 8, between two evaluations (every 200 steps): scored there too" in text
    meta = json.loads((out / "meta.json").read_text())
    assert meta["name"] == "mine" and meta["vnner"]["end_of_run"]["step"] == 8
    assert meta["vnner"]["dev"]["micro"]["exact"]["f"] > 0.8  # the bundled model, fine-tuned: a useful model
    assert "trained in" in text and sorted(p.name for p in tmp_path.iterdir()) == ["mine"]
    assert stat.S_IMODE(out.stat().st_mode) & 0o055 == 0o055  # readable like any folder the user makes
