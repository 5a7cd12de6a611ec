"""Typed while the SQL screen's buffers load, its sidebar up and the schema tree focused:
every key reaches the editor, spaces too (the tree binds space to its toggle). A whole-suite
run under load once saw ``SELECT1 AS one`` in the kill test; held-back buffers are the window
that test could type into, made certain here."""

from __future__ import annotations

import threading

import pytest

from tests.sql_screen.support import editor
from tests.support import app_on, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql import screen as sql_screen
from tui.screens.sql.screen import SqlScreen
from tui.screens.sql.sidebar import SchemaSidebar


async def test_keys_typed_before_the_buffers_load_all_reach_the_editor(
    sandbox: ThreadedSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = threading.Event()
    load = sql_screen.load_buffers

    def slow_load(workspace: str) -> object:
        loaded.wait(30)  # until the keys are in
        return load(workspace)

    monkeypatch.setattr(sql_screen, "load_buffers", slow_load)
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, SqlScreen) and bool(app.screen.query(SchemaSidebar)),
            "the editor's screen up, its buffers still loading",
        )
        await pilot.pause()
        # As a terminal sends them: a space is the key "space".
        await pilot.press(*["space" if c == " " else c for c in "SELECT 1 AS one"])
        loaded.set()
        screen = app.screen
        assert isinstance(screen, SqlScreen)
        await wait_until(pilot, lambda: screen.editor is not None, "the buffers loaded")
        await settle(pilot)
        assert editor(screen).text.endswith("SELECT 1 AS one"), editor(screen).text
