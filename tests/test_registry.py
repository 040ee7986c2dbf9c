"""The registry of bodies: its schema, and the errors a user gets when an edit breaks it."""

from __future__ import annotations

import copy
import json

import pytest

from vnner import registry
from vnner.settings import SettingsError


@pytest.fixture()
def data() -> dict:
    return copy.deepcopy(registry.default())


def test_vnners_registry_loads_and_is_large(data):
    checked = registry.check(data, "configs/bodies.json")
    assert len(checked.bodies) >= 800
    assert {b.kind for b in checked.bodies} <= set(registry.KINDS)
    assert any("KBNN" in b.short for b in checked.bodies)


def test_a_misspelt_key_names_the_nearest_one(data):
    data["bodies"][0]["shrot"] = data["bodies"][0].pop("short", [])
    with pytest.raises(SettingsError, match=r"bodies\.0\.shrot: unknown key \(did you mean 'short'\?\)"):
        registry.check(data, "mine.json")


def test_an_unknown_kind_and_a_badly_spaced_name_are_errors(data):
    data["bodies"][0]["kind"] = "club"
    data["bodies"][1]["name"] = "Bộ  Tài chính"
    with pytest.raises(SettingsError) as err:
        registry.check(data, "mine.json")
    assert "bodies.0.kind" in str(err.value) and "bodies.1.name" in str(err.value)


def test_one_short_form_for_two_bodies_is_an_error(data):
    data["bodies"].append({"name": "Kho bạc Nông nghiệp", "short": ["KBNN"], "kind": "state", "level": "central"})
    with pytest.raises(SettingsError, match="short form 'KBNN' belongs to both"):
        registry.check(data, "mine.json")


def test_a_pattern_spacy_cannot_use_is_an_error(data):
    data["patterns"] = [{"name": "broken", "pattern": [{"NORM": "sở", "OP": "sometimes"}]}]
    with pytest.raises(SettingsError, match="pattern 'broken' is not a spaCy Matcher pattern"):
        registry.check(data, "mine.json")


def test_an_unreadable_file_says_what_to_do(tmp_path):
    path = tmp_path / "bodies.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"cannot read the registry of bodies .*restore the file"):
        registry.load(path)
    path.write_text(json.dumps({"bodies": []}), encoding="utf-8")
    assert registry.load(path) == {"bodies": []}
