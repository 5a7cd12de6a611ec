"""The runs a run started: a tool node's execution names the run it started in the tool's
workflow (``nodeRunUuid``) and that run's batch (``nodeBatchUuid``); a group's names a batch.

Run detail marks those executions (``find_email ›``), fetches each child in a worker once the
run is shown (never before: the run paints first), then writes the child's status and duration
beside the node, and, when the child failed, where and why under the node's own error. Enter
opens the child: a run in run detail, the breadcrumb grown by the node and ``child run``; a
batch alone as the list of its runs. Escape comes back to the parent as it was left.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.widgets import DataTable

from tui.api.errors import CargoError
from tui.api.models.runs import Batch, Execution, Run
from tui.screens.base import CargoScreen, renders
from tui.screens.navigation import OpenRun, OpenRuns
from tui.screens.runs_query import RunsQuery
from tui.session import Session
from widgets.humanize import duration
from widgets.status import MARKS, STYLES

#: The last crumb of a child run's detail (kept: the record is the parent's, said before it).
CHILD_RUN = "child run"
CHILD_BATCH = "child batch"
#: How many children are fetched at once (a group's execution list can be long).
AT_ONCE = 4


def child_uuid(execution: Execution) -> str | None:
    """What the execution started, by uuid: its run, else its batch (None: nothing)."""
    return execution.node_run_uuid or execution.node_batch_uuid


@dataclass(frozen=True)
class Child:
    """A run or batch a node started, as fetched (``problem``: why it could not be)."""

    uuid: str
    is_run: bool
    status: str | None = None
    seconds: float | None = None
    #: A failed child run: the node it failed at and the error there.
    failed_at: str | None = None
    error: str | None = None
    #: A batch: its workflow (for its runs list), its runs and how many failed.
    workflow_uuid: str | None = None
    runs: int = 0
    failed_runs: int = 0
    problem: str | None = None

    @property
    def what(self) -> str:
        return CHILD_RUN if self.is_run else CHILD_BATCH


@dataclass(frozen=True)
class ChildrenFound:
    """The children of run ``run_uuid``'s executions, by :func:`child_uuid`."""

    run_uuid: str
    children: dict[str, Child]


def _took(start: datetime | None, end: datetime | None) -> float | None:
    return max(0.0, (end - start).total_seconds()) if start and end else None


def of_run(run: Run) -> Child:
    starts = [e.started_at for e in run.executions if e.started_at]
    failing = run.failing_execution
    return Child(
        uuid=run.uuid,
        is_run=True,
        status=str(run.status),
        seconds=_took(min(starts, default=run.created_at), run.finished_at or run.updated_at),
        failed_at=(failing.node_slug or failing.node_uuid) if failing else None,
        error=(failing.error_message or run.error_message) if failing else run.error_message,
    )


def of_batch(batch: Batch) -> Child:
    return Child(
        uuid=batch.uuid,
        is_run=False,
        status=str(batch.status),
        seconds=_took(batch.created_at, batch.finished_at or batch.updated_at),
        workflow_uuid=batch.workflow_uuid,
        runs=batch.runs_count,
        failed_runs=batch.failed_runs_count,
    )


async def fetch_child(session: Session, execution: Execution) -> Child:
    """The child of ``execution``, or what kept it from being fetched."""
    run_uuid, batch_uuid = execution.node_run_uuid, execution.node_batch_uuid
    uuid = run_uuid or batch_uuid or ""
    try:
        client = await session.connect()
        if run_uuid:
            return of_run((await client.orchestration.run.get(run_uuid)).run)
        return of_batch(await client.orchestration.batch.get(uuid))
    except CargoError as error:
        return Child(uuid=uuid, is_run=bool(run_uuid), problem=str(error))


async def fetch_children(session: Session, executions: list[Execution]) -> dict[str, Child]:
    gate = asyncio.Semaphore(AT_ONCE)

    async def one(execution: Execution) -> Child:
        async with gate:
            return await fetch_child(session, execution)

    found = await asyncio.gather(*(one(e) for e in executions if child_uuid(e)))
    return {child.uuid: child for child in found}


# -- how a child is said ------------------------------------------------------------------


def node_label(execution: Execution, child: Child | None) -> Text:
    """The node's cell: its slug, ``›`` when it started something, then the child's status
    mark and duration once known (``find_email › ✖ 0.3s``)."""
    slug = execution.node_slug or execution.node_uuid
    if not child_uuid(execution):
        return Text(slug)
    label = Text.assemble(slug, (" ›", "bold"))
    if child is None:
        label.append(" …", "dim")
    elif child.problem is not None:
        label.append(" ?", "yellow")
    else:
        status = child.status or ""
        label.append(f" {MARKS.get(status, '·')}", STYLES.get(status, ""))
        label.append(f" {duration(child.seconds)}", "dim")
    return label


def child_note(execution: Execution, child: Child | None) -> Text | None:
    """What the error or summary pane adds about the child (None: the node started none)."""
    uuid = child_uuid(execution)
    if uuid is None:
        return None
    what = CHILD_RUN if execution.node_run_uuid else CHILD_BATCH
    note = Text()
    if child is None:
        note.append(f"{what}: loading…", "dim")
    elif child.problem is not None:
        note.append(f"{what} {uuid} could not be fetched: {child.problem}", "yellow")
    elif child.is_run and child.status == "error":
        where = f" at {child.failed_at}" if child.failed_at else ""
        note.append(f"{what} failed{where}: {child.error or 'no message'}", "red")
    else:
        status = child.status or "–"
        note.append(f"{what} ", "bold")
        note.append(status, STYLES.get(status, ""))
        note.append(f" · took {duration(child.seconds)}")
        if not child.is_run:
            note.append(f" · {child.runs} runs, {child.failed_runs} failed")
    note.append(f"\nenter opens the {what}", "dim")
    return note


# -- the screen's part ----------------------------------------------------------------------


class NestedRuns(CargoScreen):
    """Run detail's children: marked in the timeline, fetched after the run, opened by enter.
    The screen keeps ``run_uuid``, ``executions`` (in row order) and ``selected``."""

    run_uuid: str
    executions: list[Execution]
    selected: Execution | None

    def __init__(self) -> None:
        super().__init__()
        self.child_runs: dict[str, Child] = {}

    def node_cell(self, execution: Execution) -> Text:
        uuid = child_uuid(execution)
        return node_label(execution, self.child_runs.get(uuid) if uuid else None)

    def with_child(self, execution: Execution, text: Text) -> Text:
        """The pane's ``text`` with what the node's child says, below it."""
        uuid = child_uuid(execution)
        note = child_note(execution, self.child_runs.get(uuid) if uuid else None)
        return text if note is None else Text("\n").join([text, note])

    def describe_key(self, action: str, node: object) -> str | None:
        """Help's words for enter on the timeline: what it opens from the selected node."""
        if action != "select_cursor" or getattr(node, "id", None) != "timeline":
            return None
        execution = self.selected
        if execution is None or not child_uuid(execution):
            return "Open a tool node's run (this node started none)"
        slug = execution.node_slug or execution.node_uuid
        if execution.node_run_uuid:
            return f"Open the tool run {slug} started"
        return f"Open the batch {slug} started: its runs"

    def crumb_of(self, run: Run) -> str:
        """The run's crumb: its record, unless it was opened as a child (said so)."""
        if self.crumbs[-1:] == (CHILD_RUN,):
            return CHILD_RUN
        return run.record_title or run.record_id or run.uuid

    def look_for_children(self) -> None:
        """Fetch the children of the run shown (stale fetches are dropped)."""
        self.child_runs = {}
        if any(child_uuid(e) for e in self.executions):
            self.fetch_children(self.run_uuid, list(self.executions))

    @work(exclusive=True, group="children", exit_on_error=False)
    async def fetch_children(self, run_uuid: str, executions: list[Execution]) -> ChildrenFound:
        return ChildrenFound(run_uuid, await fetch_children(self.session, executions))

    @renders(ChildrenFound)
    def _children_found(self, found: ChildrenFound) -> None:
        if found.run_uuid != self.run_uuid:
            return
        self.child_runs = found.children
        timeline = self.query_one("#timeline", DataTable)
        for index, execution in enumerate(self.executions):
            if child_uuid(execution):
                timeline.update_cell(
                    str(index), "node", self.node_cell(execution), update_width=True
                )
        if self.selected is not None and child_uuid(self.selected):
            self._show_node(self.selected)

    def _show_node(self, execution: Execution) -> None:
        """Run detail's: the selected node's output and its error or summary pane."""

    @on(DataTable.RowSelected, "#timeline")
    def _open_child(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None:
            return
        execution = self.executions[int(event.row_key.value)]
        slug = execution.node_slug or execution.node_uuid
        if not child_uuid(execution):
            self.notify(f"{slug} started no run or batch.", timeout=3)
            return
        crumbs = (*self.crumbs, f"{slug} ({execution.node_kind or 'node'})")
        if execution.node_run_uuid:
            self.post_message(OpenRun(None, execution.node_run_uuid, (*crumbs, CHILD_RUN)))
        elif execution.node_batch_uuid:
            self.open_batch(execution.node_batch_uuid, (*crumbs, CHILD_BATCH))

    @work(exclusive=True, group="child-batch", exit_on_error=False)
    async def open_batch(self, batch_uuid: str, crumbs: tuple[str, ...]) -> OpenRuns:
        """A batch alone: its runs (its workflow known from the fetch, else fetched now)."""
        known = self.child_runs.get(batch_uuid)
        workflow_uuid = known.workflow_uuid if known else None
        if workflow_uuid is None:
            client = await self.session.connect()
            workflow_uuid = (await client.orchestration.batch.get(batch_uuid)).workflow_uuid
        return OpenRuns(None, RunsQuery(workflow_uuid, batch_uuid), crumbs)

    @renders(OpenRuns)
    def _open_runs(self, message: OpenRuns) -> None:
        self.post_message(message)
