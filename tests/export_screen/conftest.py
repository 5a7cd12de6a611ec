"""Fixtures that bend the session sandbox for one test, and put it back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.sandbox.threaded import ThreadedSandbox


@pytest.fixture
def faults(sandbox: ThreadedSandbox) -> Iterator[ThreadedSandbox]:
    """The sandbox, its fault rules cleared before and after."""
    sandbox.faults.clear()
    yield sandbox
    sandbox.faults.clear()


@pytest.fixture
def small_segment_files(sandbox: ThreadedSandbox) -> Iterator[int]:
    """Segment downloads cut into files of 10 records, so a segment comes as several files."""
    caps = sandbox.world.caps
    before = caps["segment_file_rows"]
    caps["segment_file_rows"] = 10
    yield 10
    caps["segment_file_rows"] = before


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for exports (tmp_path also holds the test's config and caches)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
