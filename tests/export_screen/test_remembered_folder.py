"""The export dialog starts where the same kind of export went last time, across restarts; a
folder since removed is said, and the dialog starts in the usual place instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from textual.widgets import Input

from tests.export_screen.support import dialog, export_to, open_dialog, small_source
from tests.support import app_on, screen_text
from tui.export.cargo_sources import QueryResultSource
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.export_folders import folders_path

TODAY = "2026-11-27"


def typed(app: object) -> str:
    return dialog(app).query_one("#export-path", Input).value  # type: ignore[arg-type]


def query_result() -> QueryResultSource:
    return QueryResultSource(result=pa.table({"n": [1, 2]}), sql="SELECT 1")


async def test_the_dialog_starts_in_the_folder_last_used_for_that_kind(
    sandbox: ThreadedSandbox, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(out))  # no ~/cargo-exports: the current folder is the default
    monkeypatch.chdir(out)
    reports = out / "reports"
    reports.mkdir()
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, small_source())
        assert typed(app) == f"~/some-rows-{TODAY}.csv", "nothing remembered yet"
        await export_to(pilot, reports / "mine.csv")

    app = app_on(sandbox)  # another day, another session
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, small_source())
        assert typed(app) == f"~/reports/some-rows-{TODAY}.csv", "where these rows went last"
        assert folders_path().stat().st_mode & 0o777 == 0o600
        await pilot.press("escape")
        await open_dialog(pilot, query_result())
        assert typed(app) == f"~/query-result-{TODAY}.csv", "a query result has its own folder"
        await pilot.press("escape")

        shutil.rmtree(reports)
        await open_dialog(pilot, small_source())
        assert typed(app) == f"~/some-rows-{TODAY}.csv"
        said = " ".join(screen_text(app).replace("█", " ").split())  # lines unwrapped
        assert "~/reports, where this kind of export went last, no longer exists" in said, said
        assert "starting in ~ instead" in said, said
