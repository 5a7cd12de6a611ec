"""Where cargo-tui keeps its files. Nothing is created until something is written.

``CARGO_TUI_CONFIG_DIR``, ``CARGO_TUI_DATA_DIR`` and ``CARGO_TUI_CACHE_DIR`` override the
platform's directories (tests point them at a temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "cargo-tui"


def config_dir() -> Path:
    override = os.environ.get("CARGO_TUI_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path(APP)


def data_dir() -> Path:
    override = os.environ.get("CARGO_TUI_DATA_DIR")
    return Path(override) if override else platformdirs.user_data_path(APP)


def cache_dir() -> Path:
    override = os.environ.get("CARGO_TUI_CACHE_DIR")
    return Path(override) if override else platformdirs.user_cache_path(APP)
