"""Export: every file segment.download signs, merged into one, whole or not at all."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select

from tests.segments_screen.support import (
    ALL_RECORDS,
    count_calls,
    flat,
    open_segments,
    paste_filter,
)
from tests.support import app_on, screen_text, settle
from tui.export import Format
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.segments.export import ExportDialog


async def _open_dialog(pilot: Pilot[Any], name: str = "Churned accounts") -> ExportDialog:
    screen = await open_segments(pilot, name)
    await paste_filter(pilot, screen, ALL_RECORDS)
    await pilot.press("f2", "e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def _write_to(pilot: Pilot[Any], dialog: ExportDialog, path: Path) -> None:
    dialog.query_one("#export-path", Input).value = str(path)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own to export to (the user's data dirs live in tmp_path too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


async def test_the_files_are_merged_into_one_csv_with_every_record(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        downloads = await count_calls(app, "download")
        dialog = await _open_dialog(pilot)
        assert "Churned accounts, with your edited filter." in screen_text(app)
        await _write_to(pilot, dialog, out / "companies.csv")
        text = flat(screen_text(app))
    assert downloads[0]["filter"] == {"conjonction": "and", "groups": []}
    assert downloads[0]["model_uuid"]
    with (out / "companies.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 240
    assert len({row["id"] for row in rows}) == 240, "no header line was merged in as a record"
    assert list(rows[0])[:3] == ["id", "name", "domain"]
    assert "Exported 240 records, merged from 3 files, to" in text
    assert _leftovers(out) == ["companies.csv"]


async def test_json_export_types_the_cells_by_the_models_columns(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open_dialog(pilot, "Target account list")
        path_field = dialog.query_one("#export-path", Input)
        path_field.value = str(out / "targets.csv")
        dialog.query_one("#export-format", Select).value = Format.JSON
        await settle(pilot)
        assert path_field.value == str(out / "targets.json")
        await pilot.press("enter")
        await settle(pilot)
    records = json.loads((out / "targets.json").read_text(encoding="utf-8"))
    assert len(records) == 240
    first = records[0]
    assert isinstance(first["employees"], int)
    assert isinstance(first["is_target_account"], bool)
    assert isinstance(first["tags"], list)


async def test_a_bad_path_is_refused_in_the_dialog_and_nothing_is_written(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        downloads = await count_calls(app, "download")
        dialog = await _open_dialog(pilot)
        await _write_to(pilot, dialog, out / "no-such-folder" / "out.csv")
        assert app.screen is dialog, "the dialog stays open on a bad path"
        assert "does not exist; create it or pick another" in screen_text(app)
        assert dialog.query_one("#export-go", Button).disabled
        (out / "taken.csv").write_text("keep me\n", encoding="utf-8")
        await _write_to(pilot, dialog, out / "taken.csv")
        assert "already exists" in screen_text(app)
        assert app.screen is dialog
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not dialog
    assert downloads == []
    assert (out / "taken.csv").read_text(encoding="utf-8") == "keep me\n"
    assert _leftovers(out) == ["taken.csv"]


async def test_a_failed_download_leaves_nothing_half_written(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        dialog = await _open_dialog(pilot)
        sandbox.faults.add(kind="status", status=403, path="/_files/", count=5)
        try:
            await _write_to(pilot, dialog, out / "companies.csv")
        finally:
            sandbox.faults.clear()
        text = screen_text(app)
        assert app.is_running
    assert "nothing was written" in text
    assert _leftovers(out) == []


async def test_escape_cancels_a_running_export(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await paste_filter(pilot, screen, ALL_RECORDS)
        await pilot.press("f2", "e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path", Input).value = str(out / "slow.csv")
        sandbox.faults.add(kind="latency", latency_ms=3000, path="/_files/")
        try:
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert "Exporting Churned accounts: downloading file 1 of 3" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
        finally:
            sandbox.faults.clear()
        text = screen_text(app)
        assert app.screen is screen, "escape cancelled the export; it did not leave the screen"
    assert "Export cancelled; nothing was written." in text
    assert _leftovers(out) == []


async def test_a_filter_with_errors_is_not_exported(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        downloads = await count_calls(app, "download")
        screen = await open_segments(pilot, "Churned accounts")
        await paste_filter(pilot, screen, '{"conjunction": "and", "groups": []}')
        await pilot.press("f2", "e")
        await settle(pilot)
        text = screen_text(app)
        assert not isinstance(app.screen, ExportDialog)
    assert downloads == []
    assert "The export was not sent: the filter has 1 error" in flat(text)
