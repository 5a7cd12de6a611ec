"""What the structure promises a user: every list and tree moves with ``j k g G``; ``y`` says
what it copied the same way everywhere; a pane's failed fetch is said, not swallowed; ``/``'s
find field closes on escape and gives the keys back to its list."""

from __future__ import annotations

from textual.widgets import DataTable, Tree

from tests.app.drill import open_play
from tests.export_screen.support import notes
from tests.support import app_on, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery import DiscoveryScreen
from tui.screens.workflow.screen import WorkflowScreen
from widgets.find_bar import FindBar


async def test_the_discovery_tree_moves_with_j_k_g_and_G(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DiscoveryScreen)
        tree = app.screen.query_one("#resources", Tree)
        assert app.focused is tree
        start = tree.cursor_line
        await pilot.press("j", "j")
        assert tree.cursor_line == start + 2
        await pilot.press("k")
        assert tree.cursor_line == start + 1
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0


async def test_the_metrics_table_moves_with_j_k_g_and_G(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = workflow.query_one("#metrics-table", DataTable)
        assert app.focused is table and table.row_count > 2
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_y_says_what_it_copied_on_every_screen(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert "Copied the uuid of" in notes(app)
        workflow = await open_play(pilot)
        await pilot.press("y")
        batch = workflow.selected_batch
        assert batch is not None
        assert "Copied the uuid of batch" in notes(app) and batch.uuid in notes(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        assert "Copied the uuid of run" in notes(app)


async def test_a_pane_whose_fetch_fails_says_so() -> None:
    """The Metrics pane's worker raises; the screen says what failed (it used to be silent:
    a widget's worker does not bubble its state to the screen)."""
    with ThreadedSandbox(seed=7, scale="small") as box:
        app = app_on(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_play(pilot)
            box.faults.set({"kind": "status", "status": 403, "path": "/orchestration/runs/metrics"})
            await pilot.press("m")
            await settle(pilot)
            assert "forbidden" in notes(app).lower()


async def test_escape_closes_the_find_field_and_gives_the_keys_back(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        assert isinstance(app.screen, WorkflowScreen)
        find = workflow.query_one("#workflow-find", FindBar)
        await pilot.press("slash")
        assert find.display and app.focused is find
        await pilot.press("x", "escape")
        assert not find.display
        assert app.focused is workflow.query_one("#batches-table")
        assert app.screen is workflow, "the first escape closes the field, not the screen"
        await pilot.press("escape")
        assert isinstance(app.screen, DiscoveryScreen)
