"""The re-run estimate against what the sandbox then bills, for each reset point.

The sandbox bills as Cargo does: a batch's credits are its runs' provider credits plus 0.01
per node execution, while runs and executions read provider credits only. For each reset point
the estimate is measured (``measure_rerun``), a pilot of ten is re-run from there, the clock
moves until it finished, and the batch's bill must be the estimate, within the spread of what
the pilot's runs cost one by one (none, when every run does the same).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from math import isclose

import pytest

from tests.app.drill import PLAY
from tests.conftest import FIXED_NOW
from tui.api import CargoClient
from tui.api.models.batch_data import Reset, RunsBatchData, RunsSelection
from tui.api.models.runs import Batch
from tui.api.run_filters import RunFilter, failed_at
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.rerun_cost import PER_EXECUTION, RESET_POINTS, ResetPoint, observe
from tui.state.rerun_reads import measure_rerun, read_balance

PILOT = 10


@pytest.fixture(scope="module")
def box() -> Iterator[ThreadedSandbox]:
    """A sandbox of this module's own: the tests re-run runs and move its clock."""
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as running:
        yield running


@pytest.fixture
async def client(box: ThreadedSandbox) -> AsyncIterator[CargoClient]:
    async with CargoClient(token=box.token, base_url=box.base_url, allow_writes=True) as made:
        yield made


async def _burst(client: CargoClient) -> tuple[str, Batch]:
    """The play's batch that says success with a third of its runs rate-limited."""
    play = next(p for p in await client.orchestration.play.list() if p.name == PLAY)
    batches = await client.orchestration.batch.list(workflow_uuids=[play.workflow_uuid])
    batch = next(b for b in batches if b.succeeded_with_failures and b.runs_status == "unhealthy")
    return play.workflow_uuid, batch


async def _pilot(
    box: ThreadedSandbox,
    client: CargoClient,
    workflow: str,
    filters: RunFilter,
    reset: ResetPoint,
    offset: int = 0,
) -> tuple[Batch, list[str]]:
    page = await client.orchestration.run.list(limit=PILOT, offset=offset, **filters)
    uuids = [r.uuid for r in page.runs]
    data = RunsBatchData(filter=RunsSelection(uuids=uuids), reset=Reset(from_=reset))
    made = await client.orchestration.batch.create(workflow_uuid=workflow, data=data)
    box.world.advance(timedelta(minutes=10))
    done = await client.orchestration.batch.get(made.uuid)
    assert done.status == "success" and done.executed_runs_count == PILOT, done
    return done, uuids


async def _check(
    box: ThreadedSandbox, client: CargoClient, filters: RunFilter, reset: ResetPoint
) -> float:
    """Estimate, re-run a pilot, compare; the pilot's spread (credits per run)."""
    workflow = str(filters["workflow_uuid"])
    measured = await measure_rerun(client, workflow, filters)
    assert measured.failed and measured.succeeded and measured.requests <= 6
    estimate = measured.estimate(reset, PILOT)
    assert estimate is not None
    batch, _ = await _pilot(box, client, workflow, filters, reset)
    runs = (await client.orchestration.run.list(batch_uuid=batch.uuid, limit=PILOT)).runs
    seen = observe(batch, runs)
    assert seen is not None and seen.runs == PILOT
    # The batch bills its runs' provider credits and 0.01 per execution they made.
    provider = sum(r.credits_used_count for r in runs)
    executions = sum(len(r.executions) for r in runs)
    assert isclose(batch.credits_used_count, provider + executions * PER_EXECUTION, abs_tol=0.01)
    # The estimate is what was billed, within what the pilot's runs varied by.
    allowed = PILOT * seen.spread + 0.01
    assert abs(estimate.total - batch.credits_used_count) <= allowed, (reset, estimate, batch)
    assert abs(estimate.provider - provider) <= allowed
    assert abs(estimate.charge - executions * PER_EXECUTION) <= allowed
    return seen.spread


@pytest.mark.parametrize("reset", RESET_POINTS)
async def test_the_estimate_is_what_a_rate_limited_pilot_is_billed(
    box: ThreadedSandbox, client: CargoClient, reset: ResetPoint
) -> None:
    """Runs rate-limited at the same node succeed when re-run: each costs the same, so the
    estimate is exact, to the hundredth."""
    workflow, batch = await _burst(client)
    filters: RunFilter = {
        "workflow_uuid": workflow,
        "batch_uuid": batch.uuid,
        "statuses": ["error"],
        "executions_filter": failed_at("hubspot_upsert"),
    }
    assert await _check(box, client, filters, reset) == 0.0


async def test_the_reset_points_cost_what_they_run(client: CargoClient) -> None:
    """From the first node a run makes every execution again and its providers bill again;
    from the next node it makes fewer than from the failing node."""
    workflow, batch = await _burst(client)
    filters: RunFilter = {
        "workflow_uuid": workflow,
        "batch_uuid": batch.uuid,
        "statuses": ["error"],
        "executions_filter": failed_at("hubspot_upsert"),
    }
    measured = await measure_rerun(client, workflow, filters)
    first, last, after = (measured.by_reset[r] for r in ("firstNode", "lastNode", "nextNode"))
    assert first.executions > last.executions == after.executions + 1
    assert first.provider > last.provider
    assert measured.unmatched == ()


async def test_a_pilot_prices_the_rest_when_runs_fail_again(
    box: ThreadedSandbox, client: CargoClient
) -> None:
    """Every failed run of the batch: some fail again when re-run (a malformed domain fails
    at the same node), so the estimate, which prices each run getting through, is the most it
    can cost; the pilot's cost per run prices the rest, within the pilot's own spread."""
    workflow, batch = await _burst(client)
    filters: RunFilter = {
        "workflow_uuid": workflow,
        "batch_uuid": batch.uuid,
        "statuses": ["error"],
    }
    measured = await measure_rerun(client, workflow, filters)
    estimate = measured.estimate("lastNode", PILOT)
    assert estimate is not None
    pilot, _ = await _pilot(box, client, workflow, filters, "lastNode")
    runs = (await client.orchestration.run.list(batch_uuid=pilot.uuid, limit=PILOT)).runs
    seen = observe(pilot, runs)
    assert seen is not None and seen.reset == "lastNode"
    assert any(r.status == "error" for r in runs), "some runs fail again"
    assert pilot.credits_used_count <= estimate.total + 0.01
    assert seen.billed_per_run == pytest.approx(seen.per_run.total, abs=0.01)
    rest, _ = await _pilot(box, client, workflow, filters, "lastNode", offset=PILOT)
    offer = seen.per_run.total * PILOT
    # The rest's total strays from the pilot's mean by at most three of its standard errors.
    allowed = 3 * seen.spread * PILOT**0.5 + 0.01
    assert abs(rest.credits_used_count - offer) <= allowed, (offer, rest.credits_used_count)


async def test_the_balance_counts_the_execution_charge(client: CargoClient) -> None:
    """The subscription's used credits are its batches' credits, the execution charge in."""
    balance = await read_balance(client, (await _burst(client))[0])
    subscription = balance.subscription
    assert subscription is not None and balance.unreadable is None
    start = subscription.reset_at - timedelta(days=30) if subscription.reset_at else None
    assert start is not None
    sql = (
        "SELECT sum(credits_used_count) AS used FROM batches "
        f"WHERE created_at >= '{start.strftime('%Y-%m-%d %H:%M:%S')}'"
    )
    used = (await client.orchestration.query.execute(sql)).as_dicts()[0]["used"]
    assert isclose(subscription.subscription_credits_used_count, used, abs_tol=0.01)
    assert balance.remaining == pytest.approx(
        subscription.subscription_available_credits_count
        + subscription.additional_available_credits_count
    )
    assert balance.workflow_executions and balance.workflow_executions > 0
