"""The REST reads' executions (computed in Python) are the spans view's rows, value for value.

The view reads the sandbox's clock itself; to compare at one moment, the history is copied into
a database whose views read a fixed clock, and Python computes at that same clock.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tui.sandbox import engine, history, schema, store
from tui.sandbox.engine import ch_time
from tui.sandbox.executions import RAW_COLUMNS, spans_of_raw
from tui.sandbox.threaded import ThreadedSandbox
from tui.sandbox.world import Workspace


@pytest.fixture(scope="module")
def acme(sandbox: ThreadedSandbox) -> Workspace:
    return next(iter(sandbox.world.workspaces.values()))


@pytest.fixture(scope="module")
def frozen(acme: Workspace) -> Iterator[str]:
    """A copy of the workspace's tables, under views that read ``{clock}`` (set per test)."""
    db = f"{acme.db}_frozen"
    engine.execute(f"CREATE DATABASE {db}")
    for table in ("_runs", "_batches", "_routes"):
        engine.execute(f"CREATE TABLE {db}.{table} AS {acme.db}.{table}")
        if table != "_routes":
            engine.execute(f"INSERT INTO {db}.{table} SELECT * FROM {acme.db}.{table}")
    yield db
    engine.execute(f"DROP DATABASE {db} SYNC")


def view_at(acme: Workspace, db: str, millis: int) -> list[dict[str, object]]:
    """The spans view's rows at a fixed clock, as the API spells them."""
    clock = f"fromUnixTimestamp64Milli(toInt64({millis}), 'UTC')"
    engine.execute(f"DROP VIEW IF EXISTS {db}.spans")
    engine.execute(f"TRUNCATE TABLE {db}._routes")
    constants, _ = history.load_graphs(db, acme.catalog)
    spans = next(
        s
        for s in schema.statements(schema.VIEWS, db=db, clock=clock, **constants)
        if s.startswith(f"CREATE VIEW {db}.spans ")
    )
    engine.execute(spans)
    found = engine.rows(
        f"SELECT {store.SPAN_COLUMNS} FROM {db}.spans ORDER BY run_uuid, execution_index"
    )
    return sorted((store.wire(row) for row in found), key=order)


def order(span: dict[str, object]) -> tuple[str, int]:
    return str(span["runUuid"]), int(str(span["executionIndex"]))


def python_at(acme: Workspace, db: str, millis: int) -> list[dict[str, object]]:
    raws = engine.rows(f"SELECT {RAW_COLUMNS} FROM {db}._runs")
    spans = [span for raw in raws for span in spans_of_raw(acme.route_nodes, raw, millis)]
    return sorted(spans, key=order)


def moments(acme: Workspace, db: str) -> list[int]:
    """Now, and moments when live runs are inside their second node (executions pending)."""
    inside = engine.rows(
        f"SELECT toUnixTimestamp64Milli(started_at) + _millis[1] + 1 AS moment "
        f"FROM {db}._runs WHERE live = 1 AND _reached >= 2 ORDER BY created_at LIMIT 2"
    )
    now = int(engine.scalar(f"SELECT toUnixTimestamp64Milli({acme.clock_sql})"))
    return [now, *(row["moment"] for row in inside)]


def test_python_executions_are_the_view_rows_at_every_moment(acme: Workspace, frozen: str) -> None:
    checked = 0
    statuses: set[object] = set()
    for millis in moments(acme, frozen):
        expected = view_at(acme, frozen, millis)
        got = python_at(acme, frozen, millis)
        assert len(got) == len(expected)
        for mine, theirs in zip(got, expected, strict=True):
            assert mine == theirs
        checked += len(got)
        statuses |= {span["executionStatus"] for span in got}
    assert checked > 10_000
    assert statuses == {"pending", "success", "error"}


def test_a_cancelled_run_ends_on_an_error_execution(acme: Workspace, frozen: str) -> None:
    millis = moments(acme, frozen)[0]
    cancelled = engine.rows(
        f"SELECT {RAW_COLUMNS} FROM {frozen}._runs WHERE _status = 'cancelled' AND _reached > 0 "
        f"LIMIT 5"
    )
    assert cancelled, "the demo history holds a cancelled batch"
    expected = {(s["runUuid"], s["executionIndex"]): s for s in view_at(acme, frozen, millis)}
    for raw in cancelled:
        spans = spans_of_raw(acme.route_nodes, raw, millis)
        assert spans[-1]["executionErrorMessage"] == "Run cancelled"
        for span in spans:
            assert span == expected[(span["runUuid"], span["executionIndex"])]


def test_a_page_shows_the_executions_the_spans_endpoint_lists(sandbox: ThreadedSandbox) -> None:
    import httpx

    with httpx.Client(
        base_url=sandbox.base_url, headers={"authorization": f"Bearer {sandbox.token}"}
    ) as client:
        batch = client.get(
            "/orchestration/batches/list", params={"statuses[]": "success", "limit": 1}
        ).json()["batches"][0]
        page = client.post(
            "/orchestration/runs/list", json={"batchUuid": batch["uuid"], "limit": 5}
        ).json()["runs"]
        for run in page:
            spans = client.post(
                "/orchestration/spans/list",
                json={"runUuid": run["uuid"], "executionStartedAfter": "2000-01-01T00:00:00Z"},
            ).json()["spans"]
            listed = sorted(spans, key=lambda s: s["executionIndex"])
            assert [e["nodeUuid"] for e in run["executions"]] == [s["nodeUuid"] for s in listed]
            assert [e["status"] for e in run["executions"]] == [
                s["executionStatus"] for s in listed
            ]
            assert [e["title"] for e in run["executions"]] == [s["executionTitle"] for s in listed]
            assert [e["startedAt"] for e in run["executions"]] == [
                s["executionStartedAt"] for s in listed
            ]
    assert page


def test_moments_format_as_the_view_writes_them() -> None:
    from datetime import UTC, datetime

    from tui.sandbox.executions import iso_ms

    moment = datetime(2026, 11, 27, 14, 2, 11, 123000, tzinfo=UTC)
    millis = int(moment.timestamp() * 1000)
    assert iso_ms(millis) == "2026-11-27T14:02:11.123Z"
    assert iso_ms(millis - 123) == "2026-11-27T14:02:11.000Z"
    assert engine.iso_from_ch(ch_time(moment)) == iso_ms(millis)


def test_a_batch_uses_the_credits_its_executions_used(acme: Workspace) -> None:
    """A batch bills its executions' provider credits and 0.01 per execution, failed ones
    too; failing executions use no provider credit; an agent that times out takes its 60 s."""
    mismatched = engine.scalar(
        f"SELECT count() FROM (SELECT b.uuid, any(b.credits_used_count) AS batch, "
        f"sum(s.execution_credits_used_count) AS spans, count() AS executions "
        f"FROM {acme.db}.batches AS b "
        f"INNER JOIN {acme.db}.spans AS s ON s.batch_uuid = b.uuid WHERE b.finished_at IS NOT NULL "
        f"GROUP BY b.uuid HAVING abs(batch - (spans + executions / 100)) > 0.005)"
    )
    assert mismatched == 0
    charged = engine.scalar(
        f"SELECT countIf(execution_credits_used_count > 0) FROM {acme.db}.spans "
        f"WHERE execution_status = 'error'"
    )
    assert charged == 0
    timeouts = engine.rows(
        f"SELECT dateDiff('millisecond', execution_started_at, execution_finished_at) AS took "
        f"FROM {acme.db}.spans WHERE execution_error_message = 'Agent timed out after 60s'"
    )
    assert timeouts and {row["took"] for row in timeouts} == {60_000}
    durations = engine.scalar(
        f"SELECT uniqExact(dateDiff('millisecond', execution_started_at, execution_finished_at)) "
        f"FROM {acme.db}.spans WHERE node_slug = 'clearbit_enrich' AND execution_status = 'success'"
    )
    assert durations > 50, "durations vary around the node's typical time"


def test_many_runs_are_looked_up_in_chunks(
    acme: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run.download of ~7,000 runs once failed: one query naming them all passed chDB's
    max_query_size. Chunked lookups give the same spans as one."""
    from tui.sandbox import executions

    runs = engine.rows(
        f"SELECT toString(uuid) AS uuid, toString(batch_uuid) AS batchUuid, "
        f"formatDateTime(created_at, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') AS createdAt "
        f"FROM {acme.db}._runs ORDER BY created_at LIMIT 50"
    )
    whole = executions.spans_of(acme, runs, "uuid")
    monkeypatch.setattr(executions, "RAW_CHUNK", 7)
    assert executions.spans_of(acme, runs, "uuid") == whole
    assert len({span["runUuid"] for span in whole}) == 50
