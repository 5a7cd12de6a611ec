"""``Y``: a selection copied through OSC 52 as JSON or TSV; one too large for a terminal to
accept says so and offers the export dialog instead."""

from __future__ import annotations

import json
from pathlib import Path

from tests.app.drill import open_play, select_unhealthy
from tests.export_screen.support import dialog, export_to, notes, read_json
from tests.support import app_on, settle
from tui.export import OSC52_LIMIT_BYTES, osc52_size
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_detail import RunDetailScreen
from tui.screens.runs import RunsScreen


async def _failed_runs(pilot: object) -> RunsScreen:
    workflow = await open_play(pilot)  # type: ignore[arg-type]
    await select_unhealthy(pilot, workflow)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    runs = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(runs, RunsScreen)
    return runs


async def test_y_copies_the_node_output_as_json(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await _failed_runs(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, RunDetailScreen)
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard, "the payload went to the clipboard"
        copied = json.loads(app.clipboard)
        assert copied["status"] == 422, "the failing clearbit_enrich node's output"
        assert "Copied the clearbit_enrich output of" in notes(app)
        assert app.screen is detail, "no dialog for a payload that fits"


async def test_y_copies_the_run_under_the_cursor(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        runs = await _failed_runs(pilot)
        row = runs.table.cursor_row
        assert row is not None
        await pilot.press("Y")
        await pilot.pause()
        copied = json.loads(app.clipboard)
        assert copied["uuid"] == str(row.key)
        assert copied["status"] == "error" and copied["executions"]
        assert "Copied 1 run as JSON" in notes(app)


async def test_an_oversized_selection_offers_the_file_dialog(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        runs = await _failed_runs(pilot)
        await pilot.press(*["space"] * 20)
        marked = {str(key) for key in runs.table.marked}
        assert len(marked) == 20
        selected = [
            row.data.model_dump(mode="json", by_alias=True)
            for row in runs.table.loaded()
            if str(row.key) in marked
        ]
        assert len(selected) == 20
        assert osc52_size(json.dumps(selected, indent=2)) > OSC52_LIMIT_BYTES
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == "", "nothing half-copied"
        note = str(dialog(app).query_one("#export-note").render())
        assert note.startswith("20 runs is ")
        assert "once encoded for the clipboard, more than terminals accept (73.2 KB)" in note
        await export_to(pilot, out / "selected.json")
        assert {row["uuid"] for row in read_json(out / "selected.json")} == marked


async def test_y_copies_a_tab_s_rows_as_tsv(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("f")
        await settle(pilot)
        groups = workflow.query_one("FailuresPane").groups  # type: ignore[attr-defined]
        await pilot.press("Y")
        await pilot.pause()
        lines = app.clipboard.splitlines()
        assert lines[0].split("\t") == [
            "node",
            "failures",
            "runs",
            "first_seen",
            "last_seen",
            "message",
            "example",
        ]
        assert len(lines) == len(groups) + 1
        assert lines[1].split("\t")[:2] == [groups[0].node_slug, str(groups[0].failures)]
