"""Counts from a batch's totals and pages found by position agree with reading the runs."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import httpx
import pytest

from tui.sandbox import engine, store
from tui.sandbox.filters import BatchShape, batch_shape, run_filter
from tui.sandbox.history import plan_row
from tui.sandbox.plan import PlannedBatch
from tui.sandbox.threaded import ThreadedSandbox
from tui.sandbox.world import Workspace

STATUSES = ["success", "error", "cancelled", "running", "pending"]


@pytest.fixture(scope="module")
def acme(sandbox: ThreadedSandbox) -> Workspace:
    return next(iter(sandbox.world.workspaces.values()))


def batches(acme: Workspace) -> list[dict[str, object]]:
    return engine.rows(
        f"SELECT toString(uuid) AS uuid, toString(workflow_uuid) AS workflow, live, runs_count "
        f"FROM {acme.db}._batches ORDER BY runs_count DESC"
    )


def some_batches(acme: Workspace) -> list[dict[str, object]]:
    """The largest, the cancelled and failed ones, and the live one."""
    return engine.rows(
        f"SELECT toString(uuid) AS uuid, live FROM {acme.db}._batches "
        f"ORDER BY _status IN ('cancelled', 'error') DESC, live DESC, runs_count DESC LIMIT 6"
    )


def test_a_settled_batch_counts_from_its_totals_as_reading_its_runs_does(acme: Workspace) -> None:
    checked = 0
    for batch in some_batches(acme):
        uuid = str(batch["uuid"])
        for size in (0, 1, 2):
            for statuses in itertools.combinations(STATUSES, size):
                body = {"batchUuid": uuid, "statuses": list(statuses) if size else None}
                shape = batch_shape(body)
                assert shape is not None
                known = store.settled_count(acme, shape)
                if batch["live"]:
                    assert known is None, "a live batch is counted from its runs"
                    continue
                for view, records in (("runs", False), ("records", True)):
                    read = store.count(acme, view, run_filter(body, records=records))
                    assert known == read, (uuid, statuses, view)
                checked += 1
    assert checked > 40


def test_another_workflows_batch_counts_nothing(acme: Workspace) -> None:
    one = next(b for b in batches(acme) if not b["live"])
    other = next(b for b in batches(acme) if b["workflow"] != one["workflow"])
    assert store.settled_count(acme, BatchShape(str(one["uuid"]), str(other["workflow"]))) == 0
    ours = BatchShape(str(one["uuid"]), str(one["workflow"]))
    assert store.settled_count(acme, ours) == one["runs_count"]


def test_only_a_batch_with_workflow_and_statuses_has_a_shape() -> None:
    assert batch_shape({"batchUuid": "b", "limit": 5, "offset": 0}) == BatchShape("b")
    assert batch_shape({"batchUuid": "b", "workflowUuid": "w"}) == BatchShape("b", "w")
    assert batch_shape({"batchUuid": "b", "statuses": ["error"]}) == BatchShape(
        "b", None, ["error"]
    )
    assert not BatchShape("b", None, ["error"]).whole
    assert batch_shape({"workflowUuid": "w"}) is None
    assert batch_shape({"batchUuid": "b", "recordTitle": "x"}) is None


def test_runs_of_a_batch_never_share_a_moment_and_follow_their_position(acme: Workspace) -> None:
    shared = engine.scalar(
        f"SELECT count() FROM (SELECT batch_uuid, created_at, count() AS n FROM {acme.db}._runs "
        f"GROUP BY batch_uuid, created_at HAVING n > 1)"
    )
    unordered = engine.scalar(
        f"SELECT countIf(positions != arraySort(positions)) FROM (SELECT "
        f"arrayMap(x -> x.2, arraySort(groupArray((created_at, _seq)))) AS positions "
        f"FROM {acme.db}._runs GROUP BY batch_uuid)"
    )
    assert shared == 0
    assert unordered == 0


def test_a_batch_is_spread_over_at_least_a_millisecond_per_run() -> None:
    batch = PlannedBatch(
        uuid="u",
        workflow_uuid="w",
        release_uuid="r",
        created_at=datetime(2026, 11, 27, tzinfo=UTC),
        runs_count=10_000,
        spread_ms=9_500,
    )
    assert plan_row(batch, 100, 1, 100)["spread_ms"] == 10_000


def page_by_reading(acme: Workspace, view: str, uuid: str, limit: int, offset: int) -> list[str]:
    key = "run_uuid" if view == "records" else "uuid"
    found = engine.rows(
        f"SELECT toString({key}) AS id FROM {acme.db}.{view} "
        f"WHERE batch_uuid = toUUID('{uuid}') ORDER BY created_at DESC, {key} DESC "
        f"LIMIT {limit} OFFSET {offset}"
    )
    return [str(row["id"]) for row in found]


@pytest.mark.parametrize("path", ["runs", "records"])
def test_a_page_found_by_position_is_the_page_read_in_order(
    sandbox: ThreadedSandbox, acme: Workspace, path: str
) -> None:
    big = batches(acme)[0]
    live = next(b for b in batches(acme) if b["live"])
    key = "uuid" if path == "runs" else "runUuid"
    with httpx.Client(
        base_url=sandbox.base_url, headers={"authorization": f"Bearer {sandbox.token}"}
    ) as client:
        for batch in (big, live):
            uuid = str(batch["uuid"])
            terms = run_filter({"batchUuid": uuid})
            total = store.count(acme, path, terms)
            assert total > 0
            for offset, limit in (
                (0, 100),
                (37, 50),
                (total - 30, 100),
                (total - 1, 1),
                (total, 5),
            ):
                for _ in range(3):  # a live batch may show a new run meanwhile: ask again
                    before = store.count(acme, path, terms)
                    answer = client.post(
                        f"/orchestration/{path}/list",
                        json={"batchUuid": uuid, "limit": limit, "offset": offset},
                    ).json()
                    expected = page_by_reading(acme, path, uuid, limit, offset)
                    if store.count(acme, path, terms) == before == answer["count"]:
                        break
                assert [item[key] for item in answer[path]] == expected, (uuid, offset, limit)
