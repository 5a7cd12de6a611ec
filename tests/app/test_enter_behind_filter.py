"""``/``, a name, enter and enter in one read (a paste, a burst over SSH): the first enter
submits the filter, which puts the focus on the tree; the second is the tree's and opens the
play. The second was lost: routed, or sent back to the filter, before the focus had moved."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.support import app_on, on_top
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery import DiscoveryScreen
from tui.screens.sql.screen import SqlScreen
from tui.screens.workflow.screen import WorkflowScreen

PLAY = "Route inbound leads"


def _typed(text: str) -> list[events.Key]:
    """``text`` as the terminal's reader posts it: one key event a character."""
    keys = {"/": "slash", " ": "space", "\r": "enter"}
    return [events.Key(keys.get(c, c), None if c == "\r" else c) for c in text]


async def test_slash_a_name_enter_enter_in_one_read_opens_the_play(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        discovery = await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        for key in _typed(f"/{PLAY}\r\r"):  # queued together, as one read brings them
            app.post_message(key)
        workflow = await on_top(pilot, WorkflowScreen)
        assert PLAY in " › ".join(workflow.crumbs)
        assert discovery.resources.selected is not None
        assert discovery.resources.selected.name == PLAY


async def test_a_key_behind_the_filters_enter_is_the_trees_not_the_filters(
    sandbox: ThreadedSandbox,
) -> None:
    """After the filter's enter, ``s`` is Discovery's (the SQL editor), not a letter typed into
    the filter it left."""
    app = app_on(sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        discovery = await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        for key in _typed("/lead\rs"):
            app.post_message(key)
        await on_top(pilot, SqlScreen)
        assert discovery.query_one("#filter", Input).value == "lead"
