"""Batches created through the API progress with the sandbox's clock; cancelling and validation
work. The clock is frozen and moved by the tests (``World.advance``): no test waits for time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from tests.conftest import FIXED_NOW
from tui.sandbox.threaded import ThreadedSandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[ThreadedSandbox]:
    """A sandbox of this module's own: its clock stands still until a test moves it."""
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as running:
        yield running


@pytest.fixture(scope="module")
def client(sandbox: ThreadedSandbox) -> Iterator[httpx.Client]:
    headers = {"authorization": f"Bearer {sandbox.token}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as http:
        yield http


def workflow_of(client: httpx.Client, name: str) -> str:
    plays = client.get("/orchestration/plays/list").json()["plays"]
    return str(next(p["workflowUuid"] for p in plays if p["name"] == name))


def test_a_rerun_batch_progresses_then_finishes(
    sandbox: ThreadedSandbox, client: httpx.Client
) -> None:
    workflow = workflow_of(client, "Enrich new companies")
    failed = client.post("/orchestration/runs/list",
                         json={"workflowUuid": workflow, "statuses": ["error"], "limit": 5}).json()  # fmt: skip
    uuids = [r["uuid"] for r in failed["runs"]]
    body = {"workflowUuid": workflow, "data": {"kind": "runs", "filter": {"kind": "runs",
            "uuids": uuids}, "reset": {"from": "firstNode"}}}  # fmt: skip
    created = client.post("/orchestration/batches", json=body)
    assert created.status_code == 200, created.text
    batch = created.json()["batch"]
    assert batch["runsCount"] == 5 and batch["status"] in ("running", "pending")
    # Five runs are spread over 1.7 s and each takes seconds: two minutes see them all done.
    sandbox.world.advance(timedelta(minutes=2))
    batch = client.get(f"/orchestration/batches/{batch['uuid']}").json()["batch"]
    assert batch["status"] == "success", batch
    runs = client.post("/orchestration/runs/list", json={"batchUuid": batch["uuid"]}).json()
    assert {r["parentUuid"] for r in runs["runs"]} == set(uuids)
    assert client.get("/orchestration/workflows/list").json()["workflows"][0]["lastBatch"]["uuid"]


def test_a_rerun_by_records_runs_only_those_records(client: httpx.Client) -> None:
    """``filter: {kind: "records", ids}`` picks the records' runs (it re-ran every failed run)."""
    workflow = workflow_of(client, "Enrich new companies")
    failed = client.post("/orchestration/runs/list",
                         json={"workflowUuid": workflow, "statuses": ["error"], "limit": 2}).json()  # fmt: skip
    ids = sorted({r["recordId"] for r in failed["runs"]})
    wanted = client.post("/orchestration/runs/count", json={
        "workflowUuid": workflow, "statuses": ["error"], "recordId": ids[0]}).json()["count"]  # fmt: skip
    body = {"workflowUuid": workflow, "data": {"kind": "runs", "filter": {"kind": "records",
            "ids": ids[:1], "statuses": ["error"]}, "reset": {"from": "lastNode"}}}  # fmt: skip
    created = client.post("/orchestration/batches", json=body)
    assert created.status_code == 200, created.text
    batch = created.json()["batch"]
    assert batch["runsCount"] == wanted < failed["count"]


def test_record_ids_batch_and_cancel(client: httpx.Client) -> None:
    workflow = workflow_of(client, "Weekly ICP refresh")
    models = client.get("/storage/models/list").json()["models"]
    companies = next(m for m in models if m["slug"] == "companies")
    ids = [f"cmp_{i:06d}" for i in range(1, 121)]
    body = {
        "workflowUuid": workflow,
        "data": {"kind": "recordIds", "modelUuid": companies["uuid"], "ids": ids},
    }
    batch = client.post("/orchestration/batches", json=body).json()["batch"]
    assert batch["runsCount"] == 120
    assert client.post(f"/orchestration/batches/{batch['uuid']}/cancel").status_code == 200
    after = client.get(f"/orchestration/batches/{batch['uuid']}").json()["batch"]
    assert after["status"] == "cancelled" and after["finishedAt"]
    again = client.post(f"/orchestration/batches/{batch['uuid']}/cancel")
    assert again.json()["reason"] == "batchAlreadyFinished"
    statuses = client.post("/orchestration/runs/count",
                           json={"batchUuid": batch["uuid"], "isFinished": False}).json()  # fmt: skip
    assert statuses["count"] == 0


SEGMENT = {"kind": "segment", "segmentUuid": "00000000-0000-4000-8000-000000000001"}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            {"workflowUuid": "00000000-0000-4000-8000-000000000000", "data": SEGMENT},
            "workflowNotFound",
        ),
        ({"data": {"kind": "recordIds", "modelUuid": "x", "ids": []}}, "workflowNotFound"),
        # A kind the types declare that the sandbox does not run; one they do not declare.
        (
            {"workflowUuid": "{wf}", "data": {"kind": "file", "s3Filename": "x.csv"}},
            "invalidDataKind",
        ),
        ({"workflowUuid": "{wf}", "data": {"kind": "teleport"}}, "invalidRequest"),
        ({"workflowUuid": "{wf}", "data": {"kind": "segment"}}, "invalidRequest"),
        (
            {"workflowUuid": "{wf}", "data": {"kind": "recordIds", "modelUuid": "x", "ids": []}},
            "dataError",
        ),
        (
            {"workflowUuid": "{wf}", "releaseUuid": "nope", "data": SEGMENT},
            "invalidReleaseOrCustomNodes",
        ),
        (
            {
                "workflowUuid": "{wf}",
                "data": {
                    "kind": "runs",
                    "filter": {"kind": "runs"},
                    "reset": {"from": "node", "nodeUuid": "x"},
                },
            },
            "nodesNotFound",
        ),
    ],
)
def test_create_batch_validates(client: httpx.Client, body: dict[str, object], reason: str) -> None:
    workflow = workflow_of(client, "Enrich new companies")
    if body.get("workflowUuid") == "{wf}":
        body = {**body, "workflowUuid": workflow}
    answer = client.post("/orchestration/batches", json=body)
    assert 400 <= answer.status_code < 500
    assert answer.json()["reason"] == reason


def test_the_demo_live_batch_moves_with_the_clock(
    sandbox: ThreadedSandbox, client: httpx.Client
) -> None:
    running = client.get("/orchestration/batches/list", params={"statuses[]": "running"}).json()
    live = next(b for b in running["batches"] if b["runsCount"] == 500)
    # The demo batch runs for hours: ten minutes on, more of its runs have settled.
    sandbox.world.advance(timedelta(minutes=10))
    later = client.get(f"/orchestration/batches/{live['uuid']}").json()["batch"]
    assert later["executedRunsCount"] > live["executedRunsCount"], (live, later)
    assert later["updatedAt"] > live["updatedAt"] and later["status"] == "running"
