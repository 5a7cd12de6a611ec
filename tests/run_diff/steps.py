"""The seeded record's runs (``tui.sandbox.record_runs``), found as a user would: by the
play's workflow and the record id, through the API."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.support import on_top
from tui.api.client import CargoClient
from tui.api.models.runs import Run
from tui.app import CargoApp
from tui.sandbox.record_runs import DIVERGES_AT, RECORD_ID, WORKFLOW
from tui.screens.discovery.screen import DiscoveryScreen


async def seeded_runs(client: CargoClient) -> tuple[Run, list[Run]]:
    """The record's newest failed run, and its successes (newest first)."""
    plays = await client.orchestration.play.list()
    workflow = next(play.workflow_uuid for play in plays if play.name == WORKFLOW)
    page = await client.orchestration.run.list(
        workflow_uuid=workflow, record_id=RECORD_ID, limit=50
    )
    failed = next(run for run in page.runs if run.status == "error")
    return failed, [run for run in page.runs if run.status == "success"]


async def open_failed_run(pilot: Pilot[None]) -> tuple[str, list[str]]:
    """The seeded failed run's detail, opened by its uuid (as the palette's ``go: batch or
    run`` opens it); its uuid and its record's successes' (newest first)."""
    from tui.screens.run_detail import RunDetailScreen

    app = pilot.app
    assert isinstance(app, CargoApp)
    failed, successes = await seeded_runs(await app.session.connect())
    await on_top(pilot, DiscoveryScreen)
    app.go_to(failed.uuid)
    await on_top(pilot, RunDetailScreen, f"{DIVERGES_AT} · output")
    return failed.uuid, [run.uuid for run in successes]


async def open_run_diff(pilot: Pilot[None]) -> None:
    """The failed run's diff against its record's last success (``=`` in run detail)."""
    from tui.screens.run_diff import RunDiffScreen

    await open_failed_run(pilot)
    await pilot.press("equals_sign")
    await on_top(pilot, RunDiffScreen, f"first difference at {DIVERGES_AT}", "+ .error")
