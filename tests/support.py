"""Helpers for driving the app in tests: build it on the sandbox, settle it, read its screen."""

from __future__ import annotations

import contextlib

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from tui.api import Secret
from tui.app import CargoApp
from tui.connection import Connection
from tui.sandbox.threaded import ThreadedSandbox


def app_on(sandbox: ThreadedSandbox, *, allow_writes: bool = False) -> CargoApp:
    """The app, connected to the test sandbox over loopback HTTP as to the real API."""
    return CargoApp(
        Connection(
            token=Secret(sandbox.token), base_url=sandbox.base_url, allow_writes=allow_writes
        )
    )


async def settle(pilot: Pilot[object], rounds: int = 50) -> None:
    """Wait until no worker runs and the screen has processed what they posted."""
    for _ in range(rounds):
        # A failed worker is the screen's to report; tests assert on what the user sees. A
        # worker cancelled meanwhile (an exclusive one replaced by a newer) is no failure.
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return


def screen_text(app: App[object]) -> str:
    """What the user sees, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)
