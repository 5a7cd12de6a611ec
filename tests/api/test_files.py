"""Atomic files: whole at the destination, or not there at all."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tui.api.files import (
    STALE_TEMP_SECONDS,
    AtomicFile,
    DestinationError,
    atomic_write,
    check_destination,
)


def test_written_whole(tmp_path: Path) -> None:
    dest = tmp_path / "out.csv"
    with atomic_write(dest) as fh:
        fh.write(b"a,b\n1,2\n")
    assert dest.read_bytes() == b"a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failure_leaves_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), atomic_write(dest) as fh:
        fh.write(b"half")
        raise RuntimeError("dropped")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_unless_overwrite(tmp_path: Path) -> None:
    dest = tmp_path / "out.csv"
    dest.write_text("old")
    with pytest.raises(DestinationError, match="already exists"), atomic_write(dest):
        pass
    assert dest.read_text() == "old"
    with atomic_write(dest, overwrite=True) as fh:
        fh.write(b"new")
    assert dest.read_text() == "new"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing" / "out.csv", "does not exist"),
        (lambda p: p, "is a folder"),
    ],
    ids=["missing-folder", "a-directory"],
)
def test_bad_destinations_say_why(tmp_path: Path, make: object, message: str) -> None:
    with pytest.raises(DestinationError, match=message), atomic_write(make(tmp_path)):  # type: ignore[operator]
        pass


def test_a_name_at_the_limit_still_gets_a_temporary(tmp_path: Path) -> None:
    """The temporary's name adds a prefix and a suffix; it is shortened to stay legal."""
    dest = tmp_path / ("n" * 255)
    with atomic_write(dest) as fh:
        fh.write(b"ok")
    assert dest.read_bytes() == b"ok"
    with pytest.raises(DestinationError, match="names are limited to 255 bytes"):
        check_destination(tmp_path / ("n" * 256))


def test_atomic_file_commits_or_discards(tmp_path: Path) -> None:
    kept = AtomicFile(tmp_path / "kept.csv")
    kept.file.write(b"a")
    kept.sync()
    assert kept.commit(sync=False) == tmp_path / "kept.csv"
    dropped = AtomicFile(tmp_path / "dropped.csv")
    dropped.file.write(b"b")
    dropped.discard()
    dropped.discard()
    assert [p.name for p in tmp_path.iterdir()] == ["kept.csv"]
    assert (tmp_path / "kept.csv").read_bytes() == b"a"


def test_a_killed_writers_temporary_is_removed_by_the_next_writer(tmp_path: Path) -> None:
    """kill -9 leaves ``.<name>.<random>.part``; the next write of that name removes it once
    it is old enough to be surely dead, and leaves a live writer's and other names' alone."""
    dest = tmp_path / "runs [1].csv"  # glob characters in the name are matched literally
    stale = tmp_path / ".runs [1].csv.k1ll3d9x.part"
    fresh = tmp_path / ".runs [1].csv.w0rk1ng7.part"
    other = tmp_path / ".other.csv.k1ll3d9x.part"
    for leftover in (stale, fresh, other):
        leftover.write_text("partial")
    old = time.time() - STALE_TEMP_SECONDS - 60
    for leftover in (stale, other):
        os.utime(leftover, (old, old))
    with atomic_write(dest) as fh:
        fh.write(b"whole")
    assert dest.read_bytes() == b"whole"
    assert not stale.exists()
    assert fresh.exists() and other.exists()
