"""Whether the user gave any setting: a ``settings.toml``, or a ``CARGO_TUI_*`` variable that
names one. Known without pydantic-settings (~0.1 s to load and build): with none given, the
settings are the defaults, nothing on screen would change, and the app reads them once the
workspace is shown instead of beside its first answers."""

from __future__ import annotations

import os
from pathlib import Path

from tui.state.paths import config_dir

#: The fields of :class:`tui.state.settings.Settings` (a test holds the two together).
FIELDS = frozenset(
    {"theme", "keymap", "refresh_seconds", "history_limit", "follow_seconds", "notifications"}
)
PREFIX = "CARGO_TUI_"


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def settings_given() -> bool:
    """True when a settings file exists or a variable sets a field (names in any case, as
    pydantic-settings reads them)."""
    if settings_path().exists():
        return True
    return any(
        name.upper().startswith(PREFIX) and name[len(PREFIX) :].lower() in FIELDS
        for name in os.environ
    )
