"""Atomic files: whole at the destination, or not there at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.api.files import DestinationError, atomic_write


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
