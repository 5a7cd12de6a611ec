"""Which runs a runs list shows (:class:`RunsQuery`: a workflow, maybe a batch, a failure, the
filter), its status tabs and columns, one run as a row, and what its workers bring back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text

from tui import clock
from tui.api.models.runs import Run
from tui.api.run_filters import RunFilter, failed_at
from tui.api.run_scope import RunScope
from widgets.humanize import count, duration, when
from widgets.paged_table import Column, Row
from widgets.status import status_text

if TYPE_CHECKING:
    from tui.api import CargoClient

TABS = {
    "all": ("All", None),
    "failed": ("Failed", ["error"]),
    "running": ("Running", ["idle", "pending", "running", "cancelling"]),
    "succeeded": ("Succeeded", ["success"]),
    "cancelled": ("Cancelled", ["cancelled"]),
}
#: What failed, where and why get the room: the error is never narrower than 32 cells and
#: grows twice as fast as the record (the run detail has the whole message).
COLUMNS = [
    Column("record", "record", 18, flex=1, priority=9),
    Column("id", "record id", 12, priority=3),
    Column("status", "status", 9, priority=8),
    Column("node", "failing node", 15, priority=7),
    Column("error", "error", 32, flex=2, priority=7),
    Column("took", "took", 7, "right", priority=5),
    # Provider credits (the run's executions'); the execution charge is in run detail.
    Column("credits", "prov cr", 7, "right", priority=2),
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


@dataclass(frozen=True)
class RunsPage:
    """The runs from ``offset`` for the table's ``generation``, of ``total`` in the tab."""

    offset: int
    generation: int
    runs: list[Run]
    total: int


@dataclass(frozen=True)
class TabCounts:
    """How many runs each status tab holds, in the order of :data:`TABS`."""

    counts: list[int]


def run_row(run: Run) -> Row:
    failing = run.failing_execution
    error = run.error_message or (failing.error_message if failing else None) or ""
    error = " ".join(error.split())  # one line: a message may hold line breaks
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


@dataclass
class RunCursor:
    """Where a run detail stands in the list it was opened from, for ``[`` and ``]``: the
        list's query and tab, the run's row, and ``known`` (the uuid at a row, if the list has it
    loaded); the rest is fetched.
        ``moved`` tells the list (to keep its cursor on the run shown)."""

    query: RunsQuery
    tab: str
    index: int
    total: int
    known: Callable[[int], str | None] = lambda _: None
    moved: Callable[[int], None] | None = None

    async def step(self, client: CargoClient, step: int) -> str | None:
        """The uuid of the run ``step`` rows away, now the cursor's (None: past either end)."""
        target = self.index + step
        if target < 0 or target >= self.total:
            return None
        uuid = self.known(target)
        if uuid is None:
            page = await client.orchestration.run.list(
                limit=1, offset=target, **self.query.filters(self.tab)
            )
            if not page.runs:
                return None
            uuid = page.runs[0].uuid
        self.index = target
        if self.moved is not None:
            self.moved(target)
        return uuid
