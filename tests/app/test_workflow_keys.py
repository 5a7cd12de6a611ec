"""The workflow view's keys as a new user meets them: a tab switch (a key, a burst of keys, a
click) puts the keys on the tab's main list; letters switch tabs from an open menu too; escape
leaves the innermost thing first (a date field, a menu) and keeps the scope chosen."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Select

from tests.app.drill import open_play
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery import DiscoveryScreen
from tui.screens.runs import RunsScreen
from tui.screens.workflow.screen import WorkflowScreen
from widgets.paged_table import PagedTable

#: Each tab's key, and the list that has the keys once it is shown.
TAB_KEYS = {
    "batches": ("b", "#batches-table"),
    "runs": ("u", "#runs-table"),
    "metrics": ("m", "#metrics-table"),
    "failures": ("f", "#failures-table"),
    "outputs": ("o", "#outputs-show"),  # (its table comes with Show)
}


async def test_tab_keys_in_one_burst_leave_the_last_tab_shown_and_focused(
    sandbox: ThreadedSandbox,
) -> None:
    """``m`` and ``b`` in one read (a fast typist, a burst over SSH): the news that the
    Metrics list had the focus came after the Batches one and showed Metrics again, the focus
    nowhere, so arrows did nothing until tab was pressed twice."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        batches = workflow.query_one("#batches-table", PagedTable)
        for moved in range(1, 4):
            for key in "mb":  # queued together, as one read of the terminal brings them
                app.post_message(events.Key(key, key))
            await settle(pilot)
            assert workflow.active_tab == "batches", f"burst {moved}: {workflow.active_tab}"
            assert app.focused is batches, f"burst {moved}: the focus is on {app.focused}"
            await pilot.press("down")
            assert batches.cursor == moved, "the arrow moves the batch cursor at once"


async def test_every_tab_switch_puts_the_keys_on_the_tabs_list(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        for tab, (key, main) in TAB_KEYS.items():
            await pilot.press(key)
            await settle(pilot)
            assert workflow.active_tab == tab
            assert app.focused is workflow.query_one(main), f"{key}: focus on {app.focused}"
        for tab, (_, main) in TAB_KEYS.items():
            await pilot.click(f"#--content-tab-{tab}")
            await settle(pilot)
            assert workflow.active_tab == tab
            assert app.focused is workflow.query_one(main), f"click {tab}: on {app.focused}"


async def test_tab_from_the_metrics_list_never_lands_on_a_select(
    sandbox: ThreadedSandbox,
) -> None:
    """A click on the Metrics tab left the focus on the tab bar: tab then landed on a scope
    select, where down opened its menu and changed the scope."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await pilot.click("#--content-tab-metrics")
        await settle(pilot)
        assert app.focused is workflow.query_one("#metrics-table")
        await pilot.press("tab")
        assert not isinstance(app.focused, Select), f"tab landed on {app.focused}"
        await pilot.press("down")
        await settle(pilot)
        assert workflow.query_one("#metrics-scope", Select).value == "batch"


async def test_letter_keys_switch_tabs_from_an_open_menu(sandbox: ThreadedSandbox) -> None:
    """With the Outputs tab's node menu open, ``b`` and ``m`` searched the menu's options."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("o")
        await settle(pilot)
        for key, tab in (("b", "batches"), ("m", "metrics")):
            await pilot.press("o")
            node = workflow.query_one("#outputs-node", Select)
            node.focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda n=node: n.expanded, "the node menu open")
            picked = node.value
            await pilot.press(key)
            await settle(pilot)
            assert workflow.active_tab == tab, f"{key} from the open menu: {workflow.active_tab}"
            assert app.focused is workflow.query_one(TAB_KEYS[tab][1])
            assert not node.expanded and node.value == picked


async def test_escape_leaves_the_date_field_then_the_screen_and_keeps_the_scope(
    sandbox: ThreadedSandbox,
) -> None:
    """Escape in the custom range's date field left the workflow for Discovery (and the
    scope was the default again on the way back in)."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("m")
        await settle(pilot)
        scope = workflow.query_one("#metrics-scope", Select)
        scope.value = "custom"
        await settle(pilot)
        after = workflow.query_one("#metrics-after", Input)
        assert app.focused is after
        await pilot.press(*"2026-11-20", "enter")
        await on_top(pilot, WorkflowScreen, "from 2026-11-20T00:00+00:00 to now")
        await pilot.press("escape")
        assert app.screen is workflow, "escape in the date field leaves the field only"
        assert app.focused is workflow.query_one("#metrics-table")
        assert scope.value == "custom" and after.value == "2026-11-20"
        assert workflow.query_one("#metrics-range").display

        scope.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: scope.expanded, "the scope menu open")
        await pilot.press("escape")
        assert app.screen is workflow and not scope.expanded, "escape closes the menu only"
        assert app.focused is scope and scope.value == "custom"
        await pilot.press("escape")
        assert app.focused is workflow.query_one("#metrics-table")

        await pilot.press("enter")  # the runs that failed at the first node
        await on_top(pilot, RunsScreen)
        await pilot.press("escape")
        await on_top(pilot, WorkflowScreen, "from 2026-11-20T00:00+00:00 to now")
        assert scope.value == "custom" and after.value == "2026-11-20"

        await pilot.press("escape")
        await on_top(pilot, DiscoveryScreen)
        assert "Discovery" in screen_text(app)
