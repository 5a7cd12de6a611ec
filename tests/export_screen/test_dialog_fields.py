"""The export dialog's fields as keys reach them: enter exports from any field (as the hint
says), space ticks a checkbox and opens a select."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Select

from tests.export_screen.support import (
    open_dialog,
    progress,
    read_csv,
    set_path,
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
