"""The folder each kind of export last went to: read back by kind, written privately and
atomically, set aside when unreadable, never fatal."""

from __future__ import annotations

from pathlib import Path

from tui.state.export_folders import folders_path, last_folder, remember_folder


def test_each_kind_reads_back_its_own_folder(user_dirs: Path, tmp_path: Path) -> None:
    assert last_folder("runs") == (None, [])
    assert not folders_path().exists(), "reading creates nothing"
    assert remember_folder("runs", tmp_path / "runs") is None
    assert remember_folder("query", tmp_path / "queries") is None
    assert remember_folder("runs", tmp_path / "later") is None
    assert last_folder("runs") == (tmp_path / "later", [])
    assert last_folder("query") == (tmp_path / "queries", [])
    assert last_folder("segment") == (None, [])
    assert folders_path().stat().st_mode & 0o777 == 0o600


def test_an_unreadable_file_is_set_aside_with_a_warning(user_dirs: Path) -> None:
    path = folders_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "folders": ', encoding="utf-8")
    folder, warnings = last_folder("runs")
    assert folder is None
    assert len(warnings) == 1 and "unreadable" in warnings[0]
    assert not path.exists(), "kept aside under another name"


def test_odd_entries_are_skipped(user_dirs: Path, tmp_path: Path) -> None:
    path = folders_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        '{"version": 1, "folders": {"runs": 3, "query": "relative/folder", "rows": "/srv/x"}}',
        encoding="utf-8",
    )
    assert last_folder("runs") == (None, [])
    assert last_folder("query") == (None, []), "only absolute folders are kept"
    assert last_folder("rows") == (Path("/srv/x"), [])


def test_a_failed_write_says_why_and_raises_nothing(user_dirs: Path, tmp_path: Path) -> None:
    folder = folders_path().parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be", encoding="utf-8")
    said = remember_folder("runs", tmp_path)
    assert said is not None and said.startswith(
        f"Cannot remember the export folder in {folders_path()}"
    )
