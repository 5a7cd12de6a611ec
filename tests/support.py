"""Helpers for driving the app in tests: build it on the sandbox, settle it, read its screen."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TypeVar

from textual._context import visible_screen_stack
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import WorkerCancelled, WorkerFailed

from tui.api import Secret
from tui.app import CargoApp
from tui.connection import Connection
from tui.sandbox.threaded import ThreadedSandbox

S = TypeVar("S", bound=Screen[object])
#: How long a state may take to come before a test says it never came: only a bound for a
#: state that will not come, so it is generous (a loaded machine is slow, not wrong).
NEVER = 60.0


def app_on(sandbox: ThreadedSandbox, *, allow_writes: bool = False) -> CargoApp:
    """The app, connected to the test sandbox over loopback HTTP as to the real API."""
    return CargoApp(
        Connection(
            token=Secret(sandbox.token), base_url=sandbox.base_url, allow_writes=allow_writes
        )
    )


async def settle(pilot: Pilot[object], rounds: int = 50) -> None:
    """Wait until no worker runs and the screen has processed what they posted; a worker
    still running after ``rounds`` (each waits for all to complete) fails the test."""
    for _ in range(rounds):
        # A failed worker is the screen's to report; tests assert on what the user sees. A
        # worker cancelled meanwhile (an exclusive one replaced by a newer) is no failure.
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    running = [w.name for w in pilot.app.workers if w.is_running]
    raise AssertionError(f"never settled: after {rounds} rounds, still running: {running}")


async def wait_until(
    pilot: Pilot[object], ready: Callable[[], bool], what: str, bound: float = NEVER
) -> None:
    """Until ``ready()`` holds (a state: a text painted, a screen on top), letting the app
    process its messages and timers between looks; ``bound`` fails a state that never comes."""
    deadline = time.monotonic() + bound
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"never {what}; on screen ({pilot.app.screen}):\n"
                                 f"{screen_text(pilot.app)}")  # fmt: skip
        await pilot.pause()


async def on_top(pilot: Pilot[object], kind: type[S], *texts: str) -> S:
    """Until a ``kind`` screen is on top, its workers done and ``texts`` painted on it."""
    app = pilot.app

    def ready() -> bool:
        return isinstance(app.screen, kind) and all(t in screen_text(app) for t in texts)

    what = f"{kind.__name__} on top showing {texts}"
    await wait_until(pilot, ready, what)
    await settle(pilot)
    await wait_until(pilot, ready, what)  # still so once its workers are done
    screen = app.screen
    assert isinstance(screen, kind)
    return screen


def screen_text(app: App[object]) -> str:
    """What the user sees, as plain text lines.

    A dialog paints the screen below it through it: Textual finds that screen by popping a
    list it sets before each render, in the context the render runs in. Rendering here, in
    the test's context, without setting it, popped a stale list: a dialog over the runs was
    painted, and kept in its cache for the snapshot, over Discovery."""
    visible_screen_stack.set(app._background_screens)
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)
