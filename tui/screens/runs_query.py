"""Which runs a runs list shows (:class:`RunsQuery`: a workflow, maybe a batch, a failure, the
filter), its status tabs and columns, and one run as a row."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text

from tui import clock
from tui.api.models.runs import Run
from tui.api.run_filters import RunFilter, failed_at
from tui.api.run_scope import RunScope
from widgets.humanize import count, duration, when
from widgets.paged_table import Column, Row
from widgets.status import status_text

TABS = {
    "all": ("All", None),
    "failed": ("Failed", ["error"]),
    "running": ("Running", ["idle", "pending", "running", "cancelling"]),
    "succeeded": ("Succeeded", ["success"]),
    "cancelled": ("Cancelled", ["cancelled"]),
}
COLUMNS = [
    Column("record", "record", 18, flex=True, priority=9),
    Column("id", "record id", 12, priority=3),
    Column("status", "status", 9, priority=8),
    Column("node", "failing node", 15, priority=7),
    Column("error", "error", 20, flex=True, priority=7),
    Column("took", "took", 7, "right", priority=5),
    Column("credits", "credits", 7, "right", priority=2),
    Column("created", "created", 13, priority=4),
]
PAGE = 100


@dataclass(frozen=True)
class RunsQuery:
    """Which runs: a workflow, maybe a batch, maybe those that failed at a node with an error."""

    workflow_uuid: str
    batch_uuid: str | None = None
    failed_at: str | None = None
    error_contains: str | None = None
    search: str | None = None
    #: The filter bar's (``F``): release, finished, dates, record; statuses too when pasted.
    scope: RunScope = field(default_factory=RunScope)

    def statuses(self, tab: str) -> list[str] | None:
        """The tab's statuses within the filter's (None: any; empty: none can match)."""
        wanted, picked = TABS[tab][1], self.scope.statuses
        if wanted and picked:
            return [status for status in wanted if status in picked]
        return list(wanted or picked) or None

    def filters(self, tab: str) -> RunFilter:
        found = self.scope.with_(statuses=()).filter(self.workflow_uuid)
        if self.batch_uuid:
            found["batch_uuid"] = self.batch_uuid
        statuses = self.statuses(tab)
        if statuses is not None:
            found["statuses"] = statuses
        if self.search:
            found["record_title_or_id"] = self.search
        if self.failed_at:
            found["executions_filter"] = failed_at(self.failed_at, self.error_contains)
        return found


def run_row(run: Run) -> Row:
    failing = run.failing_execution
    error = run.error_message or (failing.error_message if failing else None) or ""
    took = None
    if run.created_at and run.finished_at:
        took = (run.finished_at - run.created_at).total_seconds()
    return Row(
        run.uuid,
        data=run,
        cells=[
            Text(run.record_title or "–"),
            Text(run.record_id or "–"),
            status_text(run.status),
            Text(failing.node_slug or "–" if failing else "–"),
            Text(error, "red" if error else ""),
            duration(took),
            count(run.credits_used_count),
            when(run.created_at, clock.now()),
        ],
    )
