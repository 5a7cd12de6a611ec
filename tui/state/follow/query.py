"""The one query a poll of follow mode asks, and its answer read.

A poll asks, in one ``POST /orchestration/query``, for three things (``UNION ALL``, one
``part`` column says which each row is):

- ``failures``: the workspace's failed runs since ``since``, counted by workflow, normalised
  error and the minute they failed in (the newest run of each, and an example message);
- ``batch``: the state of each watched batch;
- ``clock``: the server's now and the ``since`` it used, so the next poll starts from the
  server's time, never the client's (a sandbox's clock, a skewed laptop).

The window slides: the first poll reads the last hour, each later one only from a couple of
minutes before the previous poll's now (those minutes are counted again whole, so a run that
lands late is not lost), and never more than the hour. Runs are bounded by ``created_at`` too,
the column the service prunes on: a poll reads an hour or two of runs, far under the scan cap
whatever the workspace's history. A run that took longer than :data:`LATE` to fail is not seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tui.state.error_text import normalise_sql

#: What follow mode counts over: the last hour, and the last 15 minutes of it.
WINDOW = timedelta(hours=1)
RECENT = timedelta(minutes=15)
#: Minutes each poll counts again (runs whose failure was recorded after the last poll).
OVERLAP = timedelta(minutes=2)
#: How long before the window a failing run may have been created and still be seen.
LATE = timedelta(hours=1)
#: The failure buckets one answer holds at most (the service answers 10,000 rows at most).
MAX_BUCKETS = 5000

TERMINAL = ("success", "error", "cancelled", "skipped")
_HEX = frozenset("0123456789abcdef-")


def _uuid(text: str) -> str:
    value = text.strip().lower()
    if len(value) != 36 or not set(value) <= _HEX:
        raise ValueError(f"not a uuid: {text!r}")
    return value


def _moment(at: datetime) -> str:
    text = at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    return f"toDateTime64('{text}', 3, 'UTC')"


def since_after(server_now: datetime) -> datetime:
    """Where the poll after one answered at ``server_now`` starts: a whole minute, a little
    before (:data:`OVERLAP`)."""
    return (server_now - OVERLAP).replace(second=0, microsecond=0)


#: (Its columns' names are no column's of ``runs``: ClickHouse reads an alias of the select
#: list in the WHERE clause, and ``'' AS status`` would have been the status filtered on.)
def follow_sql(since: datetime | None, watched: list[str] | tuple[str, ...] = ()) -> str:
    """The poll's query: failures since ``since`` (None: the last hour), the ``watched``
    batches' states, and the server's clock."""
    window = f"now64(3) - INTERVAL {int(WINDOW.total_seconds())} SECOND"
    start = window if since is None else f"greatest({_moment(since)}, {window})"
    late = int(LATE.total_seconds())
    times = "toDateTime64({}, 3, 'UTC')"
    parts = [
        f"""(SELECT 'failures' AS part, toString(workflow_uuid) AS workflow,
    {normalise_sql("error_message")} AS message,
    {times.format("toStartOfMinute(finished_at)")} AS minute,
    {times.format("max(finished_at)")} AS last_seen,
    toUInt64(count()) AS failures, toUInt64(0) AS batch_runs, toUInt64(0) AS batch_done,
    toString(argMax(uuid, finished_at)) AS run, toString(argMax(batch_uuid, finished_at)) AS batch,
    substring(ifNull(argMax(error_message, finished_at), ''), 1, 500) AS example, '' AS batch_status
FROM runs
WHERE status = 'error'
  AND created_at >= ({start}) - INTERVAL {late} SECOND
  AND finished_at >= ({start})
GROUP BY workflow, message, minute
ORDER BY minute DESC
LIMIT {MAX_BUCKETS})"""  # noqa: S608 - every value in it is a checked uuid or a formatted time
    ]
    if watched:
        uuids = ", ".join(f"'{_uuid(u)}'" for u in watched)
        parts.append(
            f"""(SELECT 'batch', toString(workflow_uuid), '', {times.format("created_at")},
    {times.format("ifNull(finished_at, updated_at)")},
    toUInt64(failed_runs_count), toUInt64(runs_count), toUInt64(executed_runs_count),
    '', toString(uuid), '', toString(status)
FROM batches WHERE uuid IN ({uuids}))"""  # noqa: S608 - checked uuids
        )
    parts.append(
        f"""(SELECT 'clock', '', '', {times.format(start)}, now64(3),
    toUInt64(0), toUInt64(0), toUInt64(0), '', '', '', '')"""
    )
    return "\nUNION ALL\n".join(parts)


def _time(value: Any) -> datetime:
    """A time as the service writes it (``2026-11-27 14:58:00.000``, UTC)."""
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Bucket:
    """The failures of one workflow with one normalised error in one minute."""

    workflow_uuid: str
    message: str
    minute: datetime
    failures: int
    last_seen: datetime
    run_uuid: str
    batch_uuid: str
    example: str

    @property
    def group(self) -> tuple[str, str]:
        return (self.workflow_uuid, self.message)


@dataclass(frozen=True)
class BatchState:
    """A watched batch as the poll found it."""

    uuid: str
    workflow_uuid: str
    status: str
    runs: int
    done: int
    failed: int

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL


@dataclass(frozen=True)
class Poll:
    """One poll's answer: the server's now, the start of the window it counted, what failed
    since then, the watched batches, and whether the failures were cut at :data:`MAX_BUCKETS`."""

    server_now: datetime
    since: datetime
    buckets: list[Bucket]
    batches: list[BatchState]
    cut: bool = False


def read_poll(rows: list[dict[str, Any]]) -> Poll:
    """The answer of :func:`follow_sql` (ValueError: it has no clock row, or a bad time)."""
    clock = next((r for r in rows if r.get("part") == "clock"), None)
    if clock is None:
        raise ValueError("the follow query answered without its clock row")
    buckets = [
        Bucket(
            workflow_uuid=str(r["workflow"]),
            message=str(r.get("message") or ""),
            minute=_time(r["minute"]),
            failures=int(r.get("failures") or 0),
            last_seen=_time(r["last_seen"]),
            run_uuid=str(r.get("run") or ""),
            batch_uuid=str(r.get("batch") or ""),
            example=str(r.get("example") or ""),
        )
        for r in rows
        if r.get("part") == "failures"
    ]
    batches = [
        BatchState(
            uuid=str(r["batch"]),
            workflow_uuid=str(r["workflow"]),
            status=str(r.get("batch_status") or ""),
            runs=int(r.get("batch_runs") or 0),
            done=int(r.get("batch_done") or 0),
            failed=int(r.get("failures") or 0),
        )
        for r in rows
        if r.get("part") == "batch"
    ]
    return Poll(
        server_now=_time(clock["last_seen"]),
        since=_time(clock["minute"]),
        buckets=buckets,
        batches=batches,
        cut=len(buckets) >= MAX_BUCKETS,
    )
