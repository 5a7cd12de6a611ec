"""The client's writes against a sandbox of their own: create and cancel batches, cancel runs;
refused (nothing sent) on a read-only client; never retried."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.api.mock import FAST
from tests.conftest import FIXED_NOW
from tui.api import CargoClient
from tui.api.errors import ReadOnlyError, RequestError, ServerError
from tui.api.models.batch_data import RecordIdsBatchData, Reset, RunsBatchData, RunsSelection
from tui.api.models.runs import Batch
from tui.sandbox.threaded import ThreadedSandbox

MISSING = "00000000-0000-4000-8000-000000000000"
#: Counts every request to the write endpoints, without changing them (latency 0).
WATCH = {"kind": "latency", "latency_ms": 0, "method": "POST", "count": 1000}


@pytest.fixture(scope="module")
def own() -> Iterator[ThreadedSandbox]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW) as running:
        yield running


@pytest.fixture
async def writer(own: ThreadedSandbox) -> AsyncIterator[CargoClient]:
    own.faults.clear()
    async with CargoClient(
        token=own.token, base_url=own.base_url, retry=FAST, allow_writes=True
    ) as client:
        yield client
    own.faults.clear()


async def enrich(client: CargoClient) -> str:
    plays = await client.orchestration.play.list()
    return next(p.workflow_uuid for p in plays if p.name == "Enrich new companies")


async def settle(client: CargoClient, uuid: str) -> Batch:
    for _ in range(100):
        batch = await client.orchestration.batch.get(uuid)
        if batch.status.is_terminal:
            return batch
        await asyncio.sleep(0.2)
    raise AssertionError(f"batch {uuid} never finished")


async def test_a_read_only_client_sends_no_write(own: ThreadedSandbox) -> None:
    own.faults.set({**WATCH, "path": "/orchestration/(batches|runs/cancel)"})
    async with CargoClient(token=own.token, base_url=own.base_url, retry=FAST) as client:
        workflow = await enrich(client)
        data = RecordIdsBatchData(model_uuid="m", ids=["cmp_000001"])
        for write in (
            client.orchestration.batch.create(workflow_uuid=workflow, data=data),
            client.orchestration.batch.cancel(MISSING),
            client.orchestration.run.cancel(workflow_uuid=workflow, uuids=[MISSING]),
        ):
            with pytest.raises(ReadOnlyError) as caught:
                await write
            assert "--allow-writes" in str(caught.value)
    assert own.faults.describe()[0]["count"] == 1000, "no write reached the server"
    own.faults.clear()


async def test_rerun_failed_runs_then_cancel_the_batch(writer: CargoClient) -> None:
    workflow = await enrich(writer)
    before = await writer.orchestration.batch.list(workflow_uuids=[workflow], limit=1000)
    failed = await writer.orchestration.run.list(
        workflow_uuid=workflow, statuses=["error"], limit=30
    )
    uuids = [r.uuid for r in failed.runs]
    data = RunsBatchData(filter=RunsSelection(uuids=uuids), reset=Reset(**{"from": "firstNode"}))
    created = await writer.orchestration.batch.create(workflow_uuid=workflow, data=data)
    assert created.runs_count == len(uuids)
    assert created.workflow_uuid == workflow
    assert created.data is not None and created.data["kind"] == "runs"
    assert created.status.value in ("pending", "running")
    after = await writer.orchestration.batch.list(workflow_uuids=[workflow], limit=1000)
    assert [b.uuid for b in after] == [created.uuid, *(b.uuid for b in before)]
    assert (await writer.orchestration.workflow.list())[0].last_batch is not None
    runs = await writer.orchestration.run.list(batch_uuid=created.uuid, limit=100)
    assert {r.parent_uuid for r in runs.runs} <= set(uuids)
    await writer.orchestration.batch.cancel(created.uuid)
    cancelled = await writer.orchestration.batch.get(created.uuid)
    assert cancelled.status.value == "cancelled" and cancelled.finished_at is not None
    assert await writer.orchestration.run.count(batch_uuid=created.uuid, is_finished=False) == 0
    with pytest.raises(RequestError) as caught:
        await writer.orchestration.batch.cancel(created.uuid)
    assert caught.value.reason == "batchAlreadyFinished"
    with pytest.raises(RequestError) as caught:
        await writer.orchestration.batch.cancel(MISSING)
    assert (caught.value.status, caught.value.reason) == (404, "batchNotFound")


async def test_a_record_ids_batch_runs_to_the_end_and_downloads(writer: CargoClient) -> None:
    # The shortest workflow (a tool: start, find an email, end) finishes soonest.
    workflows = await writer.orchestration.workflow.list()
    tools = [w for w in workflows if w.tool_uuid and w.deployed_release]
    workflow = min(tools, key=lambda w: len(w.deployed_release.nodes)).uuid  # type: ignore[union-attr]
    models = await writer.storage.model.list()
    contacts = next(m for m in models if m.slug == "contacts")
    ids = [f"ctc_{i:06d}" for i in range(1, 11)]
    data = RecordIdsBatchData(model_uuid=contacts.uuid, ids=ids)
    created = await writer.orchestration.batch.create(workflow_uuid=workflow, data=data)
    finished = await settle(writer, created.uuid)
    assert finished.status.value == "success"
    assert finished.executed_runs_count == 10
    runs = await writer.orchestration.run.list(batch_uuid=created.uuid)
    assert sorted(r.record_id or "" for r in runs.runs) == ids
    assert runs.count == 10
    url = await writer.orchestration.batch.download(created.uuid)
    assert "/_files/" in url


async def test_cancel_runs_cancels_the_unfinished_ones_named(writer: CargoClient) -> None:
    workflow = await enrich(writer)
    models = await writer.storage.model.list()
    companies = next(m for m in models if m.slug == "companies")
    ids = [f"cmp_{i:06d}" for i in range(1, 201)]
    data = RecordIdsBatchData(model_uuid=companies.uuid, ids=ids)
    created = await writer.orchestration.batch.create(workflow_uuid=workflow, data=data)
    unfinished: list[str] = []
    for _ in range(50):
        page = await writer.orchestration.run.list(
            batch_uuid=created.uuid, is_finished=False, limit=20
        )
        unfinished = [r.uuid for r in page.runs]
        if unfinished:
            break
        await asyncio.sleep(0.05)
    assert unfinished, "runs of a new batch appear within a moment"
    await writer.orchestration.run.cancel(workflow_uuid=workflow, uuids=unfinished)
    whole = await writer.orchestration.run.list(batch_uuid=created.uuid, limit=1000)
    named = [r for r in whole.runs if r.uuid in set(unfinished)]
    statuses = {r.status.value for r in named}
    assert "cancelled" in statuses
    assert statuses <= {"cancelled", "success", "error"}, "finished meanwhile, or cancelled"
    others = await writer.orchestration.run.count(batch_uuid=created.uuid, statuses=["cancelled"])
    assert others == sum(r.status.value == "cancelled" for r in named)
    await writer.orchestration.batch.cancel(created.uuid)


async def test_a_failed_write_is_never_retried(own: ThreadedSandbox, writer: CargoClient) -> None:
    workflow = await enrich(writer)
    before = await writer.orchestration.batch.list(limit=1000)
    own.faults.set({"kind": "status", "status": 503, "method": "POST",
                    "path": "/orchestration/batches$", "count": 3})  # fmt: skip
    models = await writer.storage.model.list()
    companies = next(m for m in models if m.slug == "companies")
    data = RecordIdsBatchData(model_uuid=companies.uuid, ids=["cmp_000001"])
    with pytest.raises(ServerError) as caught:
        await writer.orchestration.batch.create(workflow_uuid=workflow, data=data)
    assert caught.value.status == 503
    assert [rule["count"] for rule in own.faults.describe()] == [2], "one request arrived"
    own.faults.clear()
    assert [b.uuid for b in await writer.orchestration.batch.list(limit=1000)] == [
        b.uuid for b in before
    ]


async def test_create_batch_reasons_reach_the_caller(writer: CargoClient) -> None:
    workflow = await enrich(writer)
    with pytest.raises(RequestError) as caught:
        await writer.orchestration.batch.create(
            workflow_uuid=MISSING, data={"kind": "segment", "segmentUuid": MISSING}
        )
    assert (caught.value.status, caught.value.reason) == (404, "workflowNotFound")
    with pytest.raises(RequestError) as caught:
        await writer.orchestration.batch.create(
            workflow_uuid=workflow, data={"kind": "segment", "segmentUuid": MISSING}
        )
    assert caught.value.reason == "dataError"
