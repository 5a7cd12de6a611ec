"""The API log, as an on-call engineer handing an incident over uses it: after a few screens,
``L`` lists every request they made (each one the wire saw), and each cargo-ai line, run
through cargo-tui's own mirror of those commands, gives the answer the screen got."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import re
import shlex
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from textual.widgets import DataTable

from tests.app.drill import open_play, select_unhealthy
from tests.support import on_top, screen_text, settle, wait_until
from tui.api import Secret
from tui.api.command_lines import entry_lines
from tui.api.params import query_string
from tui.api.request_log import Entry
from tui.app import CargoApp
from tui.cli import main
from tui.connection import Connection
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.api_log.screen import ApiLogScreen
from tui.screens.runs import RunsScreen
from tui.screens.workflow.screen import WorkflowScreen


class Wire(httpx.AsyncBaseTransport):
    """What went over the network to the API, and what came back, beside the app's own log."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.seen: list[tuple[str, str, Any, Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        content = await response.aread()
        if "authorization" in request.headers:  # the API's (a signed download has none)
            body = json.loads(request.content) if request.content else None
            path = request.url.raw_path.decode().split("/v1", 1)[1]
            self.seen.append((request.method, path, body, json.loads(content)))
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    async def aclose(self) -> None:
        await self.inner.aclose()


def _sent(entry: Entry) -> tuple[str, str, Any]:
    return entry.method, entry.path + query_string(entry.params), entry.body


_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def _moments(value: Any) -> Any:
    """``value`` with each moment as a datetime: the mirror prints what it read into its models
    (``...T15:00:00Z``), the API wrote ``...T15:00:00.000Z``: the same moment."""
    if isinstance(value, dict):
        return {k: _moments(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_moments(v) for v in value]
    if isinstance(value, str) and _MOMENT.fullmatch(value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _mirror(sandbox: ThreadedSandbox, line: str) -> Any:
    """The line run as ``cargo-tui`` runs it (``cargo-ai`` replaced), its stdout's JSON. (The
    app under test holds sys.stdout while it runs: the command's is caught here.)"""
    words = shlex.split(line)[1:]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*words, "--base-url", sandbox.base_url, "--token", sandbox.token])
    assert code == 0, (line, err.getvalue())
    return json.loads(out.getvalue())


async def test_the_log_holds_each_request_and_its_cargo_ai_line_gives_the_same_answer(
    sandbox: ThreadedSandbox,
) -> None:
    wire = Wire()
    connection = Connection(
        token=Secret(sandbox.token), base_url=sandbox.base_url, http_transport=wire
    )
    app = CargoApp(connection)
    async with app.run_test(size=(160, 50)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("m")
        await on_top(pilot, WorkflowScreen, "credits")
        await pilot.press("b")
        await select_unhealthy(pilot, workflow)
        await pilot.press("enter")
        runs = await on_top(pilot, RunsScreen, "showing 1-")
        await settle(pilot)

        await pilot.press("L")
        log_screen = await on_top(pilot, ApiLogScreen, "this session")
        entries = app.session.request_log.entries()
        assert all(entry.done for entry in entries)

        # Each request the screens made is in the log, once, as the wire saw it.
        assert sorted(map(_sent, entries), key=repr) == sorted(
            ((m, p, b) for m, p, b, _ in wire.seen), key=repr
        )
        paths = {entry.path for entry in entries}
        assert {"/orchestration/runs/metrics", "/orchestration/runs/count",
                "/orchestration/runs/list", "/orchestration/batches/list"} <= paths  # fmt: skip
        # ...listed on screen, newest last, the cursor on it.
        table = log_screen.query_one("#api-log-table", DataTable)
        assert table.row_count == len(entries)
        assert table.cursor_row == len(entries) - 1
        # ...each said by the screen that asked for it.
        counts = [e for e in entries if e.path == "/orchestration/runs/count"]
        assert any(e.origin and e.origin[0] != 0 and "Batch" in e.origin[1] for e in counts)

        # The selected request's lines are on screen.
        index = next(i for i, e in enumerate(log_screen.shown) if e.path.endswith("/count"))
        table.move_cursor(row=index)
        await settle(pilot)
        cargo_ai, curl = entry_lines(log_screen.shown[index])
        assert cargo_ai is not None
        text = screen_text(app)
        assert cargo_ai.removeprefix("cargo-ai ")[:100] in text
        assert curl.removeprefix("curl ")[:60] in text

        # Every cargo-ai line, run through the mirror, answers what the screen was answered.
        answered = {(m, p, json.dumps(b, sort_keys=True)): a for m, p, b, a in wire.seen}
        commands = set()
        for entry in entries:
            line, _ = entry_lines(entry)
            if line is None:
                continue
            method, path, body = _sent(entry)
            got = answered[(method, path, json.dumps(body, sort_keys=True))]
            mirrored = await asyncio.to_thread(_mirror, sandbox, line)
            assert _moments(mirrored) == _moments(got), line
            commands.add(" ".join(shlex.split(line)[1:4]))
        assert {"orchestration run count", "orchestration run get-metrics",
                "orchestration play list", "storage model list"} <= commands  # fmt: skip
        assert runs.is_attached


async def test_how_this_was_fetched_shows_only_the_screens_requests(
    sandbox: ThreadedSandbox,
) -> None:
    from tui.screens.discovery.screen import DiscoveryScreen

    connection = Connection(token=Secret(sandbox.token), base_url=sandbox.base_url)
    app = CargoApp(connection)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_play(pilot)
        await select_unhealthy(pilot, app.screen)  # type: ignore[arg-type]
        await pilot.press("enter")
        runs = await on_top(pilot, RunsScreen, "showing 1-")
        await pilot.press("r")  # asked again: each request shows once, at its last asking
        await settle(pilot)
        app.open_api_log(runs)
        log_screen = await on_top(pilot, ApiLogScreen, "How this was fetched")
        shown = log_screen.shown
        assert shown and all(e.origin and e.origin[1] == " › ".join(runs.crumbs) for e in shown)
        everything = app.session.request_log.entries()
        assert len(shown) < len(everything)
        keys = [(e.method, e.path, json.dumps([e.params, e.body])) for e in shown]
        assert len(keys) == len(set(keys))

        await pilot.press("t")  # every request
        await wait_until(pilot, lambda: len(log_screen.shown) == len(everything), "all shown")
        await pilot.press("t")
        await wait_until(pilot, lambda: log_screen.shown == shown, "this screen's again")

        await pilot.press("Y")
        await settle(pilot)
        copied = app.clipboard
        assert copied.count("curl -sS") == len(shown)
        assert copied.splitlines()[0].startswith("# ")

        await pilot.press("escape")
        await on_top(pilot, RunsScreen)
        await pilot.press("L")
        await on_top(pilot, ApiLogScreen, "this session")
        await pilot.press("L")  # again: closed
        await on_top(pilot, RunsScreen)
        assert isinstance(app.screen_stack[1], DiscoveryScreen)


async def test_the_palette_opens_the_log(sandbox: ThreadedSandbox) -> None:
    from tui.screens.discovery.screen import DiscoveryScreen

    connection = Connection(token=Secret(sandbox.token), base_url=sandbox.base_url)
    app = CargoApp(connection)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        await pilot.press("ctrl+p", *"session: API log")
        await settle(pilot)
        await pilot.press("enter")
        screen = await on_top(pilot, ApiLogScreen, "this session")
        assert screen.shown and not screen.this_screen
        await pilot.press("y")
        assert app.clipboard.startswith(("cargo-ai ", "curl "))


async def test_the_log_exports_through_the_export_dialog(
    sandbox: ThreadedSandbox, tmp_path: Path
) -> None:
    from tests.export_screen.support import export_to
    from tui.screens.discovery.screen import DiscoveryScreen
    from tui.screens.export import ExportDialog

    connection = Connection(token=Secret(sandbox.token), base_url=sandbox.base_url)
    app = CargoApp(connection)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        await pilot.press("f9")
        await on_top(pilot, ApiLogScreen, "this session")
        await pilot.press("e")
        await on_top(pilot, ExportDialog, "API log")
        dest = tmp_path / "api-log.json"
        await export_to(pilot, dest)
        written = json.loads(dest.read_text())
        assert [row["path"] for row in written][:2] == [
            "/userManagement/users/current",
            "/workspaceManagement/workspaces/current",
        ]
        assert all(row["curl"].startswith("curl -sS ") for row in written)
        assert sandbox.token not in dest.read_text()
