"""The editor stays alive across leaving it: buffers, results, cursor and scroll as left, and
coming back is immediate (it was built again: every result tab gone, about 2 s to reopen)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sql_screen.support import editor, open_editor, put, run
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.sql.outcome import Ran
from tui.screens.sql.screen import SqlScreen

ONE_WORKFLOW = "SELECT workflow_uuid FROM runs WHERE created_at > now() - INTERVAL 1 DAY LIMIT 1"
MANY_ROWS = (
    "SELECT uuid, status FROM runs WHERE created_at > now() - INTERVAL 30 DAY "
    "ORDER BY created_at LIMIT 300"
)


async def test_leaving_and_coming_back_keeps_results_cursor_and_scroll(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 42 AS answer")
        await run(pilot)
        area = put(screen, f"-- many rows\n{MANY_ROWS}")
        await run(pilot)
        shown = screen.results.current
        assert isinstance(shown, Ran) and len(shown.result) == 300
        area.move_cursor((1, 7))
        table: Any = screen.results.query_one("#result-table-2")
        table.focus()
        await pilot.press("pagedown", "pagedown", "down")
        await settle(pilot)
        row, scrolled = table.cursor_row, table.scroll_y
        assert row > 20 and scrolled > 0

        await pilot.press("escape")
        await on_top(pilot, DiscoveryScreen)
        await pilot.press("s")
        await wait_until(pilot, lambda: app.screen is screen, "the same editor on top")
        await pilot.pause()
        # Shown as left, at once: no loading, the same widgets, the results still there.
        assert editor(screen) is area and area.cursor_location == (1, 7)
        assert list(screen.results.outcomes) == ["result-1", "result-2"]
        assert screen.results.current is shown
        assert table.has_focus and table.cursor_row == row and table.scroll_y == scrolled
        text = screen_text(app)
        assert "Result 1" in text and "Result 2" in text
        assert "Loading" not in text


async def test_s_from_a_screen_opened_by_the_editor_goes_back_to_it(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, ONE_WORKFLOW)
        await run(pilot)
        screen.results.query_one("#result-table-1").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is not screen, "the workflow opened")
        await settle(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: app.screen is screen, "the editor on top again")
        assert sum(isinstance(s, SqlScreen) for s in app.screen_stack) == 1


async def test_another_workspace_gets_an_editor_of_its_own(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_editor(pilot)
        await pilot.press("escape")
        await on_top(pilot, DiscoveryScreen)
        connection = app.session.connection
        assert connection is not None
        app.open_workspace(connection)
        await wait_until(pilot, lambda: not app.is_screen_installed("sql"), "the editor dropped")
        second = await open_editor(pilot)
        assert second is not first and not first.is_attached


async def test_an_editor_whose_workspace_did_not_open_tries_again_when_reopened(
    sandbox: ThreadedSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.screens.sql.screen as sql_screen

    load = sql_screen.load_buffers
    failures = [OSError("the disk is gone")]

    def load_once_failing(uuid: str) -> Any:
        if failures:
            raise failures.pop()
        return load(uuid)

    monkeypatch.setattr(sql_screen, "load_buffers", load_once_failing)
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_top(pilot, DiscoveryScreen)
        await pilot.press("s")
        screen = await on_top(pilot, SqlScreen, "escape, then s, to try again")
        assert screen.editor is None
        await pilot.press("escape")
        await on_top(pilot, DiscoveryScreen)
        await pilot.press("s")
        await wait_until(pilot, lambda: screen.editor is not None, "the buffers loaded")
        assert app.screen is screen


async def test_a_query_pasted_later_opens_in_a_buffer_of_its_own_in_the_kept_editor(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 1 AS kept")
        await pilot.press("escape")
        await on_top(pilot, DiscoveryScreen)
        app.open_sql("SELECT 2 AS pasted")
        await wait_until(pilot, lambda: len(screen.buffers.editors) == 2, "a buffer opened")
        assert app.screen is screen
        texts = [(e.buffer_name, e.text) for e in screen.buffers.editors]
        assert texts == [("query 1", "SELECT 1 AS kept"), ("query 2", "SELECT 2 AS pasted")]
        assert editor(screen).text == "SELECT 2 AS pasted", "the pasted one in front"
