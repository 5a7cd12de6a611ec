"""Steps to the API log, shared by its tests' scenarios (snapshots, screenshots)."""

from __future__ import annotations

from collections import deque

from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.app.drill import open_play, select_unhealthy
from tests.support import app_on, on_top, settle
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.api_log.screen import ApiLogScreen
from tui.screens.runs import RunsScreen
from tui.state.settings import settings_path


def unhurried(sandbox: ThreadedSandbox) -> CargoApp:
    """The app with the batches' live refresh at its slowest (5 min): the log then holds the
    requests the steps made, and no refresh that a slow machine happened to reach."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("refresh_seconds = 300\n", encoding="utf-8")
    return app_on(sandbox)


async def to_failed_runs(pilot: Pilot[None]) -> RunsScreen:
    """Discovery, the play's workflow, its batch that succeeded with failures, its failed runs.
    The log then starts at the enter that opens the runs: what came before varies from run to
    run (the batches' pages the cursor's move prefetched, as the machine's speed had it)."""
    workflow = await open_play(pilot)
    await select_unhealthy(pilot, workflow)
    app = pilot.app
    assert isinstance(app, CargoApp)
    log = app.session.request_log
    mark = log.last_seq
    await pilot.press("enter")
    runs = await on_top(pilot, RunsScreen, "showing 1-")
    await settle(pilot)  # the tabs' counts, asked once the page is in
    kept = log.since(mark)
    log._entries = deque(kept, maxlen=log.keep)
    log.total = len(kept)
    for seq, entry in enumerate(kept, start=1):
        entry.seq = seq
    return runs


async def steady(pilot: Pilot[None], screen: ApiLogScreen, path_end: str) -> None:
    """The log as a picture: what varies from run to run made up (each request's time taken;
    the sandbox's port, a free one each time), the cursor on the last request whose path ends
    ``path_end``."""
    app = pilot.app
    assert isinstance(app, CargoApp)
    for entry in app.session.request_log:
        entry.duration = 0.004 + (entry.seq % 7) * 0.011
        entry.base_url = "http://127.0.0.1:8000/v1"
    screen.show_entries()
    rows = [i for i, entry in enumerate(screen.shown) if entry.path.endswith(path_end)]
    screen.query_one("#api-log-table", DataTable).move_cursor(row=rows[-1], animate=False)
    await settle(pilot)


async def api_log(pilot: Pilot[None]) -> None:
    """``L`` over the failed runs of a batch: every request of the session, a count selected."""
    await to_failed_runs(pilot)
    await pilot.press("L")
    screen = await on_top(pilot, ApiLogScreen, "this session")
    await steady(pilot, screen, "/runs/count")


async def api_log_fetched(pilot: Pilot[None]) -> None:
    """How the failed runs were fetched: that screen's requests only."""
    runs = await to_failed_runs(pilot)
    app = pilot.app
    assert isinstance(app, CargoApp)
    app.open_api_log(runs)
    screen = await on_top(pilot, ApiLogScreen, "How this was fetched")
    await steady(pilot, screen, "/runs/count")
