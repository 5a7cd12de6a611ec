"""Every list, get and detail screen renders what the vendor's types allow.

Hypothesis draws workspaces of vendor-valid documents (``workspace.py``); the app runs on
each through a transport that answers them, and is driven through Discovery (every kind, every
entry's details), a workflow's tabs, its runs and a run's detail. No answer may be refused,
nothing may fail, and no value may show as ``None``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings

from tests.contract.strategies import CONTRACT
from tests.contract.workspace import VendorTransport, workspace
from tests.support import screen_text, settle
from tui.api import Secret
from tui.app import CargoApp
from tui.connection import Connection
from tui.screens.run_detail import RunDetailScreen
from tui.screens.runs import RunsScreen
from tui.screens.workflow.screen import WorkflowScreen

#: What a screen must never show: a refused answer, a crash, a missing value read aloud.
NEVER = ("unexpected answer", "Unexpected error", "Traceback", "None")


def _texts(value: Any) -> list[str]:
    """Every string in a document, its keys too."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


def _shown(app: CargoApp, where: str, seen: list[str], said: list[str]) -> None:
    """No word of :data:`NEVER` on screen, unless the answers themselves say it (Hypothesis
    draws names from the code's own literals: a segment may be called ``dismiss(None)``)."""
    text = screen_text(app)
    for words in NEVER:
        if not any(words in s for s in said):
            assert words not in text, f"{where}: {words!r} on screen:\n{text}"
    seen.append(where)


async def _drive(docs: dict[str, Any]) -> list[str]:
    transport = VendorTransport(docs)
    connection = Connection(
        token=Secret("vendor-token"), base_url="https://api.test", http_transport=transport
    )
    app = CargoApp(connection)
    seen: list[str] = []
    said = _texts(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _shown(app, "discovery", seen, said)
        entries = sum(len(d[k]) for k, d in ((k, docs[n]) for n, k in _KINDS) if k in d)
        for step in range(entries + 8):
            await pilot.press("down")
            await settle(pilot, rounds=5)
            _shown(app, f"discovery, entry {step}", seen, said)
        app.open_segments()
        await settle(pilot)
        _shown(app, "segments", seen, said)
        for step in range(len(docs["ListSegments"]["segments"])):
            await pilot.press("down")
            await settle(pilot)
            _shown(app, f"segments, entry {step}", seen, said)
        await pilot.press("escape")
        await settle(pilot)
        workflow = docs["ListWorkflows"]["workflows"][0]["uuid"]
        app.open_workflow(workflow)
        await settle(pilot)
        assert isinstance(app.screen, WorkflowScreen)
        _shown(app, "workflow batches", seen, said)
        for tab in ("m", "f", "b"):
            await pilot.press(tab)
            await settle(pilot)
            _shown(app, f"workflow tab {tab}", seen, said)
        if docs["ListBatches"]["batches"]:
            app.screen.query_one("#batches-table").focus()
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, RunsScreen), app.screen
            _shown(app, "runs", seen, said)
            await pilot.press("f")
            await settle(pilot)
            _shown(app, "runs, all", seen, said)
            if docs["ListRuns"]["runs"]:
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, RunDetailScreen), app.screen
                _shown(app, "run detail", seen, said)
                for key in ("down", "down", "c"):
                    await pilot.press(key)
                    await settle(pilot)
                    _shown(app, f"run detail after {key}", seen, said)
    return seen


_KINDS = [
    ("ListPlays", "plays"),
    ("ListTools", "tools"),
    ("ListWorkflows", "workflows"),
    ("ListAgents", "agents"),
    ("ListConnectors", "connectors"),
    ("ListModels", "models"),
    ("ListSegments", "segments"),
]


@settings(CONTRACT, max_examples=6)
@given(workspace())
def test_every_screen_renders_what_the_types_allow(docs: dict[str, Any]) -> None:
    seen = asyncio.run(_drive(docs))
    assert {"discovery", "segments", "workflow batches", "runs", "run detail"} <= set(seen)
