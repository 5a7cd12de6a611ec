"""What the editor keeps across restarts: buffers as typed, the history; and saved queries."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import Checkbox, Input

from tests.sql_screen.support import editor, open_editor, put, run
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.history import HistoryDialog
from tui.screens.sql.outcome import Ran
from tui.screens.sql.save_dialog import SaveQueryDialog
from tui.screens.sql.screen import SqlScreen
from tui.screens.sql.sidebar import SchemaSidebar
from tui.state.buffers import buffers_path
from tui.state.saved_queries import SavedQueries, SavedQuery


async def test_buffers_survive_a_restart(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press(*"SELECT 1")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press(*"SELECT 2")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"second", "enter")
        await pilot.pause()
        assert [e.buffer_name for e in screen.buffers.editors] == ["query 1", "second"]
        # Saved as typed, before anything closes: a dropped session loses nothing.
        screen.save_buffers()
        assert "SELECT 2" in buffers_path(app.session.whoami.workspace.uuid).read_text()  # type: ignore[union-attr]
        # The last key typed before the session ends is kept too.
        await pilot.press("x")

    again = app_on(sandbox)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        editors = screen.buffers.editors
        assert [(e.buffer_name, e.text) for e in editors] == [
            ("query 1", "SELECT 1"),
            ("second", "SELECT 2x"),
        ]
        assert screen.editor is editors[1], "the buffer in front stays in front"
        assert editor(screen).cursor_location == (0, 9)
        assert "second" in screen_text(again)


async def test_closing_a_buffer_keeps_one(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 1")
        await pilot.press("ctrl+g")
        await settle(pilot)
        editors = screen.buffers.editors
        assert len(editors) == 1 and editors[0].text == ""


async def test_history_survives_a_restart_and_reopens_a_query(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 'from history' AS note")
        await run(pilot)
        put(screen, "SELECT nope FROM batches LIMIT 1")
        await run(pilot)

    again = app_on(sandbox)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press("f8")
        await pilot.pause()
        dialog = again.screen
        assert isinstance(dialog, HistoryDialog)
        text = screen_text(again)
        assert "SELECT 'from history' AS note" in text and "1 row" in text
        assert "Unknown column nope" in text
        await pilot.press(*"from hist")
        await pilot.pause()
        assert [entry.sql for entry in dialog.entries] == ["SELECT 'from history' AS note"]
        await pilot.press("enter")
        await settle(pilot)
        assert again.screen is screen
        assert editor(screen).buffer_name == "history 1"
        assert editor(screen).text == "SELECT 'from history' AS note"


async def test_a_shipped_saved_query_opens_and_runs(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        tree = screen.query_one(SchemaSidebar).schema_tree
        node = next(
            n
            for n in tree.root.children[-1].children
            if isinstance(n.data, SavedQuery) and n.data.name == "Error rate by hour"
        )
        tree.focus()
        tree.move_cursor(node)
        await pilot.press("enter")
        await settle(pilot)
        area = editor(screen)
        assert area.buffer_name == "Error rate by hour"
        assert "toStartOfHour(created_at) AS hour" in area.text
        await run(pilot)
        shown = screen.results.current
        assert isinstance(shown, Ran)
        assert shown.result.columns == ["hour", "errors", "total", "error_rate"]
        assert len(shown.result) > 3


async def test_enter_on_a_column_inserts_its_name(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "SELECT  FROM runs")
        area.move_cursor((0, 7))
        tree = screen.query_one(SchemaSidebar).schema_tree
        runs = tree.root.children[0]
        column = next(n for n in runs.children if str(n.label).startswith("record_title"))
        tree.focus()
        tree.move_cursor(column)
        await pilot.press("enter")
        await pilot.pause()
        assert area.text == "SELECT record_title FROM runs"
        assert area.has_focus


async def test_ctrl_s_saves_with_a_validated_name(sandbox: ThreadedSandbox) -> None:
    SavedQueries().save("Mine", "SELECT 0")
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT count() AS n FROM batches")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveQueryDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog, "a name is required"
        assert "Give the query a name" in screen_text(app)
        await pilot.press(*"Error rate by hour")
        await pilot.pause()
        assert "one of the app's own" in screen_text(app)
        dialog.query_one("#save-name", Input).value = "mine"
        await pilot.pause()
        assert "tick replace" in screen_text(app)
        await pilot.press("enter")
        assert app.screen is dialog, "taken names need replace"
        dialog.query_one("#save-replace", Checkbox).value = True
        dialog.query_one("#save-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert SavedQueries().get("Mine") == SavedQuery("mine", "SELECT count() AS n FROM batches")
        assert editor(screen).buffer_name == "mine"
        assert "◇ mine" in screen_text(app), "the sidebar lists it"


async def test_what_is_typed_while_the_buffers_load_reaches_the_editor(
    sandbox: ThreadedSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone on call presses s and types at once: the buffers are still loading."""
    import tui.screens.sql.screen as sql_screen

    slow = sql_screen.load_buffers
    # The buffers load only once the keys are in: a state, not a guess at how long typing takes.
    typed = threading.Event()

    def load_slowly(uuid: str) -> Any:
        typed.wait(60)
        return slow(uuid)

    monkeypatch.setattr(sql_screen, "load_buffers", load_slowly)
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        try:
            await pilot.press("s", *"SELECT 12", "backspace", "enter")
            screen = app.screen
            assert isinstance(screen, SqlScreen) and not screen.typed_early.released, (
                "still loading"
            )
        finally:
            typed.set()
        await settle(pilot)
        assert screen.editor is not None
        assert screen.editor.text.endswith("SELECT 1\n")
