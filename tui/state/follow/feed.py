"""What follow mode's polls add up to: the failures of the last hour by workflow and
normalised error, what is new since follow mode began, and the watches that ring.

The feed keeps minute buckets (:class:`~tui.state.follow.query.Bucket`), never runs: a poll
replaces the minutes it counted again and the hour slides by dropping the minutes it left, so
memory stays bounded by groups x 60 whatever fails. It has no clock: the server's now, from
each poll, is its time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from tui.state.follow.query import RECENT, WINDOW, BatchState, Bucket, Poll, since_after

#: A watched workflow rings when its failures of the last 15 minutes reach this (settable).
THRESHOLD = 10

Group = tuple[str, str]  # (workflow uuid, normalised error)


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


@dataclass(frozen=True)
class FailureRow:
    """One workflow's failures with one normalised error: a row of the view."""

    workflow_uuid: str
    message: str
    last_seen: datetime
    recent: int
    hour: int
    #: Failures that arrived since follow mode began (its first poll not counted).
    new: int
    #: Some of them arrived with the latest poll.
    fresh: bool
    run_uuid: str
    batch_uuid: str
    example: str


@dataclass(frozen=True)
class Alert:
    """Something watched happened: the bell rings, and the notification says this."""

    title: str
    body: str


@dataclass
class BatchWatch:
    uuid: str
    workflow_uuid: str
    label: str
    state: BatchState | None = None
    rang: bool = False


@dataclass
class WorkflowWatch:
    uuid: str
    label: str
    #: Over the threshold at the last poll (it rings again only once it has fallen under).
    over: bool = False


@dataclass
class Feed:
    threshold: int = THRESHOLD
    buckets: dict[tuple[str, str, datetime], Bucket] = field(default_factory=dict)
    #: The server's now at the last poll (None: no poll answered yet).
    server_now: datetime | None = None
    polls: int = 0
    #: The last answer held as many buckets as one may: the oldest minutes may be missing.
    cut: bool = False
    new: Counter[Group] = field(default_factory=Counter)
    fresh: set[Group] = field(default_factory=set)
    batches: dict[str, BatchWatch] = field(default_factory=dict)
    workflows: dict[str, WorkflowWatch] = field(default_factory=dict)

    # -- polls ---------------------------------------------------------------------------

    @property
    def since(self) -> datetime | None:
        """Where the next poll starts (None: the whole window, nothing polled yet)."""
        return since_after(self.server_now) if self.server_now is not None else None

    @property
    def watched_batches(self) -> list[str]:
        """The batches the next poll asks about: those watched that have not rung."""
        return [w.uuid for w in self.batches.values() if not w.rang]

    def apply(self, poll: Poll) -> list[Alert]:
        """Take a poll's answer; what rings."""
        start = _minute(poll.since)
        before = self._counts(start)
        self.buckets = {k: b for k, b in self.buckets.items() if b.minute < start}
        for bucket in poll.buckets:
            self.buckets[(bucket.workflow_uuid, bucket.message, bucket.minute)] = bucket
        after = self._counts(start)
        self.fresh = set()
        if self.polls:
            for group, total in after.items():
                if total > before.get(group, 0):
                    self.new[group] += total - before.get(group, 0)
                    self.fresh.add(group)
        self.polls += 1
        self.cut = poll.cut
        self.server_now = poll.server_now
        oldest = _minute(poll.server_now - WINDOW)
        self.buckets = {k: b for k, b in self.buckets.items() if b.minute >= oldest}
        kept = {b.group for b in self.buckets.values()}
        self.new = Counter({g: n for g, n in self.new.items() if g in kept})
        return [*self._batch_alerts(poll.batches), *self._threshold_alerts()]

    def _counts(self, start: datetime) -> Counter[Group]:
        counts: Counter[Group] = Counter()
        for bucket in self.buckets.values():
            if bucket.minute >= start:
                counts[bucket.group] += bucket.failures
        return counts

    # -- what the view shows -------------------------------------------------------------

    def rows(self) -> list[FailureRow]:
        """Each group's row, the newest failure first."""
        if self.server_now is None:
            return []
        recent_from = _minute(self.server_now - RECENT)
        latest: dict[Group, Bucket] = {}
        recent: Counter[Group] = Counter()
        hour: Counter[Group] = Counter()
        for bucket in self.buckets.values():
            group = bucket.group
            hour[group] += bucket.failures
            if bucket.minute >= recent_from:
                recent[group] += bucket.failures
            if group not in latest or bucket.last_seen > latest[group].last_seen:
                latest[group] = bucket
        rows = [
            FailureRow(
                workflow_uuid=group[0],
                message=group[1],
                last_seen=top.last_seen,
                recent=recent[group],
                hour=hour[group],
                new=self.new[group],
                fresh=group in self.fresh,
                run_uuid=top.run_uuid,
                batch_uuid=top.batch_uuid,
                example=top.example,
            )
            for group, top in latest.items()
        ]
        return sorted(rows, key=lambda r: (r.last_seen, r.hour), reverse=True)

    def totals(self) -> tuple[int, int]:
        """Failures of the last 15 minutes and of the last hour, every workflow."""
        rows = self.rows()
        return sum(r.recent for r in rows), sum(r.hour for r in rows)

    def recent_of(self, workflow_uuid: str) -> int:
        return sum(r.recent for r in self.rows() if r.workflow_uuid == workflow_uuid)

    # -- watches -------------------------------------------------------------------------

    def watch_batch(self, uuid: str, workflow_uuid: str, label: str) -> bool:
        """Watch a batch, or stop watching it (True: now watched)."""
        if uuid in self.batches:
            del self.batches[uuid]
            return False
        self.batches[uuid] = BatchWatch(uuid, workflow_uuid, label)
        return True

    def watch_workflow(self, uuid: str, label: str) -> bool:
        """Watch a workflow's failures against the threshold, or stop (True: now watched)."""
        if uuid in self.workflows:
            del self.workflows[uuid]
            return False
        self.workflows[uuid] = WorkflowWatch(uuid, label)
        return True

    def set_threshold(self, failures: int) -> None:
        """A new threshold: each watched workflow over it rings at the next poll."""
        if failures < 1:
            raise ValueError("the threshold is a number of failures, 1 or more")
        self.threshold = failures
        for watch in self.workflows.values():
            watch.over = False

    @property
    def watching(self) -> bool:
        return bool(self.watched_batches or self.workflows)

    def _batch_alerts(self, states: list[BatchState]) -> list[Alert]:
        alerts = []
        for state in states:
            watch = self.batches.get(state.uuid)
            if watch is None:
                continue
            watch.state = state
            if state.finished and not watch.rang:
                watch.rang = True
                failed = f", {state.failed:,} failed" if state.failed else ""
                alerts.append(
                    Alert(
                        f"Batch finished: {state.status}",
                        f"{watch.label}: {state.done:,} of {state.runs:,} runs ran{failed}",
                    )
                )
        return alerts

    def _threshold_alerts(self) -> list[Alert]:
        alerts = []
        for watch in self.workflows.values():
            recent = self.recent_of(watch.uuid)
            if recent >= self.threshold and not watch.over:
                alerts.append(
                    Alert(
                        f"{watch.label}: {recent:,} failures in 15 min",
                        f"over the threshold of {self.threshold:,} set in follow mode",
                    )
                )
            watch.over = recent >= self.threshold
        return alerts
