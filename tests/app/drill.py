"""Shared steps for driving the drill-down screens on the demo workspace."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.support import on_top, settle
from tui.app import CargoApp
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.rerun.dialog import ReRunDialog
from tui.screens.workflow.screen import WorkflowScreen
from widgets.paged_table import PagedTable

PLAY = "Enrich new companies"


async def open_play(pilot: Pilot[None], name: str = PLAY) -> WorkflowScreen:
    """From Discovery, filter to a play and press enter: its workflow's batches."""
    app = pilot.app
    assert isinstance(app, CargoApp)
    await on_top(pilot, DiscoveryScreen)
    await pilot.press("slash", *name, "enter", "enter")
    return await on_top(pilot, WorkflowScreen, name)


async def cursor_to(pilot: Pilot[None], table: PagedTable, index: int) -> None:
    table.cursor = index
    await settle(pilot)


def unhealthy_success_index(screen: WorkflowScreen) -> int:
    """The row of the first batch that says success but holds failed runs and is unhealthy."""
    table = screen.query_one("#batches-table", PagedTable)
    for index in range(table.total):
        row = table.row(index)
        batch = screen.query_one("BatchesPane").batches.get(str(row.key)) if row else None  # type: ignore[attr-defined]
        if batch is not None and batch.succeeded_with_failures and batch.runs_status == "unhealthy":
            return index
    raise AssertionError("the demo workspace has a batch that succeeded with failed runs")


async def select_unhealthy(pilot: Pilot[None], screen: WorkflowScreen) -> None:
    """Put the cursor on the batch that succeeded with failed runs."""
    table = screen.query_one("#batches-table", PagedTable)
    await cursor_to(pilot, table, unhealthy_success_index(screen))


async def open_rerun(pilot: Pilot[None]) -> ReRunDialog:
    """The re-run dialog on the play's batch that "succeeded" with failed runs."""
    workflow = await open_play(pilot)
    await select_unhealthy(pilot, workflow)
    await pilot.press("R")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ReRunDialog), dialog
    return dialog
