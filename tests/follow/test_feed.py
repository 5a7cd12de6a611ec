"""Follow mode's feed, its polls answered by a fake server that counts failures as the query
does (by workflow, normalised error and minute, since the poll's start): the server's now is
the only clock, moved by the test."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from tui.state.follow.feed import Feed
from tui.state.follow.query import WINDOW, BatchState, Bucket, Poll, since_after

T0 = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
WF_A, WF_B = "a" * 8 + "-0000-4000-8000-" + "0" * 12, "b" * 8 + "-0000-4000-8000-" + "0" * 12


@dataclass
class Server:
    now: datetime = T0
    #: (workflow, normalised error, when it failed, run)
    failures: list[tuple[str, str, datetime, str]] = field(default_factory=list)
    batches: dict[str, BatchState] = field(default_factory=dict)

    def fail(self, workflow: str, message: str, seconds_ago: float = 0, times: int = 1) -> None:
        for _ in range(times):
            at = self.now - timedelta(seconds=seconds_ago)
            self.failures.append((workflow, message, at, f"run-{len(self.failures)}"))

    def poll(self, feed: Feed) -> Poll:
        """What the follow query answers for ``feed``'s next poll."""
        since = max(feed.since or self.now - WINDOW, self.now - WINDOW)
        found: dict[tuple[str, str, datetime], list[tuple[datetime, str]]] = defaultdict(list)
        for workflow, message, at, run in self.failures:
            if since <= at <= self.now:
                found[(workflow, message, at.replace(second=0, microsecond=0))].append((at, run))
        buckets = [
            Bucket(w, m, minute, len(runs), max(runs)[0], max(runs)[1], "b", m)
            for (w, m, minute), runs in found.items()
        ]
        watched = [self.batches[u] for u in feed.watched_batches if u in self.batches]
        return Poll(self.now, since, buckets, watched)

    def apply(self, feed: Feed, seconds: float = 0):  # type: ignore[no-untyped-def]
        self.now += timedelta(seconds=seconds)
        return feed.apply(self.poll(feed))


def test_the_first_poll_shows_the_hour_newest_first_and_nothing_is_new() -> None:
    server, feed = Server(), Feed()
    server.fail(WF_A, "Invalid domain", 50 * 60, times=4)
    server.fail(WF_A, "Invalid domain", 10 * 60, times=2)
    server.fail(WF_B, "Timeout", 3 * 60)
    server.fail(WF_B, "Timeout", 2 * 3600)  # before the hour
    assert feed.since is None  # the first poll asks for the whole window
    server.apply(feed)
    rows = feed.rows()
    assert [(r.workflow_uuid, r.recent, r.hour, r.new) for r in rows] == [
        (WF_B, 1, 1, 0),
        (WF_A, 2, 6, 0),
    ]
    assert feed.totals() == (3, 7)
    assert rows[1].run_uuid == "run-5"  # the group's newest run
    assert feed.since == since_after(T0) == datetime(2026, 11, 27, 14, 58, tzinfo=UTC)


def test_later_polls_count_their_minutes_again_and_only_what_arrived_is_new() -> None:
    server, feed = Server(), Feed()
    server.fail(WF_A, "Invalid domain", 30, times=3)
    server.apply(feed)
    server.apply(feed, 30)  # nothing arrived: nothing new, the minutes counted again
    assert [(r.hour, r.new) for r in feed.rows()] == [(3, 0)]
    server.fail(WF_A, "Invalid domain", 0, times=2)
    server.fail(WF_B, "Timeout")
    server.apply(feed, 1)
    by_workflow = {r.workflow_uuid: r for r in feed.rows()}
    assert (by_workflow[WF_A].hour, by_workflow[WF_A].new) == (5, 2)
    assert by_workflow[WF_B].new == 1 and by_workflow[WF_B].fresh
    server.apply(feed, 10)
    assert {r.workflow_uuid: r.new for r in feed.rows()} == {WF_A: 2, WF_B: 1}
    assert not any(r.fresh for r in feed.rows())


def test_a_failure_recorded_late_is_counted_by_the_next_poll() -> None:
    """A run that failed before the last poll but was written after it: the overlap sees it."""
    server, feed = Server(), Feed()
    server.apply(feed)
    server.now += timedelta(seconds=45)
    server.fail(WF_A, "Timeout", 50)  # failed 5 s before the last poll, written only now
    server.apply(feed)
    assert [(r.hour, r.new) for r in feed.rows()] == [(1, 1)]


def test_the_window_slides_minutes_leave_the_15_minutes_then_the_hour() -> None:
    server, feed = Server(), Feed()
    server.fail(WF_A, "Invalid domain", 5 * 60, times=4)
    server.apply(feed)
    assert feed.totals() == (4, 4)
    server.apply(feed, 20 * 60)
    assert feed.totals() == (0, 4)
    server.apply(feed, 37 * 60)
    assert feed.totals() == (0, 0) and feed.rows() == [] and not feed.buckets


def test_a_poll_after_a_long_pause_loses_nothing_of_the_hour() -> None:
    """Paused for 40 minutes: the next poll counts from where the last stopped."""
    server, feed = Server(), Feed()
    server.fail(WF_A, "Invalid domain", 60)
    server.apply(feed)
    server.now += timedelta(minutes=10)
    server.fail(WF_A, "Invalid domain", 0, times=6)
    server.now += timedelta(minutes=30)
    server.fail(WF_A, "Invalid domain", 0, times=2)
    server.apply(feed)
    (row,) = feed.rows()
    assert (row.recent, row.hour, row.new) == (2, 9, 8)


def test_a_watched_batch_rings_once_when_it_finishes() -> None:
    server, feed = Server(), Feed()
    assert feed.watch_batch("b1", WF_A, "Enrich · batch today 14:02")
    assert feed.watched_batches == ["b1"] and feed.watching
    server.batches["b1"] = BatchState("b1", WF_A, "running", runs=10, done=4, failed=1)
    assert server.apply(feed) == []
    server.batches["b1"] = BatchState("b1", WF_A, "success", runs=10, done=10, failed=3)
    (alert,) = server.apply(feed, 10)
    assert alert.title == "Batch finished: success"
    assert alert.body == "Enrich · batch today 14:02: 10 of 10 runs ran, 3 failed"
    assert feed.watched_batches == []  # no longer asked about
    assert server.apply(feed, 10) == []
    assert not feed.watch_batch("b1", WF_A, "again")  # W again: no longer watched
    assert "b1" not in feed.batches


def test_a_watched_workflow_rings_when_it_passes_the_threshold_then_once_more_after() -> None:
    server, feed = Server(), Feed(threshold=5)
    feed.watch_workflow(WF_A, "Enrich")
    server.fail(WF_A, "x", 30, times=4)
    assert server.apply(feed) == []
    server.fail(WF_A, "x", 0, times=2)
    (alert,) = server.apply(feed, 1)
    assert alert.title == "Enrich: 6 failures in 15 min"
    server.fail(WF_A, "x")
    assert server.apply(feed, 30) == []  # still over: it rang already
    assert server.apply(feed, 20 * 60) == []  # the failures left the 15 minutes: re-armed
    server.fail(WF_A, "y", 0, times=5)
    assert len(server.apply(feed, 1)) == 1
    # Another workflow's failures, however many, never ring for this one.
    feed.set_threshold(100)
    server.fail(WF_B, "z", 0, times=150)
    assert server.apply(feed, 1) == []


def test_a_lower_threshold_rings_at_the_next_poll() -> None:
    server, feed = Server(), Feed(threshold=50)
    feed.watch_workflow(WF_A, "Enrich")
    server.fail(WF_A, "x", 60, times=8)
    assert server.apply(feed) == []
    feed.set_threshold(8)
    assert len(server.apply(feed, 5)) == 1
    with pytest.raises(ValueError, match="1 or more"):
        feed.set_threshold(0)
