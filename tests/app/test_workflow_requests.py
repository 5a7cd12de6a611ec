"""Opening a workflow asks for what its Batches tab shows, once: the first page of batches,
the workflow's releases, its re-runs. The hidden tabs (Metrics, Failures) ask for nothing
until they are shown, whichever came first as the screen mounted: the first page of batches,
or the news of their scope menus' first value (a race that a busy machine lost or won)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.api_log_steps import unhurried
from tests.app.drill import PLAY, open_play
from tests.support import on_top, settle
from tui.api.request_log import Entry
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.workflow.screen import WorkflowScreen

BATCHES = "/orchestration/batches/list"
#: What the hidden tabs ask for once shown: Metrics its run metrics, Failures its query.
HIDDEN_TABS = ("/orchestration/runs/metrics", "/orchestration/query")
#: Opens per size: the race was lost about half the time, so one open could hide it.
OPENS = 3


def _request(entry: Entry) -> tuple[str, str, str, str]:
    return entry.method, entry.path, repr(entry.params), repr(entry.body)


def _asked_twice(entries: list[Entry]) -> list[tuple[str, str, str, str]]:
    seen = Counter(_request(entry) for entry in entries)
    return [request for request, times in seen.items() if times > 1]


def _pages(entries: list[Entry]) -> list[Any]:
    """The Batches table's pages asked for, by offset (the re-runs' own listing aside)."""
    return [
        (entry.params or {}).get("offset")
        for entry in entries
        if entry.path == BATCHES and "includedDataKinds" not in (entry.params or {})
    ]


async def _opened(pilot: Pilot[None], again: bool) -> WorkflowScreen:
    if not again:
        return await open_play(pilot)
    await pilot.press("escape")
    await on_top(pilot, DiscoveryScreen)
    await pilot.press("enter")
    return await on_top(pilot, WorkflowScreen, PLAY)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_opening_a_workflow_asks_each_list_once(
    sandbox: ThreadedSandbox, size: tuple[int, int]
) -> None:
    app = unhurried(sandbox)  # (no live refresh of a running batch in the counts)
    assert isinstance(app, CargoApp)
    async with app.run_test(size=size) as pilot:
        log = app.session.request_log
        await on_top(pilot, DiscoveryScreen)
        for opened in range(OPENS):
            mark = log.last_seq
            await _opened(pilot, again=opened > 0)
            await settle(pilot)
            asked = log.since(mark)
            said = f"open {opened + 1} at {size}: " + ", ".join(e.endpoint for e in asked)
            assert _pages(asked) == [0], said
            assert [e.path for e in asked].count("/orchestration/releases/list") == 1, said
            assert not [e.path for e in asked if e.path in HIDDEN_TABS], said
            assert not _asked_twice(asked), said

        # The rows are held: moving the cursor over them, or a resize, asks for nothing.
        mark = log.last_seq
        await pilot.press("down", "down")
        await settle(pilot)
        await pilot.resize_terminal(size[1] * 2, size[0] // 4)
        await settle(pilot)
        assert [e.endpoint for e in log.since(mark)] == []


async def test_a_hidden_tab_loads_once_shown(sandbox: ThreadedSandbox) -> None:
    """Metrics and Failures, left unasked while hidden, still load when their key shows them."""
    app = unhurried(sandbox)
    assert isinstance(app, CargoApp)
    async with app.run_test(size=(120, 40)) as pilot:
        log = app.session.request_log
        await open_play(pilot)
        await settle(pilot)
        for key, path in zip("mf", HIDDEN_TABS, strict=True):
            mark = log.last_seq
            await pilot.press(key)
            await settle(pilot)
            assert [e.path for e in log.since(mark)].count(path) == 1, key
