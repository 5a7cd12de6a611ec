"""The seeded record's runs, and which run a run is compared with, on the sandbox."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.run_diff.steps import seeded_runs
from tui.api.client import CargoClient
from tui.api.models.runs import Run
from tui.sandbox.record_runs import DIVERGES_AT
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.run_baseline import RunNotFound, diff_runs, pick_baseline, resolve_run
from tui.state.run_diff import Difference, Picked


@pytest.fixture
async def client(sandbox: ThreadedSandbox) -> CargoClient:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as opened:
        yield opened  # type: ignore[misc]


async def _rows(client: CargoClient, sql: str) -> list[tuple[object, ...]]:
    return (await client.orchestration.query.execute(sql)).rows


def _ms(moment: datetime | None) -> str:
    assert moment is not None
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


async def test_the_seeded_record_failed_at_its_agent_after_succeeding(client: CargoClient) -> None:
    failed, successes = await seeded_runs(client)
    failing = failed.failing_execution
    assert failing is not None and failing.node_slug == DIVERGES_AT
    assert "timed out" in (failing.error_message or "")
    earlier = [run for run in successes if run.created_at and run.created_at < failed.created_at]
    assert len(earlier) >= 2, "the record succeeded in several batches before it failed"
    assert len({run.batch_uuid for run in [failed, *successes]}) == 1 + len(successes)


async def test_a_failed_run_is_compared_with_its_records_last_success(client: CargoClient) -> None:
    failed, successes = await seeded_runs(client)
    picked = await pick_baseline(client, failed)
    assert picked.picked is Picked.RECORD
    assert picked.uuid == successes[0].uuid  # newest first
    diff = await diff_runs(client, failed.uuid)
    assert diff.first is not None and diff.first.slug == DIVERGES_AT
    assert diff.first.difference is Difference.STATUS
    before = diff.nodes[: diff.nodes.index(diff.first)]
    assert before and all(node.difference is Difference.NONE for node in before), before
    assert diff.first.output and {c.path for c in diff.first.output} >= {".answer", ".error"}


async def _workflow_of_clearbit_failures(client: CargoClient) -> tuple[str, str]:
    """A failed run whose record never succeeded in its workflow, and the workflow."""
    rows = await _rows(
        client,
        "SELECT toString(r.uuid), toString(r.workflow_uuid) FROM runs AS r "
        "WHERE r.status = 'error' AND r.record_id NOT IN (SELECT record_id FROM runs "
        "WHERE status = 'success') ORDER BY r.created_at DESC LIMIT 1",
    )
    return str(rows[0][0]), str(rows[0][1])


async def _nearest_success(client: CargoClient, run: Run, scope: str) -> str:
    rows = await _rows(
        client,
        "SELECT toString(uuid) FROM runs WHERE status = 'success' AND "  # noqa: S608
        f"workflow_uuid = toUUID('{run.workflow_uuid}') {scope} ORDER BY "
        f"abs(dateDiff('millisecond', created_at, toDateTime64('{_ms(run.created_at)}', 3, "
        "'UTC'))) LIMIT 1",
    )
    return str(rows[0][0])


async def test_a_record_with_no_success_is_compared_on_its_release_then_in_time(
    client: CargoClient,
) -> None:
    uuid, _ = await _workflow_of_clearbit_failures(client)
    run = (await client.orchestration.run.get(uuid)).run
    picked = await pick_baseline(client, run)
    assert picked.picked is Picked.RELEASE
    scope = f"AND release_uuid = toUUID('{run.release_uuid}')"
    assert picked.uuid == await _nearest_success(client, run, scope)

    anonymous = run.model_copy(update={"record_id": None, "release_uuid": None})
    picked = await pick_baseline(client, anonymous)
    assert picked.picked is Picked.NEAREST
    assert picked.uuid == await _nearest_success(client, run, "")


async def test_a_named_run_is_a_uuid_a_web_url_or_its_first_characters(
    client: CargoClient,
) -> None:
    failed, successes = await seeded_runs(client)
    other = successes[-1].uuid
    workflow = failed.workflow_uuid
    assert await resolve_run(client, other.upper(), workflow) == other
    url = f"https://app.getcargo.io/workflows/{workflow}/runs/{other}"
    assert await resolve_run(client, url, workflow) == other
    assert await resolve_run(client, f"  {other[:9]} ", workflow) == other
    with pytest.raises(RunNotFound, match="at least 4 characters"):
        await resolve_run(client, "ab1", workflow)
    with pytest.raises(RunNotFound, match="not a run uuid"):
        await resolve_run(client, "Dana's run", workflow)
    shared = await _rows(
        client,
        "SELECT substring(toString(uuid), 1, 4) AS p FROM runs "  # noqa: S608
        f"WHERE workflow_uuid = toUUID('{workflow}') GROUP BY p HAVING count() > 1 LIMIT 1",
    )
    with pytest.raises(RunNotFound, match="several runs of this workflow"):
        await resolve_run(client, str(shared[0][0]), workflow)
    taken = {
        str(row[0])
        for row in await _rows(client, "SELECT substring(toString(uuid), 1, 6) FROM runs")
    }
    absent = next(f"{n:06x}" for n in range(16**6) if f"{n:06x}" not in taken)
    with pytest.raises(
        RunNotFound, match=f"No run of this workflow has a uuid starting with '{absent}'"
    ):
        await resolve_run(client, absent, workflow)
    with pytest.raises(RunNotFound, match="the run itself"):
        await diff_runs(client, failed.uuid, failed.uuid[:10])
    named = await diff_runs(client, failed.uuid, other[:10])
    assert named.picked is Picked.NAMED and named.baseline.uuid == other
