"""Shared fixtures: an isolated user environment and a real sandbox over loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.sandbox.threaded import ThreadedSandbox

#: The sandbox's clock in tests and snapshots, so every rendering is the same.
FIXED_NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's config, data or cache, or sees their token."""
    for name in ("CONFIG", "DATA", "CACHE"):
        monkeypatch.setenv(f"CARGO_TUI_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setenv("CARGO_TUI_NOW", FIXED_NOW.isoformat())
    monkeypatch.delenv("CARGO_API_TOKEN", raising=False)
    monkeypatch.delenv("CARGO_API_BASE_URL", raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def sandbox() -> Iterator[ThreadedSandbox]:
    """One sandbox for the whole session (per xdist worker), small scale, fixed clock."""
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as running:
        yield running


@pytest.fixture
def faults(sandbox: ThreadedSandbox) -> Iterator[ThreadedSandbox]:
    """The shared sandbox, its fault rules cleared before and after the test, whatever happens."""
    sandbox.faults.clear()
    try:
        yield sandbox
    finally:
        sandbox.faults.clear()


@pytest.fixture
def small_segment_files(sandbox: ThreadedSandbox) -> Iterator[int]:
    """Segment downloads cut into files of 10 records, so a segment comes as several files."""
    caps = sandbox.world.caps
    before = caps["segment_file_rows"]
    caps["segment_file_rows"] = 10
    try:
        yield 10
    finally:
        caps["segment_file_rows"] = before


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for exports (tmp_path also holds the test's config and caches)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
