"""The rule and fact settings: one schema, checked when a model is built and loaded."""

from __future__ import annotations

import copy
import json

import pytest

from vnner import settings
from vnner.paths import config_file


@pytest.fixture()
def data() -> dict:
    return copy.deepcopy(settings.load(config_file("settings.json")))


def test_vnners_settings_fit_the_schema(data):
    checked = settings.check(data, "configs/settings.json")
    assert checked.boilerplate.max_line_chars == 200
    assert checked.boilerplate.byline_max_words == 5


def test_a_misspelt_key_is_an_error_with_the_nearest_key(data):
    data["boilerplate"]["byline_max_word"] = data["boilerplate"].pop("byline_max_words")
    with pytest.raises(settings.SettingsError) as err:
        settings.check(data, "mine.json")
    message = str(err.value)
    assert "boilerplate.byline_max_word: unknown key (did you mean 'byline_max_words'?)" in message
    assert "boilerplate.byline_max_words: missing" in message


def test_a_broken_pattern_and_a_bad_number_are_errors(data):
    data["boilerplate"]["line_patterns"].append("([unclosed")
    data["boilerplate"]["max_line_chars"] = 0
    with pytest.raises(settings.SettingsError) as err:
        settings.check(data, "mine.json")
    assert "boilerplate.line_patterns" in str(err.value) and "boilerplate.max_line_chars" in str(err.value)


def test_a_setting_added_later_has_a_default_for_older_models(data):
    del data["boilerplate"]["max_line_chars"]
    assert settings.check(data, "a model saved before max_line_chars").boilerplate.max_line_chars == 200


def test_an_unreadable_file_says_what_to_do(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"cannot read settings .*restore the file"):
        settings.load(path)
    path.write_text(json.dumps({"boilerplate": {}}), encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="vocabulary: missing"):
        settings.load(path)
