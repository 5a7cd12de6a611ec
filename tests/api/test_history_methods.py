"""Every history method of the client against the sandbox over loopback HTTP: batches, runs,
records, spans, metrics, downloads (fetched with ``download_to`` and parsed) and SQL."""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.api.mock import FAST
from tui.api import CargoClient
from tui.api.errors import RequestError
from tui.api.models.runs import Batch, Run
from tui.sandbox.threaded import ThreadedSandbox
from widgets.arrow_table import records_to_arrow

MISSING = "00000000-0000-4000-8000-000000000000"
LONG_AGO = "2000-01-01T00:00:00Z"


@pytest.fixture
async def client(sandbox: ThreadedSandbox) -> AsyncIterator[CargoClient]:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url, retry=FAST) as client:
        yield client


async def burst(client: CargoClient) -> Batch:
    """This morning's batch: it says success, and a third of its runs failed (HubSpot 429)."""
    batches = await client.orchestration.batch.list(statuses=["success"], limit=1000)
    found = max(batches, key=lambda b: b.failed_runs_count)
    assert found.succeeded_with_failures
    return found


async def collect(pages: AsyncIterator[list[Run]]) -> list[Run]:
    return [item async for page in pages for item in page]


# Batches -----------------------------------------------------------------------------------


async def test_batch_list_filters_get_and_iterate(client: CargoClient) -> None:
    batches = await client.orchestration.batch.list(limit=1000)
    assert len(batches) > 50
    assert [b.created_at for b in batches] == sorted((b.created_at for b in batches), reverse=True)
    workflow = batches[0].workflow_uuid
    mine = await client.orchestration.batch.list(workflow_uuids=[workflow], limit=1000)
    assert mine and {b.workflow_uuid for b in mine} == {workflow}
    assert [b.uuid for b in mine] == [b.uuid for b in batches if b.workflow_uuid == workflow]
    failed = await client.orchestration.batch.list(statuses=["error", "cancelled"], limit=1000)
    assert {b.status.value for b in failed} == {"error", "cancelled"}
    running = await client.orchestration.batch.list(is_finished=False, limit=1000)
    assert running and all(b.finished_at is None for b in running)
    finished = await client.orchestration.batch.list(is_finished=True, limit=1000)
    assert len(running) + len(finished) == len(batches)
    assert await client.orchestration.batch.list(has_runs=False, limit=1000) == []
    release = batches[0].release_uuid
    assert release is not None
    by_release = await client.orchestration.batch.list(release_uuid=release, limit=1000)
    assert {b.release_uuid for b in by_release} == {release}
    page = await client.orchestration.batch.list(limit=5, offset=5)
    assert [b.uuid for b in page] == [b.uuid for b in batches[5:10]]
    one = await client.orchestration.batch.get(batches[3].uuid)
    assert one.uuid == batches[3].uuid and one.runs_count == batches[3].runs_count
    with pytest.raises(RequestError) as caught:
        await client.orchestration.batch.get(MISSING)
    assert (caught.value.status, caught.value.reason) == (404, "batchNotFound")
    pages = [p async for p in client.orchestration.batch.iterate(page_size=40)]
    assert [len(p) for p in pages[:-1]] == [40] * (len(pages) - 1)
    assert [b.uuid for p in pages for b in p] == [b.uuid for b in batches]
    mine_paged = client.orchestration.batch.iterate(page_size=3, workflow_uuids=[workflow])
    assert [b.uuid async for p in mine_paged for b in p] == [b.uuid for b in mine]


async def test_batch_download_holds_one_row_per_run(client: CargoClient, tmp_path: Path) -> None:
    batch = await burst(client)
    url = await client.orchestration.batch.download(batch.uuid, output_node_slug="hubspot_upsert")
    await client.download_to(url, tmp_path / "batch.csv")
    rows = list(csv.DictReader((tmp_path / "batch.csv").open(encoding="utf-8")))
    assert len(rows) == batch.runs_count
    assert {r["nodeSlug"] for r in rows} == {"hubspot_upsert"}
    failed = [r for r in rows if r["status"] == "error"]
    assert len(failed) == batch.failed_runs_count
    assert any("429" in r["errorMessage"] for r in failed)
    runs = await client.orchestration.run.list(batch_uuid=batch.uuid, limit=1000)
    assert {r["runUuid"] for r in rows} == {r.uuid for r in runs.runs}
    live = (await client.orchestration.batch.list(is_finished=False, limit=1))[0]
    with pytest.raises(RequestError) as caught:
        await client.orchestration.batch.download(live.uuid)
    assert caught.value.reason == "batchNotFinished"
    with pytest.raises(RequestError) as caught:
        await client.orchestration.batch.download(MISSING)
    assert caught.value.reason == "batchNotFound"


# Runs --------------------------------------------------------------------------------------


async def test_run_list_and_count_agree_and_filters_narrow(client: CargoClient) -> None:
    batch = await burst(client)
    run = client.orchestration.run
    everything = await run.list(batch_uuid=batch.uuid, limit=1000)
    assert everything.count == batch.runs_count == len(everything.runs)
    assert await run.count(batch_uuid=batch.uuid) == batch.runs_count
    failed = await run.list(batch_uuid=batch.uuid, statuses=["error"], limit=1000)
    assert failed.count == batch.failed_runs_count == len(failed.runs)
    assert {r.status.value for r in failed.runs} == {"error"}
    assert await run.count(batch_uuid=batch.uuid, statuses=["error"]) == failed.count
    assert all(r.failing_execution is not None for r in failed.runs)
    sample = failed.runs[0]
    by_record = await run.list(batch_uuid=batch.uuid, record_id=sample.record_id)
    assert sample.uuid in {r.uuid for r in by_record.runs}
    assert {r.record_id for r in by_record.runs} == {sample.record_id}
    assert sample.record_title
    by_title = await run.list(batch_uuid=batch.uuid, record_title=sample.record_title[:6].upper())
    assert sample.uuid in {r.uuid for r in by_title.runs}
    assert by_title.count < everything.count
    either = await run.list(batch_uuid=batch.uuid, record_title_or_id=sample.record_id)
    assert sample.uuid in {r.uuid for r in either.runs}
    with pytest.raises(RequestError, match="not sent: uuids") as refused:
        await run.list(batch_uuid=batch.uuid, uuids=[sample.uuid])  # type: ignore[call-arg]
    assert refused.value.status is None, "runs/list takes no uuids: refused before sending"
    assert (await run.list(batch_uuid=batch.uuid, is_finished=False)).count == 0
    middle = everything.runs[len(everything.runs) // 2].created_at
    assert middle is not None
    newer = await run.count(batch_uuid=batch.uuid, created_after=middle)
    older = await run.count(batch_uuid=batch.uuid, created_before=middle)
    assert newer + older == batch.runs_count and newer and older
    rate_limited = {
        "conjonction": "and",
        "groups": [
            {
                "conjonction": "and",
                "conditions": [
                    {
                        "kind": "node",
                        "nodeSlug": "hubspot_upsert",
                        "status": "error",
                        "value": "429",
                    }
                ],
            }
        ],
    }
    by_node = await run.list(batch_uuid=batch.uuid, executions_filter=rate_limited, limit=1000)
    assert 0 < by_node.count <= failed.count
    assert all("429" in (r.error_message or "") for r in by_node.runs)
    workflow = await run.count(workflow_uuid=batch.workflow_uuid)
    assert workflow > batch.runs_count
    assert await run.count(batch_uuid=batch.uuid, workflow_uuid=MISSING) == 0
    releases = await run.count(batch_uuid=batch.uuid, release_uuid=batch.release_uuid)
    assert releases == batch.runs_count


async def test_run_pages_and_iterate_cover_each_run_once(client: CargoClient) -> None:
    batch = await burst(client)
    run = client.orchestration.run
    everything = await run.list(batch_uuid=batch.uuid, limit=1000)
    assert [r.created_at for r in everything.runs] == sorted(
        (r.created_at for r in everything.runs), reverse=True
    )
    second = await run.list(batch_uuid=batch.uuid, limit=50, offset=50)
    assert [r.uuid for r in second.runs] == [r.uuid for r in everything.runs[50:100]]
    assert second.count == everything.count
    iterated = await collect(run.iterate(page_size=97, batch_uuid=batch.uuid))
    assert [r.uuid for r in iterated] == [r.uuid for r in everything.runs]
    errors = await collect(run.iterate(page_size=10, batch_uuid=batch.uuid, statuses=["error"]))
    assert len(errors) == batch.failed_runs_count


async def test_run_get_holds_each_reached_nodes_output(client: CargoClient) -> None:
    batch = await burst(client)
    failed = await client.orchestration.run.list(batch_uuid=batch.uuid, statuses=["error"])
    listed = next(r for r in failed.runs if "429" in (r.error_message or ""))
    detail = await client.orchestration.run.get(listed.uuid)
    assert detail.run.uuid == listed.uuid
    assert detail.run.executions == listed.executions
    slugs = [e.node_slug for e in listed.executions]
    assert list(detail.run_context) == slugs
    assert list(detail.run_computed_configs) == slugs
    failing = listed.failing_execution
    assert failing is not None and failing.node_slug == "hubspot_upsert"
    assert detail.run_context["hubspot_upsert"]["status"] == 429
    assert detail.run_context["start"]["id"] == listed.record_id
    with pytest.raises(RequestError) as caught:
        await client.orchestration.run.get(MISSING)
    assert (caught.value.status, caught.value.reason) == (404, "runNotFound")


async def test_run_metrics_count_each_nodes_executions(client: CargoClient) -> None:
    batch = await burst(client)
    workflow = next(
        w for w in await client.orchestration.workflow.list() if w.uuid == batch.workflow_uuid
    )
    metrics = await client.orchestration.run.get_metrics(
        workflow_uuid=batch.workflow_uuid, batch_uuid=batch.uuid
    )
    assert workflow.deployed_release is not None
    nodes = workflow.deployed_release.nodes
    by_node = {m.node_uuid: m for m in metrics}
    assert set(by_node) == {n.uuid for n in nodes}
    slug = {n.uuid: n.slug for n in nodes}
    start = next(m for m in metrics if slug[m.node_uuid] == "start")
    assert start.total_executions_count == batch.runs_count
    hubspot = next(m for m in metrics if slug[m.node_uuid] == "hubspot_upsert")
    assert hubspot.error_executions_count > 0 and hubspot.error_rate > 0.1
    errors = sum(m.error_executions_count for m in metrics)
    assert errors == batch.failed_runs_count
    # The batch bills its nodes' provider credits and 0.01 per execution, attributed to no node.
    provider = sum(m.credits_used_count for m in metrics)
    executions = sum(m.total_executions_count for m in metrics)
    assert provider + executions / 100 == pytest.approx(batch.credits_used_count, abs=0.005)
    whole = await client.orchestration.run.get_metrics(workflow_uuid=batch.workflow_uuid)
    assert {m.node_uuid: m for m in whole}[start.node_uuid].total_executions_count > (
        start.total_executions_count
    )
    assert batch.created_at is not None
    later = await client.orchestration.run.get_metrics(
        workflow_uuid=batch.workflow_uuid, batch_uuid=batch.uuid, created_after=batch.created_at
    )
    none = await client.orchestration.run.get_metrics(
        workflow_uuid=batch.workflow_uuid, batch_uuid=batch.uuid, created_before=batch.created_at
    )
    assert sum(m.total_executions_count for m in later) == sum(
        m.total_executions_count for m in metrics
    )
    assert sum(m.total_executions_count for m in none) == 0


async def test_run_download_and_download_outputs(client: CargoClient, tmp_path: Path) -> None:
    batch = await burst(client)
    run = client.orchestration.run
    url = await run.download(workflow_uuid=batch.workflow_uuid, batch_uuid=batch.uuid)
    await client.download_to(url, tmp_path / "runs.json")
    rows = json.loads((tmp_path / "runs.json").read_text(encoding="utf-8"))
    assert len(rows) == batch.runs_count
    assert {r["batchUuid"] for r in rows} == {batch.uuid}
    assert sum(r["status"] == "error" for r in rows) == batch.failed_runs_count
    failed = await run.list(batch_uuid=batch.uuid, statuses=["error"], limit=1000)
    url = await run.download_outputs(
        workflow_uuid=batch.workflow_uuid,
        batch_uuid=batch.uuid,
        statuses=["error"],
        output_node_slug="hubspot_upsert",
        format="json",
    )
    await client.download_to(url, tmp_path / "outputs.json")
    outputs = json.loads((tmp_path / "outputs.json").read_text())
    assert {o["runUuid"] for o in outputs} == {r.uuid for r in failed.runs}
    assert all(o["nodeSlug"] == "hubspot_upsert" for o in outputs)
    rate_limited = [o for o in outputs if o["output"] and o["output"].get("status") == 429]
    assert rate_limited
    url = await run.download_outputs(
        workflow_uuid=batch.workflow_uuid, batch_uuid=batch.uuid, limit=20, offset=10
    )
    await client.download_to(url, tmp_path / "outputs.csv")
    page = list(csv.DictReader((tmp_path / "outputs.csv").open(encoding="utf-8")))
    everything = await run.list(batch_uuid=batch.uuid, limit=30)
    assert [r["runUuid"] for r in page] == [r.uuid for r in everything.runs[10:30]]
    with pytest.raises(RequestError) as caught:
        await run.download_outputs(workflow_uuid=batch.workflow_uuid, batch_uuid=MISSING)
    assert caught.value.reason == "noRunsFound"
    with pytest.raises(RequestError, match="workflowUuid field required") as caught:
        await run.download(batch_uuid=batch.uuid)
    assert caught.value.status is None, "refused before anything is sent"


# Records and spans -------------------------------------------------------------------------


async def test_records_list_count_iterate_and_metrics(client: CargoClient) -> None:
    batch = await burst(client)
    record = client.orchestration.record
    runs = await client.orchestration.run.list(batch_uuid=batch.uuid, limit=1000)
    records = await record.list(batch_uuid=batch.uuid, limit=1000)
    assert records.count == batch.runs_count == len(records.records)
    assert await record.count(batch_uuid=batch.uuid) == records.count
    assert [r.run_uuid for r in records.records] == [r.uuid for r in runs.runs]
    assert [r.id for r in records.records] == [r.record_id for r in runs.runs]
    assert all(r.executions for r in records.records)
    failed = await record.count(batch_uuid=batch.uuid, statuses=["error"])
    assert failed == batch.failed_runs_count
    some = [r.id for r in records.records[:3]]
    by_id = await record.list(batch_uuid=batch.uuid, ids=some)
    assert {r.id for r in by_id.records} == set(some)
    titled = records.records[0].title
    assert titled
    assert (await record.count(batch_uuid=batch.uuid, title_or_id=some[0])) >= 1
    assert (await record.count(batch_uuid=batch.uuid, title=titled)) >= 1
    iterated = [r async for page in record.iterate(page_size=128, batch_uuid=batch.uuid)
                for r in page]  # fmt: skip
    assert [r.run_uuid for r in iterated] == [r.run_uuid for r in records.records]
    runs_metrics = await client.orchestration.run.get_metrics(
        workflow_uuid=batch.workflow_uuid, batch_uuid=batch.uuid
    )
    record_metrics = await record.get_metrics(
        workflow_uuid=batch.workflow_uuid, batch_uuid=batch.uuid
    )
    assert [(m.node_uuid, m.total_executions_count, m.error_executions_count)
            for m in record_metrics] == [
        (m.node_uuid, m.total_executions_count, m.error_executions_count) for m in runs_metrics
    ]  # fmt: skip
    assert sum(m.total_executions_count for m in record_metrics) > batch.runs_count


async def test_spans_list_and_iterate_are_the_runs_executions(client: CargoClient) -> None:
    batch = await burst(client)
    failed = await client.orchestration.run.list(batch_uuid=batch.uuid, statuses=["error"])
    one = failed.runs[0]
    span = client.orchestration.span
    spans = await span.list(execution_started_after=LONG_AGO, run_uuid=one.uuid)
    assert spans.count == len(one.executions) == len(spans.spans)
    ordered = sorted(spans.spans, key=lambda s: s.execution_index or 0)
    assert [(s.node_uuid, s.execution_status, s.execution_title) for s in ordered] == [
        (e.node_uuid, e.status, e.title) for e in one.executions
    ]
    errors = await span.list(
        execution_started_after=LONG_AGO,
        batch_uuid=batch.uuid,
        execution_statuses=["error"],
        limit=1000,
    )
    assert errors.count == batch.failed_runs_count
    assert {s.execution_status.value for s in errors.spans} == {"error"}
    hubspot = await span.list(
        execution_started_after=LONG_AGO,
        batch_uuid=batch.uuid,
        node_slug="hubspot_upsert",
        execution_title_or_error_message="429",
    )
    assert 0 < hubspot.count <= errors.count
    assert one.created_at is not None
    assert (
        await span.list(execution_started_after=LONG_AGO, execution_started_before=LONG_AGO)
    ).count == 0
    iterated = [
        s
        async for page in span.iterate(
            execution_started_after=LONG_AGO, page_size=7, batch_uuid=batch.uuid,
            execution_statuses=["error"],
        )
        for s in page
    ]  # fmt: skip
    assert len(iterated) == errors.count
    assert {(s.run_uuid, s.node_uuid) for s in iterated} == {
        (s.run_uuid, s.node_uuid) for s in errors.spans
    }


# SQL ---------------------------------------------------------------------------------------


async def test_query_execute_and_to_arrow(client: CargoClient) -> None:
    batch = await burst(client)
    result = await client.orchestration.query.execute(
        f"SELECT status, count() AS runs FROM runs WHERE batch_uuid = '{batch.uuid}' "  # noqa: S608
        "GROUP BY status ORDER BY status"
    )
    assert result.columns == ["status", "runs"]
    counts = dict(result.rows)
    assert sum(counts.values()) == batch.runs_count
    assert counts["error"] == batch.failed_runs_count
    table = records_to_arrow(result.as_dicts())
    assert table.num_rows == len(result) == len(counts)
    assert table.column_names == ["status", "runs"]
    assert sum(table.column("runs").to_pylist()) == batch.runs_count
    per_node = (
        "SELECT node_slug, countIf(execution_status = 'error') AS failures FROM spans "  # noqa: S608
        f"WHERE batch_uuid = '{batch.uuid}' GROUP BY node_slug ORDER BY failures DESC"
    )
    nodes = await client.orchestration.query.execute(per_node)
    failures = nodes.as_dicts()
    assert failures[0]["node_slug"] == "hubspot_upsert"
    assert sum(row["failures"] for row in failures) == counts["error"]
    with pytest.raises(RequestError) as caught:
        await client.orchestration.query.execute("DROP TABLE runs")
    assert caught.value.reason == "queryNotAllowed"
