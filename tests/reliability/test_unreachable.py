"""The faults the sandbox cannot make on a path: nobody listening, an answer slower than the
client waits, and a very slow answer the user should not have to sit through."""

from __future__ import annotations

import socket

import pytest

from tests.reliability.matrix import WATCH, flat, seen
from tests.sql_screen.support import editor, open_editor, put, run, status
from tests.support import screen_text, settle, wait_until
from tui.api import Secret
from tui.app import CargoApp
from tui.connection import Connection
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.sql.outcome import Failed, Ran

pytestmark = pytest.mark.slow

SQL = "SELECT 'typed at 3 a.m.' AS note"
QUERY = "/orchestration/query$"


def _closed_port() -> int:
    """A loopback port nobody listens on (bound, then let go)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _app(box: ThreadedSandbox, **kw: object) -> CargoApp:
    return CargoApp(Connection(token=Secret(box.token), base_url=box.base_url, **kw))  # type: ignore[arg-type]


async def test_start_up_with_nobody_listening_says_so(box: ThreadedSandbox) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    app = CargoApp(Connection(token=Secret(box.token), base_url=url))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        said = flat(screen_text(app))
        assert app.is_running, "the app stays up"
        assert isinstance(app.screen, DiscoveryScreen)
        assert "could not reach Cargo" in said, said
        assert "Check the network or the base URL" in said, said


async def test_a_read_timeout_is_reported_with_what_to_do(box: ThreadedSandbox) -> None:
    """The client gives up after its read timeout (0.5 s here, set through the connection).
    By the client's retry policy a timeout is not retried (see tests/api/test_sandbox_faults)."""
    app = _app(box, read_timeout=0.5)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_editor(pilot)
        put(screen, SQL)
        box.faults.set(
            {"kind": "latency", "latency_ms": 1500, "path": QUERY}, {**WATCH, "path": QUERY}
        )
        try:
            await run(pilot)
            sent = seen(box.faults.describe())
        finally:
            box.faults.clear()
        said = flat(status(screen))
        assert isinstance(screen.results.current, Failed)
        assert "no answer in time" in said and "The server is slow; retry" in said, said
        assert sent == 1
        assert editor(screen).text == SQL
        assert app.is_running


async def test_a_10_s_answer_leaves_the_app_responsive(box: ThreadedSandbox) -> None:
    """The answer takes a real 10 s; the test does not wait for it: while it is awaited, typing
    works, escape cancels the query at once, and the next one runs."""
    app = _app(box)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_editor(pilot)
        put(screen, SQL)
        box.faults.set({"kind": "latency", "latency_ms": 10_000, "path": QUERY, "count": 1})
        try:
            await pilot.press("ctrl+j")
            await wait_until(pilot, lambda: "Running query 1" in status(screen), "running")
            assert screen.running
            await pilot.press("end", *" -- still typing")
            assert editor(screen).text == SQL + " -- still typing", "typing works meanwhile"
            await pilot.press("escape")
            await pilot.pause()
            assert not screen.running and "cancelled" in status(screen)
            assert app.screen is screen
            await run(pilot)
            assert isinstance(screen.results.current, Ran)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DiscoveryScreen), "escape leaves the screen"
        finally:
            box.faults.clear()
