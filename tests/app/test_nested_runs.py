"""Nested runs at 80x24: a tool node's execution names the run it started; run detail marks it,
says the child's status (and, failed, where and why), opens it with enter, and escape comes
back to the parent as it was left."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from tests.app.nested import callers, open_run
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_detail import RunDetailScreen
from tui.screens.runs import RunsScreen


def timeline(screen: RunDetailScreen) -> DataTable[Any]:
    return screen.query_one("#timeline", DataTable)


async def test_enter_opens_the_child_run_and_escape_comes_back(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        found = (await callers(pilot, "error"))[0]
        parent = await open_run(pilot, found["parent"])
        assert parent.run_uuid == found["parent"]
        # The failing node is selected: the tool node, failed because its run failed.
        assert parent.selected is not None and parent.selected.node_slug == "find_email"
        await wait_until(pilot, lambda: "child run failed at" in screen_text(app), "the note")
        text = screen_text(app)
        assert "find_email › ✖" in text, "the node's row says the child failed"
        assert "Tool run failed" in text, "the node's own error first"
        assert "child run failed at find_email: No work email found" in text
        row = timeline(parent).cursor_row

        await pilot.press("enter")
        child = await on_top(pilot, RunDetailScreen, "No work email found")
        assert child is not parent
        assert child.run_uuid == found["child"]
        assert child.crumbs[-3:] == (found["record_title"], "find_email (tool)", "child run")
        text = screen_text(app)
        assert "find_email (tool) › child run" in text, "the breadcrumb grew"
        assert child.selected is not None and child.selected.node_kind == "connector"
        assert child.detail is not None and child.detail.run.parent_uuid == found["parent"]

        await pilot.press("escape")
        back = await on_top(pilot, RunDetailScreen, "child run failed at")
        assert back is parent and back.run_uuid == found["parent"]
        assert timeline(back).cursor_row == row
        assert back.selected is not None and back.selected.node_slug == "find_email"
        assert "find_email (tool)" not in screen_text(app), "the breadcrumb shrank back"


async def test_a_successful_child_and_one_that_cannot_be_fetched(
    faults: ThreadedSandbox,
) -> None:
    app = app_on(faults)
    async with app.run_test(size=(80, 24)) as pilot:
        ok, lost = (await callers(pilot, "success"))[:2]
        faults.faults.set({"kind": "status", "status": 500, "path": lost["child"], "method": "GET"})
        parent = await open_run(pilot, ok["parent"])
        table = timeline(parent)
        table.move_cursor(row=1)
        await wait_until(pilot, lambda: "child run success" in screen_text(app), "the note")
        text = screen_text(app)
        assert "find_email › ✔" in text
        assert "child run failed" not in text

        await pilot.press("escape")
        await settle(pilot)
        parent = await open_run(pilot, lost["parent"])
        timeline(parent).move_cursor(row=1)
        await wait_until(pilot, lambda: "could not be fetched" in screen_text(app), "the note")
        assert "find_email › ?" in screen_text(app)
        # Enter still tries: the child's own screen says what failed.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunDetailScreen) and app.screen is not parent
        assert app.screen.run_uuid == lost["child"] and app.screen.detail is None


async def test_a_batch_named_alone_opens_as_its_runs(sandbox: ThreadedSandbox) -> None:
    """A group's execution names only the batch it started (the demo's tool nodes name both:
    the run is left out here): enter opens that batch's runs."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        found = (await callers(pilot, "error"))[0]
        parent = await open_run(pilot, found["parent"])
        call = parent.executions[1]
        assert call.node_batch_uuid is not None
        parent.executions[1] = call.model_copy(update={"node_run_uuid": None})
        await pilot.press("enter")
        runs = await on_top(pilot, RunsScreen, "child batch")
        assert runs.runs_query.batch_uuid == call.node_batch_uuid
        assert runs.crumbs[-2:] == ("find_email (tool)", "child batch")
        await pilot.press("escape")
        assert await on_top(pilot, RunDetailScreen) is parent
