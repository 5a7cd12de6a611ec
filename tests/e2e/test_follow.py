"""Follow mode in a real terminal, against a sandbox batch that fails as it runs: new failures
appear, the bell (BEL) is written when the watched batch finishes, and follow mode asks no
more often than the interval the test sets. The sandbox runs here, its clock frozen and moved
by the test (``World.advance``): the batch progresses when the test says, not with time."""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import FIXED_NOW
from tests.e2e.terminal import Terminal, cargo_tui
from tests.follow.conftest import advance, start_failing_batch
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow

INTERVAL = 1.0
#: What marks follow mode's query (its first part's name).
FOLLOW_QUERY = b"'failures' AS part"
OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


class Counted:
    """The sandbox's ASGI app, noting when each of follow mode's queries came in."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.times: list[float] = []
        self.lock = threading.Lock()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/orchestration/query"):
            await self.app(scope, receive, send)
            return
        seen = False

        async def noted() -> Any:
            nonlocal seen
            message = await receive()
            if not seen and FOLLOW_QUERY in message.get("body", b""):
                seen = True
                with self.lock:
                    self.times.append(time.monotonic())
            return message

        await self.app(scope, noted, send)


@pytest.fixture
def sandbox() -> Iterator[tuple[ThreadedSandbox, Counted]]:
    made = ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True)
    counted = Counted(made.app)
    made.server.config.app = counted  # read when the server starts
    with made as running:
        yield running, counted


def bells(raw: bytes) -> int:
    """BELs written on their own (not the end of an OSC sequence, such as a copy)."""
    return OSC.sub(b"", raw).count(b"\x07")


def test_follow_mode_shows_failures_as_they_come_and_rings_when_the_batch_ends(
    sandbox: tuple[ThreadedSandbox, Counted], user_dirs: Path
) -> None:
    live, counted = sandbox
    env = {
        "HOME": str(user_dirs),
        "CARGO_API_TOKEN": live.token,
        "CARGO_API_BASE_URL": live.base_url,
        "CARGO_TUI_FOLLOW_SECONDS": str(INTERVAL),
    }
    headers = {"authorization": f"Bearer {live.token}"}
    with httpx.Client(base_url=live.base_url, headers=headers, timeout=60) as http:
        batch = start_failing_batch(http)  # (the sandbox's clock stands still: it waits)
    term = Terminal([cargo_tui()], cols=120, rows=40, env=env)
    try:
        with httpx.Client(base_url=live.base_url, headers=headers, timeout=60) as http:
            kinds = ("Plays (", "Tools (", "Agents (", "Connectors (", "Models (", "Segments (")
            assert term.wait_until(lambda t: all(k in t for k in kinds)), term.text()
            # Discovery opens on the play: enter, its batches, the new one on top.
            assert term.wait_for("─ Enrich new companies (play)"), term.text()
            term.send("\r")
            assert term.wait_for("records (200)"), term.text()  # the new batch, on top
            term.send("W")
            assert term.wait_for("Watching Enrich new companies"), term.text()
            term.send("\x1b")  # back to Discovery: F follows
            assert term.wait_for("─ Enrich new companies (play)"), term.text()
            term.send("F")
            assert term.wait_for("in the hour"), term.text()
            # What is watched: waited for, not read at once (a 120x40 frame can come in more
            # than one read; CI once read the follow screen's first lines over Discovery's).
            assert term.wait_for("Enrich new companies · batch"), term.text()
            assert bells(bytes(term.raw)) == 0
            first = time.monotonic()

            advance(live, 4)  # the batch runs a few seconds: some of its runs fail

            def new_failures(text: str) -> bool:
                return any("Enrich new" in line and "+" in line for line in text.splitlines())

            assert term.wait_until(new_failures), term.text()
            advance(live, 180)  # and it ends
            assert term.wait_until(lambda _: bells(bytes(term.raw)) > 0), term.text()
            assert term.wait_for("Batch finished"), term.text()
            state = http.get(f"/orchestration/batches/{batch['uuid']}").json()["batch"]
            assert state["failedRunsCount"] > 0
            last = time.monotonic()
            term.pump(2.5 * INTERVAL)  # polls go on while the Follow screen is open
        with counted.lock:
            times = list(counted.times)
        assert len(times) >= 3, times
        gaps = [b - a for a, b in itertools.pairwise(times)]
        # One query per interval at most: never two closer than the interval (a little
        # slack for the timer), never more than the time allows.
        assert min(gaps) >= 0.9 * INTERVAL, gaps
        span = time.monotonic() - first
        assert sum(1 for t in times if t >= first) <= span / INTERVAL + 1, (times, span)
        assert bells(bytes(term.raw)) == 1, "the bell rang more than once for one batch"
        assert last > first
    finally:
        term.close()
