"""An output that is an input, however it is spelled, is refused before anything is written."""

import os

import pytest

from vnner.io.samefile import SameFileError, check_outputs


def test_spellings_and_links_of_one_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.jsonl"
    src.write_text("{}\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    os.symlink(src, tmp_path / "link.jsonl")
    os.link(src, tmp_path / "hard.jsonl")
    for out in ("in.jsonl", "./in.jsonl", str(src), "sub/../in.jsonl", "link.jsonl", "hard.jsonl"):
        with pytest.raises(SameFileError, match="is the input"):
            check_outputs([out], ["in.jsonl"])
    check_outputs(["out.jsonl", None, "-", "s3://bucket/in.jsonl"], ["in.jsonl", "-"])


def test_an_output_inside_an_input_folder(tmp_path):
    (tmp_path / "docs").mkdir()
    with pytest.raises(SameFileError, match="inside the input folder"):
        check_outputs([tmp_path / "docs" / "out.jsonl"], [tmp_path / "docs"])
    check_outputs([tmp_path / "docs" / "out.csv", tmp_path / "out.jsonl"], [tmp_path / "docs"])


def test_a_folder_of_shards_and_input_folders(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "shards").mkdir()
    (tmp_path / "shards" / "part-00000.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(SameFileError, match="inside the input folder"):
        check_outputs([f"{tmp_path}/docs/shards/"], [tmp_path / "docs"])
    with pytest.raises(SameFileError, match="inside the output folder"):
        check_outputs([f"{tmp_path}/shards/"], [tmp_path / "shards" / "part-00000.jsonl"])
    check_outputs([f"{tmp_path}/out/"], [tmp_path / "docs"])


def test_doccano_pull_refuses_to_write_into_the_secrets_folder(tmp_path):
    from typer.testing import CliRunner

    from vnner.cli import app

    secrets = tmp_path / "annotators"
    secrets.mkdir()
    (secrets / "ana.password").write_text("x")
    result = CliRunner().invoke(
        app, ["doccano", "pull", "--project", "p", "--secrets", str(secrets), "-o", str(secrets / "ana.password")]
    )
    assert result.exit_code == 2
    assert (secrets / "ana.password").read_text() == "x"
    assert "password folder" in " ".join(result.output.split())
