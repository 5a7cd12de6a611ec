"""Settings: strict, helpful, and never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.state.settings import load, settings_path


def _write(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_no_file_is_the_defaults() -> None:
    loaded = load()
    assert loaded.problems == []
    assert loaded.settings.refresh_seconds == 5.0


def test_values_are_read_and_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    _write('refresh_seconds = 10\n[keymap]\ncopy-uuid = "ctrl+y"\n')
    assert load().settings.refresh_seconds == 10
    assert load().settings.keymap == {"copy-uuid": "ctrl+y"}
    monkeypatch.setenv("CARGO_TUI_REFRESH_SECONDS", "20")
    assert load().settings.refresh_seconds == 20


def test_an_unknown_key_suggests_the_closest() -> None:
    _write("refresh_secnods = 3\n")
    loaded = load()
    assert loaded.settings.refresh_seconds == 5.0
    assert "unknown setting 'refresh_secnods'" in loaded.problems[0]
    assert "did you mean 'refresh_seconds'" in loaded.problems[0]


def test_a_wrong_type_names_the_key() -> None:
    _write('history_limit = "lots"\n')
    loaded = load()
    assert "history_limit" in loaded.problems[0]
    assert "'lots'" in loaded.problems[0]


def test_broken_toml_says_where() -> None:
    _write("theme = \n")
    loaded = load()
    assert "not valid TOML" in loaded.problems[0]
    assert "line 1" in loaded.problems[0]


def test_settings_given_knows_every_field_and_what_gives_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.state.settings import Settings
    from tui.state.settings_given import FIELDS, settings_given

    assert set(Settings.model_fields) == FIELDS, "settings_given.FIELDS follows Settings"
    for field in FIELDS:
        monkeypatch.delenv(f"CARGO_TUI_{field.upper()}", raising=False)
    assert not settings_given(), "no file, no variable naming a setting: the defaults"
    monkeypatch.setenv("CARGO_TUI_CACHE_DIR", "/tmp/elsewhere")  # a folder, not a setting
    assert not settings_given()
    monkeypatch.setenv("cargo_tui_theme", "textual-light")  # any case, as pydantic reads it
    assert settings_given()
    monkeypatch.delenv("cargo_tui_theme")
    _write("history_limit = 20\n")
    assert settings_given()
