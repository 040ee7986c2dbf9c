"""`vnner package` and `vnner.load` error paths (the working path is in tests/test_wheel.py)."""

from __future__ import annotations

import pytest

import vnner
from vnner.model import ModelNotFound
from vnner.packaging import PackagingError, package_model


def test_packaging_a_folder_that_is_no_model_says_what_to_give(tmp_path):
    with pytest.raises(PackagingError, match="not a model folder"):
        package_model(tmp_path, tmp_path / "dist")


def test_loading_a_missing_model_says_what_to_check(tmp_path):
    with pytest.raises(ModelNotFound, match="installed model package"):
        vnner.load(tmp_path / "nothing-here")


def test_vnner_load_gives_the_bundled_pipeline():
    nlp = vnner.load()
    assert nlp.pipe_names == ["boilerplate", "bodies", "abbreviations", "ner", "edges", "facts", "sentences"]
    doc = nlp(vnner.normalize("Huyện ủy Thanh Oai kết nạp 12 đảng viên.\r\n"))
    assert [(e.label_, e.text) for e in doc.ents] == [("ORG", "Huyện ủy Thanh Oai"), ("QUANTITY", "12 đảng viên")]
    assert doc.ents[1]._.norm["value"] == 12 and doc._.warnings == []
