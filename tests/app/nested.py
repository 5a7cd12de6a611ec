"""Shared steps for nested runs: the demo's runs whose tool node started a child run, and
their detail opened as the workflow's Runs tab opens it."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.support import on_top
from tui.app import CargoApp
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.navigation import OpenRun
from tui.screens.run_detail import RunDetailScreen
from tui.session import session_of

PLAY = "Score new signups"


async def callers(pilot: Pilot[None], status: str) -> list[dict[str, Any]]:
    """Runs whose tool node started a child run that ended in ``status``, oldest first
    (``parent``, ``child``, ``record_title``), asked of the workspace as SQL."""
    sql = (
        "SELECT toString(parent_uuid) AS parent, toString(uuid) AS child, record_title "  # noqa: S608
        f"FROM runs WHERE parent_node_uuid IS NOT NULL AND status = '{status}' "
        "ORDER BY created_at, uuid LIMIT 3"
    )
    await on_top(pilot, DiscoveryScreen)
    client = await session_of(pilot.app).connect()
    rows = (await client.orchestration.query.execute(sql)).as_dicts()
    assert rows, f"the demo workspace has tool runs that ended in {status}"
    return rows


async def open_run(pilot: Pilot[None], uuid: str) -> RunDetailScreen:
    """A run's detail, from Discovery, with the crumbs the workflow's Runs tab gives it."""
    assert isinstance(pilot.app, CargoApp)
    discovery = await on_top(pilot, DiscoveryScreen)
    discovery.post_message(OpenRun(None, uuid, ("Plays", PLAY, "run")))
    return await on_top(pilot, RunDetailScreen, "find_email ›")
