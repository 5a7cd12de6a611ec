"""The poll's one query, asked of the sandbox as of Cargo: failures by workflow and normalised
error per minute, the watched batches, the server's clock."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.follow.conftest import advance, start_failing_batch
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.error_text import normalise
from tui.state.follow.query import WINDOW, Poll, follow_sql, read_poll


def ask(http: httpx.Client, sql: str) -> Poll:
    answer = http.post("/orchestration/query", json={"query": sql})
    assert answer.status_code == 200, answer.text
    return read_poll(answer.json()["rows"])


def test_a_batch_that_fails_as_it_runs_shows_in_the_polls(
    live: ThreadedSandbox, http: httpx.Client
) -> None:
    first = ask(http, follow_sql(None))
    assert first.server_now == live.world.clock()
    assert first.since == first.server_now - WINDOW
    batch = start_failing_batch(http)
    uuid = str(batch["uuid"])
    advance(live, 4)
    second = ask(http, follow_sql(first.server_now - timedelta(minutes=2), [uuid]))
    (state,) = second.batches
    assert state.uuid == uuid and state.status == "running" and 0 < state.done < 200
    ours = [b for b in second.buckets if b.batch_uuid == uuid]
    assert ours, "no failure of the new batch was counted"
    assert sum(b.failures for b in ours) == state.failed
    for found in ours:  # grouped by the normalised error, as the Failures tab groups them
        assert found.message == normalise(found.example)
        assert found.workflow_uuid == batch["workflowUuid"]
    advance(live, 120)
    third = ask(http, follow_sql(second.server_now - timedelta(minutes=2), [uuid]))
    (state,) = third.batches
    assert state.finished and state.done == 200
    assert sum(b.failures for b in third.buckets if b.batch_uuid == uuid) == state.failed


def test_a_poll_reads_a_window_not_the_history(live: ThreadedSandbox, http: httpx.Client) -> None:
    """A ``created_at`` bound on every poll: the same question without it reads every run."""
    sql = follow_sql(None)
    assert "created_at >= (now64(3) - INTERVAL 3600 SECOND) - INTERVAL 3600 SECOND" in sql
    caps = live.world.caps
    total = http.post("/orchestration/query", json={"query": "SELECT count() AS n FROM runs"})
    runs = int(total.json()["rows"][0]["n"])
    saved = caps["max_rows_to_read"]
    caps["max_rows_to_read"] = runs // 2  # the history could not be read under it
    try:
        unbounded = http.post(
            "/orchestration/query",
            json={"query": "SELECT count() FROM runs WHERE status = 'error'"},
        )
        assert unbounded.status_code == 400 and "tooManyRowsRead" in unbounded.text
        ask(http, sql)
    finally:
        caps["max_rows_to_read"] = saved


def test_a_watched_batch_must_be_a_uuid() -> None:
    with pytest.raises(ValueError, match="not a uuid"):
        follow_sql(None, ["x' OR 1=1 --"])
