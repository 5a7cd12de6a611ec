"""A sandbox of follow mode's own: its tests start batches that fail as they run, and move its
clock (``World.advance``), which the shared sandbox must never see."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from tests.conftest import FIXED_NOW
from tui.sandbox.threaded import ThreadedSandbox


@pytest.fixture(scope="module")
def live() -> Iterator[ThreadedSandbox]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as running:
        yield running


@pytest.fixture(scope="module")
def http(live: ThreadedSandbox) -> Iterator[httpx.Client]:
    headers = {"authorization": f"Bearer {live.token}"}
    with httpx.Client(base_url=live.base_url, headers=headers, timeout=60) as client:
        yield client


def workflow_of(http: httpx.Client, name: str) -> str:
    plays = http.get("/orchestration/plays/list").json()["plays"]
    return str(next(p["workflowUuid"] for p in plays if p["name"] == name))


def start_failing_batch(
    http: httpx.Client, records: int = 200, play: str = "Enrich new companies"
) -> dict[str, object]:
    """A batch of ``records`` companies on ``play``: some of their domains are malformed, so
    runs fail as it runs (the sandbox's clock decides how far it got)."""
    workflow = workflow_of(http, play)
    models = http.get("/storage/models/list").json()["models"]
    companies = next(m for m in models if m["slug"] == "companies")
    ids = [f"cmp_{i:06d}" for i in range(1, records + 1)]
    body = {
        "workflowUuid": workflow,
        "data": {"kind": "recordIds", "modelUuid": companies["uuid"], "ids": ids},
    }
    created = http.post("/orchestration/batches", json=body)
    assert created.status_code == 200, created.text
    batch: dict[str, object] = created.json()["batch"]
    return batch


def advance(sandbox: ThreadedSandbox, seconds: float) -> None:
    sandbox.world.advance(timedelta(seconds=seconds))
