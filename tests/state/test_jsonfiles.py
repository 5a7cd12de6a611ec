"""Versioned JSON state files: set aside when unreadable, written whole."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest

from tui.state.jsonfiles import read_json, set_aside, workspace_file, write_json


def test_a_missing_file_is_no_data_and_no_warning(tmp_path: Path) -> None:
    assert read_json(tmp_path / "absent.json", 1) == (None, [])


def test_written_files_read_back(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.json"
    write_json(path, {"version": 1, "x": "é"})
    assert read_json(path, 1) == ({"version": 1, "x": "é"}, [])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{broken", "not JSON"),
        (b"\xff\xfe\x00", "not JSON"),
        (json.dumps({"version": 2}).encode(), "version 2, expected 1"),
        (json.dumps([1, 2]).encode(), "version None"),
    ],
)
def test_unreadable_files_are_set_aside_with_a_warning(
    tmp_path: Path, body: bytes, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(body)
    with caplog.at_level(logging.WARNING, logger="tui.state"):
        data, warnings = read_json(path, 1)
    assert data is None and len(warnings) == 1 and reason in warnings[0]
    assert reason in caplog.text
    [aside] = tmp_path.glob("state.json.bad-*")
    assert aside.read_bytes() == body and not path.exists()


def test_a_folder_where_a_file_should_be_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / "state.json").mkdir()
    data, warnings = read_json(tmp_path / "state.json", 1)
    assert data is None and warnings
    assert len(list(tmp_path.glob("state.json.bad-*"))) == 1


def test_setting_aside_twice_in_a_second_keeps_both(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for body in ("one", "two"):
        path.write_text(body)
        set_aside(path, "test")
    assert sorted(p.read_text() for p in tmp_path.glob("state.json.bad-*")) == ["one", "two"]


def test_stale_temporary_files_of_killed_writers_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".state.json.abc123.part"
    fresh = tmp_path / ".state.json.def456.part"
    stale.write_text("left by a kill -9")
    fresh.write_text("a writer at work")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    read_json(tmp_path / "state.json", 1)
    assert not stale.exists() and fresh.exists()


def test_workspace_files_are_named_by_uuid_or_by_hash(tmp_path: Path) -> None:
    assert workspace_file(tmp_path, "ab-12_CD", ".json") == tmp_path / "ab-12_CD.json"
    odd = workspace_file(tmp_path, "../x y", ".json")
    assert odd.parent == tmp_path and len(odd.stem) == 32
