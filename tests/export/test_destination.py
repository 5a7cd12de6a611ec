"""The export dialog's path field: checked as typed, completed on tab."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.export.conftest import leftovers
from tui.export import check_typed_destination, complete_path, resolve_typed


def test_tilde_and_dot_dot_are_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "exports").mkdir()
    assert resolve_typed("~/exports/../runs.csv") == tmp_path / "runs.csv"
    assert resolve_typed("exports/./a.csv", cwd=tmp_path) == tmp_path / "exports" / "a.csv"
    check = check_typed_destination("~/exports/runs.csv")
    assert (check.status, check.path) == ("ok", tmp_path / "exports" / "runs.csv")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a file name, such as runs.csv."),
        ("   ", "Type a file name, such as runs.csv."),
        ("exports/", "exports is a folder; add a file name, such as"),
        ("exports", "exports is a folder; add a file name, such as"),
        ("..", "is a folder; add a file name"),
        ("missing/runs.csv", "The folder {tmp}/missing does not exist; create it or pick another."),
        ("x" * 256 + ".csv", "bytes long; names are limited to 255 bytes. Shorten it."),
        ("é" * 128 + ".csv", "The name 'ééé"),
    ],
)
def test_what_cannot_be_written_says_why(typed: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    check = check_typed_destination(typed, cwd=tmp_path)
    assert check.status == "invalid" and not check.ok
    assert message.format(tmp=tmp_path) in check.message


def test_a_name_of_255_bytes_is_fine_and_writable(tmp_path: Path) -> None:
    """The limit is NAME_MAX; the temporary beside it must fit too (its name is shortened)."""
    from tui.export import ExportOptions, Format, write_rows

    name = "r" * 251 + ".csv"
    assert check_typed_destination(name, cwd=tmp_path).ok
    write_rows(tmp_path / name, None, [[{"a": 1}]], ExportOptions(Format.CSV))
    assert leftovers(tmp_path) == [name]


def test_the_sidecar_counts_too(tmp_path: Path) -> None:
    name = "r" * 247 + ".csv"  # fine alone; with ".meta.json" it is 261 bytes
    assert check_typed_destination(name, cwd=tmp_path).ok
    assert "Shorten it" in check_typed_destination(name, cwd=tmp_path, with_sidecar=True).message
    (tmp_path / "a.csv.meta.json").write_text("{}")
    check = check_typed_destination("a.csv", cwd=tmp_path, with_sidecar=True)
    assert check.needs_confirmation and "a.csv.meta.json already exists" in check.message


def test_an_existing_file_needs_confirmation(tmp_path: Path) -> None:
    (tmp_path / "runs.csv").write_text("old")
    check = check_typed_destination("runs.csv", cwd=tmp_path)
    assert check.status == "exists" and check.needs_confirmation
    assert (
        check.message
        == f"{tmp_path / 'runs.csv'} already exists; confirm to replace it, or pick another name."
    )


def test_a_read_only_folder_is_refused(read_only_folder: Path) -> None:
    check = check_typed_destination(str(read_only_folder / "runs.csv"))
    assert check.status == "invalid"
    assert check.message == f"No permission to write in {read_only_folder}; pick another folder."


def test_completion_lists_matching_entries_folders_first(tmp_path: Path) -> None:
    for name in ["runs.csv", "runs-failed.csv", "Reports", ".hidden.csv", "other.txt"]:
        (tmp_path / name).write_text("") if "." in name else (tmp_path / name).mkdir()
    (tmp_path / "runs-archive").mkdir()
    assert complete_path("r", cwd=tmp_path) == ["runs-archive/", "runs-failed.csv", "runs.csv"]
    assert complete_path("R", cwd=tmp_path) == ["Reports/"]
    assert complete_path("", cwd=tmp_path) == [
        "Reports/",
        "runs-archive/",
        "other.txt",
        "runs-failed.csv",
        "runs.csv",
    ]
    assert complete_path(".h", cwd=tmp_path) == [".hidden.csv"]
    assert complete_path(f"{tmp_path}/runs-a", cwd=Path("/")) == [f"{tmp_path}/runs-archive/"]
    assert complete_path("nowhere/x", cwd=tmp_path) == []


def test_completion_keeps_the_tilde_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "exports").mkdir()
    assert complete_path("~") == ["~/"]
    assert complete_path("~/ex") == ["~/exports/"]
    assert os.path.expanduser(complete_path("~/ex")[0]) == f"{tmp_path}/exports/"
