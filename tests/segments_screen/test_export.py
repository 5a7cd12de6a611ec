"""Export from the Segments screen: the shared dialog, with the edited filter; every file
segment.download signs, merged into one, whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Select

from tests.export_screen.support import (
    dialog,
    export_to,
    leftovers,
    notes,
    progress,
    read_csv,
    set_path,
    wait_for,
)
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
from tui.screens.export import ExportDialog


async def _open_dialog(pilot: Pilot[Any], name: str = "Churned accounts") -> ExportDialog:
    screen = await open_segments(pilot, name)
    await paste_filter(pilot, screen, ALL_RECORDS)
    await pilot.press("f2", "e")
    await settle(pilot)
    return dialog(pilot.app)


async def test_the_files_are_merged_into_one_csv_with_every_record(
    sandbox: ThreadedSandbox, out: Path, small_segment_files: int
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        downloads = await count_calls(app, "download")
        await _open_dialog(pilot)
        assert "Churned accounts, with your edited filter." in screen_text(app)
        await export_to(pilot, out / "companies.csv")
        text = flat(screen_text(app))
    assert downloads[0]["filter"] == {"conjonction": "and", "groups": []}
    assert downloads[0]["model_uuid"]
    rows = read_csv(out / "companies.csv")
    assert len(rows) == 240, "240 records came in 24 files of 10"
    assert len({row["id"] for row in rows}) == 240, "no header line was merged in as a record"
    assert list(rows[0])[:3] == ["id", "name", "domain"]
    assert "Exported 240 rows" in text
    assert leftovers(out) == ["companies.csv"]


async def test_json_export_types_the_cells_by_the_models_columns(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await _open_dialog(pilot, "Target account list")
        found.query_one("#export-format", Select).value = Format.JSON
        await settle(pilot)
        await export_to(pilot, out / "targets.json")
    records = json.loads((out / "targets.json").read_text(encoding="utf-8"))
    assert len(records) == 240
    first = records[0]
    assert isinstance(first["employees"], int)
    assert isinstance(first["is_target_account"], bool)
    assert isinstance(first["tags"], list)


async def test_a_bad_path_is_refused_in_the_dialog_and_nothing_is_asked(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        downloads = await count_calls(app, "download")
        found = await _open_dialog(pilot)
        check = await set_path(pilot, out / "no-such-folder" / "out.csv")
        assert "does not exist" in check
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is found, "the dialog stays open on a bad path"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert downloads == []
    assert leftovers(out) == []


async def test_a_failed_download_leaves_nothing_half_written(
    faults: ThreadedSandbox, out: Path
) -> None:
    app = app_on(faults)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _open_dialog(pilot)
        faults.faults.add(kind="status", status=403, path="/_files/", count=5)
        await set_path(pilot, out / "companies.csv")
        await pilot.press("enter")
        await wait_for(pilot, "The export failed")
        text = flat(screen_text(app))
        assert app.is_running
    assert "Nothing was written" in text
    assert leftovers(out) == []


async def test_escape_cancels_a_running_export(faults: ThreadedSandbox, out: Path) -> None:
    app = app_on(faults)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _open_dialog(pilot)
        faults.faults.add(kind="latency", latency_ms=3000, path="/_files/")
        await set_path(pilot, out / "slow.csv")
        await pilot.press("enter")
        await wait_for(pilot, "Downloading")
        assert progress(app).running
        await pilot.press("escape")
        await settle(pilot)
        assert "Export cancelled. Nothing was written." in notes(app)
        assert not isinstance(app.screen, ExportDialog)
    assert leftovers(out) == []


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
