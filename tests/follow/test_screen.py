"""The Follow screen driven with the pilot: its polls run when the test says (a fake clock for
the pacer, ``Follower.tick`` called), the sandbox's batch progresses when the test moves the
sandbox's clock. Nothing waits for time."""

from __future__ import annotations

import httpx
from textual.pilot import Pilot

from tests.app.drill import open_play
from tests.follow.conftest import advance, start_failing_batch
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.follow.driver import Follower, install
from tui.screens.follow.screen import READING, FollowScreen
from tui.screens.run_detail import RunDetailScreen
from widgets.paged_table import PagedTable


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def poll_after(pilot: Pilot[None], follow: Follower, clock: Clock, seconds: float) -> None:
    """``seconds`` pass for the pacer, and its timer fires."""
    clock.now += seconds
    follow.tick()
    await settle(pilot)


def told(app: CargoApp) -> str:
    """The notifications the app raised, title and message."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def open_follow(pilot: Pilot[None]) -> FollowScreen:
    await on_top(pilot, DiscoveryScreen, "Enrich new companies")
    await pilot.press("F")
    return await on_top(pilot, FollowScreen, "in the hour")


async def test_new_failures_appear_and_a_watched_batch_rings_when_it_finishes(
    live: ThreadedSandbox, http: httpx.Client
) -> None:
    app = app_on(live)
    clock = Clock()
    bells: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        follow = install(app, Follower(app, clock))
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]  # (headless: silent)
        batch = start_failing_batch(http)
        workflow = await open_play(pilot)
        table = workflow.query_one("#batches-table", PagedTable)
        await wait_until(
            pilot,
            lambda: table.cursor_row is not None and table.cursor_row.key == batch["uuid"],
            "the new batch on top",
        )
        await pilot.press("W")
        await settle(pilot)
        assert "Watching Enrich new companies · batch" in told(app)
        assert list(follow.feed.batches) == [batch["uuid"]]
        await pilot.press("escape", "escape")
        screen = await open_follow(pilot)
        assert "Enrich new companies · batch" in screen_text(app)  # what is watched
        before = {r.workflow_uuid: r.hour for r in screen.rows}.get(str(batch["workflowUuid"]), 0)

        advance(live, 4)  # some of the batch's runs ran, and failed
        await poll_after(pilot, follow, clock, 10)
        rows = [r for r in screen.rows if r.workflow_uuid == batch["workflowUuid"]]
        assert sum(r.hour for r in rows) > before and any(r.new for r in rows)
        assert "+" in screen_text(app) and not bells

        advance(live, 180)  # the batch ends
        await poll_after(pilot, follow, clock, 10)
        assert bells == [1]
        assert "Batch finished: success" in told(app)
        await poll_after(pilot, follow, clock, 10)
        assert bells == [1]  # once

        # enter: the newest run of the top group
        top = screen.rows[0]
        await pilot.press("enter")
        detail = await on_top(pilot, RunDetailScreen)
        assert detail.run_uuid == top.run_uuid


async def test_reading_a_row_pauses_the_polls_and_the_top_resumes_them(
    live: ThreadedSandbox, http: httpx.Client
) -> None:
    app = app_on(live)
    clock = Clock()
    async with app.run_test(size=(120, 40)) as pilot:
        follow = install(app, Follower(app, clock))
        screen = await open_follow(pilot)
        start_failing_batch(http, play="Weekly ICP refresh")  # a second group to read
        advance(live, 60)
        await poll_after(pilot, follow, clock, 10)
        assert len(screen.rows) >= 2
        asked = follow.asked
        await pilot.press("j")
        await on_top(pilot, FollowScreen, "paused while you read")
        assert READING in follow.holds and READING in follow.pacer.holds
        start_failing_batch(http)
        advance(live, 60)
        await poll_after(pilot, follow, clock, 600)
        assert follow.asked == asked  # no poll while the user reads
        shown = list(screen.rows)
        await pilot.press("g")  # back to the top: it polls at once
        await settle(pilot)
        await poll_after(pilot, follow, clock, 0)
        assert follow.asked == asked + 1
        assert sum(r.new for r in screen.rows) > sum(r.new for r in shown)


async def test_a_429_lengthens_the_interval_and_says_so(
    live: ThreadedSandbox,
) -> None:
    app = app_on(live)
    clock = Clock()
    async with app.run_test(size=(120, 40)) as pilot:
        follow = install(app, Follower(app, clock))
        await open_follow(pilot)
        base = follow.pacer.interval
        live.faults.add(
            kind="status", status=429, path="/orchestration/query", retry_after=60, count=1
        )
        try:
            await poll_after(pilot, follow, clock, base)
        finally:
            live.faults.clear()
        assert follow.pacer.interval == 60 and follow.pacer.wait() == 60
        await on_top(pilot, FollowScreen, "rate-limited (429)", "next try in 60 s")
        asked = follow.asked
        await poll_after(pilot, follow, clock, 59)
        assert follow.asked == asked
        await poll_after(pilot, follow, clock, 1)
        assert follow.asked == asked + 1 and follow.problem is None
        assert follow.pacer.interval == 30  # back towards the base by halves


async def test_a_threshold_set_in_the_view_rings_for_a_watched_workflow(
    live: ThreadedSandbox, http: httpx.Client
) -> None:
    app = app_on(live)
    clock = Clock()
    bells: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        follow = install(app, Follower(app, clock))
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        batch = start_failing_batch(http)
        advance(live, 60)
        screen = await open_follow(pilot)
        index = next(
            i for i, r in enumerate(screen.rows) if r.workflow_uuid == batch["workflowUuid"]
        )
        recent = follow.feed.recent_of(str(batch["workflowUuid"]))
        assert recent > 1
        screen.table.move_cursor(row=index)
        await pilot.press("W")
        assert str(batch["workflowUuid"]) in follow.feed.workflows
        await pilot.press("g", "t")
        await pilot.press(*str(recent), "enter")
        assert follow.feed.threshold == recent
        assert not bells
        await poll_after(pilot, follow, clock, 10)
        assert bells == [1]
        assert f"failures in 15 min: over the threshold of {recent}" in told(app)


def test_the_app_lists_follow_in_its_palette() -> None:
    from tui.screens.follow.palette import FollowCommands

    assert FollowCommands in CargoApp.COMMANDS
