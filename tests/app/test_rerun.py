"""Re-running failed runs: counted on the server, named exactly, never twice, refused unless
writes are allowed. Each test gets a sandbox of its own, since these tests change it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from textual.widgets import Button, Input

from tests.app.drill import (
    PLAY,
    cursor_to,
    open_play,
    open_rerun,
    unhealthy_success_index,
)
from tests.conftest import FIXED_NOW
from tests.support import app_on, on_top, screen_text, settle
from tui.api import CargoClient
from tui.api.errors import ReadOnlyError, TimedOutError
from tui.api.models.runs import Batch, Run
from tui.api.run_filters import failed_at
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.rerun.dialog import ReRunDialog
from tui.screens.rerun.plan import Plan, Selection, create_once, make_plan, recent_batches
from tui.screens.workflow.screen import WorkflowScreen
from widgets.paged_table import PagedTable


@pytest.fixture
def fresh() -> Iterator[ThreadedSandbox]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW) as running:
        yield running


async def _unhealthy(client: CargoClient) -> tuple[str, Batch]:
    play = next(p for p in await client.orchestration.play.list() if p.name == PLAY)
    batches = await client.orchestration.batch.list(workflow_uuids=[play.workflow_uuid])
    batch = next(b for b in batches if b.succeeded_with_failures and b.runs_status == "unhealthy")
    return play.workflow_uuid, batch


def _selection(workflow: str, batch: Batch) -> Selection:
    filters = {"workflow_uuid": workflow, "batch_uuid": batch.uuid, "statuses": ["error"]}
    return Selection(workflow, "failed runs", filters, source_batch_uuid=batch.uuid)  # type: ignore[arg-type]


async def _finished(client: CargoClient, uuid: str) -> Batch:
    for _ in range(200):
        batch = await client.orchestration.batch.get(uuid)
        if batch.status.is_terminal:
            return batch
        await asyncio.sleep(0.1)
    raise AssertionError("the re-run batch never finished")


async def _runs(client: CargoClient, batch_uuid: str) -> list[Run]:
    found: list[Run] = []
    async for runs in client.orchestration.run.iterate(batch_uuid=batch_uuid, page_size=500):
        found += runs
    return found


async def _parents(client: CargoClient, batch_uuid: str) -> list[str]:
    return [run.parent_uuid or "" for run in await _runs(client, batch_uuid)]


async def test_a_plan_is_read_from_the_server(fresh: ThreadedSandbox) -> None:
    async with CargoClient(token=fresh.token, base_url=fresh.base_url) as client:
        workflow, batch = await _unhealthy(client)
        plan = await make_plan(client, _selection(workflow, batch))
    assert plan.count == batch.failed_runs_count == 85
    assert len(plan.uuids) == len(set(plan.uuids)) == 85
    assert len(plan.samples) == 5 and all(plan.samples)
    assert plan.measured is not None and plan.credits is not None and plan.credits > 0
    assert plan.pilot_by_default


async def test_a_re_run_runs_exactly_the_failed_runs_from_the_failing_node(
    fresh: ThreadedSandbox,
) -> None:
    async with CargoClient(token=fresh.token, base_url=fresh.base_url, allow_writes=True) as client:
        workflow, batch = await _unhealthy(client)
        plan = await make_plan(client, _selection(workflow, batch))
        made = await create_once(client, workflow, plan.batch_data("lastNode"))
        done = await _finished(client, made.uuid)
        parents = await _parents(client, made.uuid)
    assert done.runs_count == 85
    assert sorted(parents) == sorted(plan.uuids)
    assert (made.data or {})["reset"] == {"from": "lastNode"}


async def test_a_pilot_then_the_rest_covers_each_run_once(fresh: ThreadedSandbox) -> None:
    """The rest, planned again once the pilot finished: what the pilot fixed is left out, what
    failed again is in; no run is re-run after it succeeded."""
    async with CargoClient(token=fresh.token, base_url=fresh.base_url, allow_writes=True) as client:
        workflow, batch = await _unhealthy(client)
        plan = await make_plan(client, _selection(workflow, batch))
        pilot = plan.uuids[:10]
        first = await create_once(client, workflow, plan.batch_data("firstNode", pilot))
        await _finished(client, first.uuid)
        rest: Plan = await make_plan(client, _selection(workflow, batch))
        fixed = {
            run.parent_uuid for run in await _runs(client, first.uuid) if run.status == "success"
        }
    assert len(fixed) == 6 and rest.count == 79 == rest.matched - rest.left_out
    assert not fixed & set(rest.uuids), "a run the pilot fixed is never re-run"
    assert sorted(fixed | set(rest.uuids)) == sorted(plan.uuids), "every other failed run once"
    assert rest.uuids[:75] == [u for u in plan.uuids if u not in pilot], "never re-run first"


def test_a_re_run_names_the_batch_its_runs_come_from() -> None:
    """So Cargo holds the link from a re-run to its batch, not only the app's state."""
    plan = Plan(
        _selection("w", Batch(uuid="b", workflow_uuid="w", status="success")),
        2,
        [],
        ["r1", "r2"],
    )
    sent = plan.batch_data("lastNode", ["r1"]).to_wire()
    assert sent["filter"] == {"kind": "runs", "uuids": ["r1"], "batchUuid": "b"}


def test_too_many_to_name_are_re_run_by_the_filter_that_counted_them() -> None:
    """Above the exact limit, the re-run selects by the same filter (a failure group's node and
    error too), never by "every failed run of the batch"; a filter it cannot say is refused."""
    group = failed_at("hubspot_upsert", "429")
    filters = {"workflow_uuid": "w", "batch_uuid": "b", "statuses": ["error"]}
    by_group = Selection("w", "a group", {**filters, "executions_filter": group})  # type: ignore[typeddict-item]
    plan = Plan(by_group, 20_000, [], exact=False)
    assert plan.unsendable is None
    sent = plan.batch_data("lastNode").to_wire()["filter"]
    assert sent == {
        "kind": "runs",
        "batchUuid": "b",
        "statuses": ["error"],
        "executionsFilter": group,
    }
    mine = Selection("w", "mine", {"workflow_uuid": "w", "user_uuid": "u"})
    assert Plan(mine, 20_000, [], exact=False).unsendable == "user_uuid"


async def test_refused_without_allow_writes(fresh: ThreadedSandbox) -> None:
    async with CargoClient(token=fresh.token, base_url=fresh.base_url) as client:
        workflow, batch = await _unhealthy(client)
        before = len(await client.orchestration.batch.list(workflow_uuids=[workflow]))
        plan = await make_plan(client, _selection(workflow, batch))
        with pytest.raises(ReadOnlyError):
            await create_once(client, workflow, plan.batch_data("lastNode"))
        after = len(await client.orchestration.batch.list(workflow_uuids=[workflow]))
    assert before == after


async def test_a_timed_out_create_does_not_make_a_second_batch(fresh: ThreadedSandbox) -> None:
    def client(timeout: httpx.Timeout | None = None) -> CargoClient:
        return CargoClient(
            token=fresh.token, base_url=fresh.base_url, allow_writes=True, timeout=timeout
        )

    async with client() as patient, client(httpx.Timeout(1.0, connect=5.0)) as hasty:
        workflow, batch = await _unhealthy(patient)
        plan = await make_plan(patient, _selection(workflow, batch))
        data = plan.batch_data("lastNode", plan.uuids[:5])
        before = len(await patient.orchestration.batch.list(workflow_uuids=[workflow]))
        there = await recent_batches(patient, workflow)
        late = {"kind": "late", "latency_ms": 2500, "path": "/orchestration/batches$",
                "method": "POST", "count": 1}  # fmt: skip
        # The server makes the batch at once; its answer comes after the client gave up.
        fresh.faults.set(late)
        with pytest.raises(TimedOutError):
            await hasty.orchestration.batch.create(workflow_uuid=workflow, data=data)
        made = await patient.orchestration.batch.list(workflow_uuids=[workflow])
        assert len(made) == before + 1
        # A retry finds that batch rather than sending the create again.
        retried = await create_once(patient, workflow, data, before=there, retrying=True)
        assert retried.uuid == made[0].uuid
        # And a create that times out asks before it says it failed: the batch it made.
        other = plan.batch_data("lastNode", plan.uuids[5:10])
        fresh.faults.set(late)
        found = await create_once(hasty, workflow, other)
        after = await patient.orchestration.batch.list(workflow_uuids=[workflow])
    assert len(after) == before + 2, "a timed-out create made one batch, never a second"
    assert found.uuid == after[0].uuid


async def test_the_dialog_previews_read_only_and_sends_nothing(fresh: ThreadedSandbox) -> None:
    app = app_on(fresh)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_rerun(pilot)
        text = screen_text(app)
        for said in ("Acme GTM", PLAY, "85", "credits", "Read-only", "--allow-writes"):
            assert said in text
        assert dialog.query_one("#rerun-confirm", Input).disabled
        assert dialog.query_one("#rerun-go", Button).disabled
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkflowScreen)


async def test_the_dialog_wants_the_count_typed_then_starts_a_live_pilot(
    fresh: ThreadedSandbox,
) -> None:
    app = app_on(fresh, allow_writes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        source = unhealthy_success_index(workflow)
        table = workflow.query_one("#batches-table", PagedTable)
        await cursor_to(pilot, table, source)
        await pilot.press("R")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReRunDialog)
        assert "Type 85 to confirm" in screen_text(app)
        await pilot.press(*"84")
        assert dialog.query_one("#rerun-go", Button).disabled
        await pilot.press("backspace", "5", "enter")
        await settle(pilot)
        assert app.screen is workflow
        assert workflow.pending_pilot is not None and len(workflow.pending_pilot.pilot) == 10
        new = workflow.pending_pilot.batch.uuid
        assert table.cursor == 0 and table.row(0) is not None and str(table.row(0).key) == new  # type: ignore[union-attr]
        assert "re-run of" in screen_text(app)
        for _ in range(100):  # a running batch updates on screen until it finishes
            await pilot.press("r")
            await settle(pilot)
            if workflow.pending_pilot is None:
                break
            await asyncio.sleep(0.1)
        told = [f"{n.title}: {n.message}" for n in app._notifications]
        assert any(
            t.startswith("Pilot re-run did not succeed: ")
            and "6 of 10 succeeded. The rest: R on batch Nov 24 02:39 · a2d8ede5." in t
            for t in told
        ), told
        # R re-runs what is highlighted, whatever was done before: here the pilot's failures.
        await pilot.press("R")
        await on_top(pilot, ReRunDialog, f"· {new[:8]} · 4 of its 10 runs failed", "Type 4")
        await pilot.press("escape")
        await on_top(pilot, WorkflowScreen)
        await cursor_to(pilot, table, source + 1)
        await pilot.press("R")
        await on_top(pilot, ReRunDialog, "· 85 of its 498 runs failed", "re-run them anyway")
        await pilot.press("space")
        await on_top(pilot, ReRunDialog, "Type 79 to confirm:")
