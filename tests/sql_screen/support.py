"""Driving the SQL editor in tests: open it, put SQL in the buffer, run, wait, read."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.support import settle
from tui.screens.sql.editor import SqlTextArea
from tui.screens.sql.screen import SqlScreen


async def open_editor(pilot: Pilot[None]) -> SqlScreen:
    """From Discovery, ``s``: the editor with the workspace's buffers loaded."""
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SqlScreen)
    assert screen.editor is not None, "the buffers are loaded"
    return screen


def editor(screen: SqlScreen) -> SqlTextArea:
    found = screen.editor
    assert found is not None
    return found


def put(screen: SqlScreen, sql: str) -> SqlTextArea:
    """Replace the active buffer's text (as a paste would) and put the cursor at its end."""
    area = editor(screen)
    area.text = sql
    area.move_cursor(area.document.end)
    area.focus()
    return area


async def run(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+j")
    await settle(pilot)
    await pilot.pause()


def status(screen: SqlScreen) -> str:
    return str(screen.results.query_one("#sql-status").render())
