"""The export dialog's fields as keys reach them: enter exports from any field (as the hint
says), space ticks a checkbox and opens a select; a path longer than its field keeps its start
and its file name in sight."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from tests.export_screen.support import (
    check_line,
    dialog,
    open_dialog,
    progress,
    read_csv,
    set_path,
    wait_for,
)
from tests.export_screen.support import small_source as rows
from tests.support import app_on, screen_text, settle
from tui.export import Format
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.export import ExportProgress


async def test_enter_on_a_checkbox_exports_and_space_ticks_it(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, rows())
        await set_path(pilot, out / "rows.csv")
        header = screen.query_one("#export-header", Checkbox)
        header.focus()
        await pilot.press("space")
        assert header.value is False, "space unticks the header row"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportProgress), "enter exports, as the hint says"
        assert header.value is False, "enter did not tick the box again"
        await settle(pilot)
        assert progress(app).result is not None, screen_text(app)
        assert (out / "rows.csv").read_text().splitlines()[0] == '0,"row 0","{""i"":0}"'


async def test_enter_on_the_format_exports_and_space_opens_it(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, rows())
        await set_path(pilot, out / "rows.csv")
        select = screen.query_one("#export-format", Select)
        select.focus()
        await pilot.press("space")
        await pilot.pause()
        assert select.expanded, "space opens the list of formats"
        await pilot.press("down", "enter")  # in the open list, enter picks
        await pilot.pause()
        assert select.value is Format.TSV and not select.expanded
        assert app.screen is screen, "picking a format does not export"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportProgress)
        await settle(pilot)
        assert read_csv(out / "rows.tsv", "\t")[2]["name"] == "row 2"


def field_shows(pilot_app: object) -> str:
    """The path field's cells, as painted."""
    app = pilot_app
    field = dialog(app).query_one("#export-path", Input)  # type: ignore[arg-type]
    region = field.content_region
    row = screen_text(app).splitlines()[region.y]  # type: ignore[arg-type]
    return row[region.x : region.right].rstrip()


async def test_a_long_path_keeps_its_start_and_its_file_name_in_sight(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    folder = out / "quarterly-reports" / "2026" / "november" / "enrichment"
    folder.mkdir(parents=True)
    name = "failed-runs-enrich-new-companies-2026-11-27.csv"
    path = str(folder / name)
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, rows())
        await set_path(pilot, path)
        await wait_for(pilot, name)
        field = dialog(app).query_one("#export-path", Input)
        assert len(path) > field.content_region.width, "the path is longer than its field"
        start = path[: path.index("/", 1) + 1]  # "/tmp/"

        typing = field_shows(app)  # focused, the cursor at the end, as the dialog opens
        assert typing.startswith(start) and typing.endswith(f"…/enrichment/{name}"), typing

        await pilot.press("tab")  # nothing to complete: the focus moves on
        await pilot.pause()
        assert not field.has_focus
        resting = field_shows(app)
        assert resting.startswith(start) and resting.endswith(f"/enrichment/{name}"), resting
        assert "…/" in resting and len(resting) <= field.content_region.width

        field.focus()
        await pilot.press("home")  # the whole text, one key away: the field scrolls
        await pilot.pause()
        assert field_shows(app) == path[: field.content_region.width], field_shows(app)
        await pilot.press("end")
        await pilot.pause()
        assert field_shows(app).endswith(name)
        assert check_line(pilot) == f"✔ a new file in {folder}", "the whole folder, under it"


async def test_a_path_that_fits_is_shown_whole(
    sandbox: ThreadedSandbox, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(out))
    (out / "reports").mkdir()
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, rows())
        await set_path(pilot, "~/reports/rows.csv")
        await wait_for(pilot, "~/reports/rows.csv")
        assert field_shows(app) == "~/reports/rows.csv"
        await pilot.press("tab")
        await pilot.pause()
        assert field_shows(app) == "~/reports/rows.csv"
