"""The request log (``tui.api.request_log``): every request a client sends, in order, with its
outcome, retries and duration, and never the token; bounded in memory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.api.mock import FAST
from tui.api import CargoClient
from tui.api.command_lines import entry_lines
from tui.api.errors import ReadOnlyError, RequestError, ServerError
from tui.api.request_log import RequestLog
from tui.sandbox.threaded import ThreadedSandbox

PLAYS = "/orchestration/plays/list$"


@pytest.fixture
async def client(faults: ThreadedSandbox) -> AsyncIterator[CargoClient]:
    async with CargoClient(token=faults.token, base_url=faults.base_url, retry=FAST) as client:
        yield client


async def test_each_request_is_logged_in_order_with_its_request_and_status(
    client: CargoClient,
) -> None:
    plays = await client.orchestration.play.list()
    workflow = plays[0].workflow_uuid
    count = await client.orchestration.run.count(workflow_uuid=workflow, statuses=["error"])
    batches = await client.orchestration.batch.list(workflow_uuids=[workflow], limit=3)
    log = client.request_log.entries()
    assert [(e.method, e.path) for e in log] == [
        ("GET", "/orchestration/plays/list"),
        ("POST", "/orchestration/runs/count"),
        ("GET", "/orchestration/batches/list"),
    ]
    assert [e.seq for e in log] == [1, 2, 3]
    assert log[1].body == {"workflowUuid": workflow, "statuses": ["error"]}
    assert log[2].params == {"workflowUuids": [workflow], "limit": 3}
    assert all(e.done and e.status == 200 and e.error is None and e.retries == 0 for e in log)
    assert all(e.duration is not None and e.duration >= 0 for e in log)
    assert count >= 0 and len(batches) <= 3


async def test_retries_are_counted_in_one_entry(
    faults: ThreadedSandbox, client: CargoClient
) -> None:
    faults.faults.set({"kind": "status", "status": 503, "path": PLAYS, "count": 2})
    await client.orchestration.play.list()
    (entry,) = client.request_log.entries()
    assert (entry.status, entry.retries, entry.error) == (200, 2, None)
    assert entry.summary().endswith("after 2 retries")


async def test_a_failure_keeps_its_status_and_reason(
    faults: ThreadedSandbox, client: CargoClient
) -> None:
    faults.faults.set({"kind": "status", "status": 500, "path": PLAYS, "count": 1})
    with pytest.raises(ServerError):
        await client.orchestration.play.list()
    (entry,) = client.request_log.entries()
    assert entry.status == 500 and entry.retries == 0
    assert entry.error is not None and "server error 500" in entry.error
    assert entry.outcome.startswith("500: server error 500")


async def test_a_request_refused_by_cargo_says_why(client: CargoClient) -> None:
    with pytest.raises(RequestError):
        await client.orchestration.batch.get("0b5e7f3c-1d2a-4c6b-9e8f-7a6b5c4d3e2f")
    (entry,) = client.request_log.entries()
    assert entry.status == 404
    assert entry.error and entry.summary().startswith("404 in ")


async def test_a_write_refused_before_sending_is_not_a_request(client: CargoClient) -> None:
    with pytest.raises(ReadOnlyError):
        await client.orchestration.batch.cancel("0b5e7f3c-1d2a-4c6b-9e8f-7a6b5c4d3e2f")
    assert client.request_log.entries() == []


async def test_a_cancelled_request_is_closed_as_cancelled(
    faults: ThreadedSandbox, client: CargoClient
) -> None:
    faults.faults.set({"kind": "latency", "latency_ms": 5_000, "path": PLAYS, "count": 1})
    task = asyncio.ensure_future(client.orchestration.play.list())
    while not client.request_log.entries():
        await asyncio.sleep(0)
    (entry,) = client.request_log.entries()
    assert not entry.done and entry.outcome == "in flight"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert entry.done and entry.error == "cancelled"


async def test_the_token_is_in_no_entry_and_no_line(
    sandbox: ThreadedSandbox, client: CargoClient
) -> None:
    plays = await client.orchestration.play.list()
    await client.orchestration.run.count(workflow_uuid=plays[0].workflow_uuid)
    await client.whoami()
    for entry in client.request_log:
        cargo_ai, curl = entry_lines(entry)
        for text in (repr(entry), entry.summary(), cargo_ai or "", curl):
            assert sandbox.token not in text
        assert '-H "Authorization: Bearer $CARGO_API_TOKEN"' in curl


async def test_the_log_keeps_the_last_entries_only(sandbox: ThreadedSandbox) -> None:
    log = RequestLog(keep=3)
    async with CargoClient(
        token=sandbox.token, base_url=sandbox.base_url, request_log=log
    ) as client:
        for _ in range(5):
            await client.orchestration.tool.list()
    assert len(log) == 3 and log.total == 5 and log.dropped == 2
    assert [e.seq for e in log] == [3, 4, 5]
    assert client.request_log is log


def test_listeners_hear_each_opening_and_closing() -> None:
    log = RequestLog(timer=iter([1.0, 1.25, 2.0]).__next__)
    heard: list[tuple[int, bool]] = []
    stop = log.subscribe(lambda entry: heard.append((entry.seq, entry.done)))
    entry = log.open("GET", "/orchestration/tools/list")
    log.close(entry, status=200)
    stop()
    log.open("GET", "/orchestration/tools/list")
    assert heard == [(1, False), (1, True)]
    assert entry.duration == 0.25 and entry.summary() == "200 in 250 ms"


def test_who_asked_is_asked_when_a_request_opens_and_never_stops_it() -> None:
    log = RequestLog()
    log.origin = lambda: (7, "Workflow › Enrich new companies")
    assert log.open("GET", "/x").origin == (7, "Workflow › Enrich new companies")

    def broken() -> tuple[int, str]:
        raise RuntimeError("no screen")

    log.origin = broken
    assert log.open("GET", "/x").origin is None
