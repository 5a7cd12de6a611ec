"""Query history: append-only JSON Lines, crash-safe, capped, searchable."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tui.state.history import History, HistoryEntry, history_path

WORKSPACE = "8c1f6a2e-2d41-4c3b-9f0e-5d7a1b2c3d4e"


def test_entries_come_back_newest_first_after_a_restart() -> None:
    history = History(WORKSPACE)
    start = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    for minute in range(3):
        history.record(f"SELECT {minute}", at=start + timedelta(minutes=minute), rows=minute)
    history.record("SELECT stauts FROM runs", error="Unknown column stauts", duration_ms=12)
    reopened = History(WORKSPACE)  # a new process would do just this
    entries = reopened.entries()
    assert [e.sql for e in entries] == [
        "SELECT stauts FROM runs",
        "SELECT 2",
        "SELECT 1",
        "SELECT 0",
    ]
    assert entries[0].error == "Unknown column stauts" and entries[0].duration_ms == 12
    assert entries[1].at == start + timedelta(minutes=2) and entries[1].rows == 2
    assert len({e.id for e in entries}) == 4


def test_the_file_is_versioned_jsonl_in_the_data_dir(user_dirs: Path) -> None:
    History(WORKSPACE).record("SELECT 1", rows=1, cap="result")
    path = history_path(WORKSPACE)
    assert path == user_dirs / "data" / "history" / f"{WORKSPACE}.jsonl"
    [line] = path.read_text().splitlines()
    record = json.loads(line)
    assert record["version"] == 1 and record["sql"] == "SELECT 1" and record["cap"] == "result"
    assert set(record) == {"version", "id", "at", "sql", "duration_ms", "rows", "error", "cap"}
    assert path.stat().st_mode & 0o077 == 0


def test_a_torn_last_line_is_skipped_and_the_next_entry_survives() -> None:
    history = History(WORKSPACE)
    history.record("SELECT 1")
    with history.path.open("ab") as handle:  # a crash in the middle of a write
        handle.write(b'{"version": 1, "id": "abc", "at": "2026-11-27T14:0')
    fresh = History(WORKSPACE)
    assert [e.sql for e in fresh.entries()] == ["SELECT 1"]
    assert fresh.warnings == []  # a torn tail is expected, not worth a warning
    fresh.record("SELECT 2")
    assert [e.sql for e in History(WORKSPACE).entries()] == ["SELECT 2", "SELECT 1"]


def test_unreadable_lines_in_the_middle_are_skipped_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    history = History(WORKSPACE)
    history.record("SELECT 1")
    with history.path.open("a") as handle:
        handle.write("not json\n")
        handle.write(json.dumps({"version": 99, "sql": "from the future"}) + "\n")
    history.record("SELECT 2")
    with caplog.at_level(logging.WARNING, logger="tui.state"):
        entries = History(WORKSPACE).entries()
    assert [e.sql for e in entries] == ["SELECT 2", "SELECT 1"]
    assert "2 unreadable history line(s) skipped" in caplog.text


def test_a_file_that_is_not_history_is_set_aside() -> None:
    path = history_path(WORKSPACE)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe binary junk")
    history = History(WORKSPACE)
    assert history.entries() == []
    assert history.warnings and "kept as" in history.warnings[0]
    [aside] = list(path.parent.glob(f"{path.name}.bad-*"))
    assert aside.read_bytes() == b"\xff\xfe binary junk"
    history.record("SELECT 1")
    assert [e.sql for e in History(WORKSPACE).entries()] == ["SELECT 1"]


def test_the_history_is_capped_by_an_atomic_compaction() -> None:
    history = History(WORKSPACE, cap=20)
    for number in range(50):
        history.record(f"SELECT {number}")
    lines = history.path.read_text().splitlines()
    assert 20 <= len(lines) <= 22  # compacted to 20 each time it passes 20 plus slack
    entries = History(WORKSPACE, cap=20).entries()
    assert entries[0].sql == "SELECT 49"
    assert [e.sql for e in entries] == [f"SELECT {n}" for n in range(49, 49 - len(entries), -1)]
    assert not list(history.path.parent.glob("*.part"))


def test_search_finds_substrings_first_then_fuzzy_matches() -> None:
    history = History(WORKSPACE)
    history.record("SELECT status FROM runs")
    history.record("SELECT node_slug FROM spans", error="Timeout exceeded")
    history.record("SELECT count() FROM runs WHERE status = 'error'")
    history.record("SELECT sum(credits_used_count) FROM batches")
    assert [e.sql for e in history.search("status")] == [
        "SELECT count() FROM runs WHERE status = 'error'",
        "SELECT status FROM runs",
    ]
    assert [e.sql for e in history.search("timeout")] == ["SELECT node_slug FROM spans"]
    # Typos and abbreviations still find it, after the exact matches.
    assert [e.sql for e in history.search("crdits")] == [
        "SELECT sum(credits_used_count) FROM batches"
    ]
    fuzzy = history.search("stauts")
    assert {e.sql for e in fuzzy} == {
        "SELECT status FROM runs",
        "SELECT count() FROM runs WHERE status = 'error'",
    }
    assert history.search("nothing like this") == []
    assert len(history.search("")) == 4


def test_search_can_keep_only_the_newest_run_of_each_query() -> None:
    history = History(WORKSPACE)
    for rows in (1, 2, 3):
        history.record("SELECT  count()\nFROM runs", rows=rows)
    history.record("SELECT 1")
    unique = history.search("count", unique=True)
    assert [(e.sql, e.rows) for e in unique] == [("SELECT  count()\nFROM runs", 3)]


def test_workspaces_have_separate_histories() -> None:
    History(WORKSPACE).record("SELECT 1")
    assert History("another-workspace").entries() == []


def test_an_odd_workspace_id_never_escapes_the_history_folder(user_dirs: Path) -> None:
    path = history_path("../../etc/passwd")
    assert path.parent == user_dirs / "data" / "history"
    assert ".." not in path.name


def test_entries_round_trip_through_json() -> None:
    entry = HistoryEntry("id1", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "SELECT 1", 5, 1)
    assert HistoryEntry.from_json(json.loads(json.dumps(entry.to_json()))) == entry
    with pytest.raises(ValueError):
        HistoryEntry.from_json({"version": 2, "sql": "x"})


def test_a_failed_write_is_a_warning_not_a_crash() -> None:
    blocker = history_path(WORKSPACE).parent
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the history folder should be")
    history = History(WORKSPACE)
    entry = history.record("SELECT 1")
    assert entry.sql == "SELECT 1"
    assert history.warnings and "Cannot write the query history" in history.warnings[0]
