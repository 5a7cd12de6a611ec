"""The workflow view's drill-down: the workflow it shows (its owner, its release), the batch
selected, and the way down from each tab to the runs (a batch's, those that failed at a node,
a failure group's) and to the release comparison; what ``y``, ``e`` and ``Y`` take there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

from textual import on, work

from tui import clock
from tui.api.models import graph_text
from tui.api.models.runs import Batch, Run
from tui.api.run_scope import RunScope
from tui.screens.base import renders
from tui.screens.navigation import OpenReleaseDiff, OpenRun, OpenRuns
from tui.screens.runs_query import RunsQuery
from tui.screens.runs_view import RunsView
from tui.screens.workflow.batches import BatchesPane
from tui.screens.workflow.context import WorkflowContext, resolve
from tui.screens.workflow.exports import Exports, give_copy, offer_export
from tui.screens.workflow.failure_groups import FailureGroup
from tui.screens.workflow.failures import FailuresPane
from tui.screens.workflow.metrics import MetricsPane
from tui.screens.workflow.outputs import OutputsPane
from tui.screens.workflow.tabs import WorkflowTabs
from tui.state import lineage
from widgets.breadcrumb import Breadcrumb
from widgets.fitting import FitLine, clip
from widgets.humanize import short_uuid, when

if TYPE_CHECKING:
    from tui.screens.workflow.screen import WorkflowScreen


class WorkflowDrilldown(WorkflowTabs):
    """The drill-down of :class:`~tui.screens.workflow.screen.WorkflowScreen` (over its tabs)."""

    #: What to do once the workflow is known (a pasted command line's view).
    _then: Callable[[WorkflowScreen], Awaitable[None]] | None
    context: WorkflowContext | None
    #: A batch chosen for this screen by other means than the cursor (a pasted line's).
    _pinned_batch: Batch | None
    #: New batch uuid -> the batch it re-ran (kept in local state by the re-run dialog).
    lineage: dict[str, str]

    @work(exclusive=True, group="context", exit_on_error=False)
    async def load_context(self) -> WorkflowContext:
        client = await self.session.connect()
        if self.session.whoami is not None:
            self.lineage.update(lineage.load(self.session.whoami.workspace.uuid))
        return await resolve(client, self.session.discovered, self.context_uuid)

    @renders(WorkflowContext)
    def _context_known(self, context: WorkflowContext) -> None:
        self.context = context
        self._describe(context)
        then, self._then = self._then, None
        if then is not None:
            self.run_worker(then(cast("WorkflowScreen", self)), group="then", exit_on_error=False)

    def _describe(self, context: WorkflowContext) -> None:
        self.crumbs = context.crumbs
        runs = self.query_one(RunsView)
        runs.context, runs.crumbs = context, (*context.crumbs, "Runs")
        self.query_one(Breadcrumb).parts = self.crumbs
        # The release and its graph are what this line is for: the uuid gives way first
        # (Discovery shows it, y copies it from the other tabs), then the graph's end (the
        # Metrics tab lists every node).
        release = f"{context.release_label} · {graph_text(context.nodes)}"
        self.query_one("#workflow-summary", FitLine).forms = (
            f"workflow {context.uuid} · {release}",
            f"workflow {short_uuid(context.uuid)} · {release}",
            release,
        )
        output = context.output_node
        self.query_one(OutputsPane).set_nodes(
            [n.slug for n in context.nodes], output.slug if output else None
        )

    @property
    def selected_batch(self) -> Batch | None:
        """The batch under the Batches tab's cursor (or one a pasted command line named)."""
        return self._pinned_batch or self.query_one(BatchesPane).selected

    @selected_batch.setter
    def selected_batch(self, batch: Batch | None) -> None:
        self._pinned_batch = batch

    @on(BatchesPane.Highlighted)
    def _batch_highlighted(self) -> None:
        self._pinned_batch = None

    @on(BatchesPane.Opened)
    def _batch_opened(self, event: BatchesPane.Opened) -> None:
        self.open_runs(event.batch)

    @on(MetricsPane.NodeOpened)
    def _node_opened(self, event: MetricsPane.NodeOpened) -> None:
        self.open_failed_at(event.node_uuid, event.release_uuid)

    @on(FailuresPane.GroupOpened)
    def _group_opened(self, event: FailuresPane.GroupOpened) -> None:
        self.open_failure_group(event.group)

    def uuid_target(self) -> tuple[str, str] | None:
        batch = self.selected_batch if self.active_tab == "batches" else None
        if batch is not None:
            return (self._crumb(batch).lower(), batch.uuid)
        owner = f" of {self.context.owner_name}" if self.context else ""
        return (f"the workflow{owner}", self.context_uuid)

    @property
    def active_pane(self) -> Exports:
        """The pane of the tab shown: it says what ``e`` exports and ``Y`` copies there."""
        pane = self.query_one(f"#workflow-tabs TabPane#{self.active_tab}").children[0]
        if not isinstance(pane, Exports):
            raise TypeError(f"the {self.active_tab} tab's pane exports nothing")
        return pane

    def action_export(self) -> None:
        """The batch's output, the node's outputs, or the tab's rows in view, to a file."""
        offer_export(self, self.active_pane.export_source())

    def action_copy_rows(self) -> None:
        """The selected batch as JSON, or the tab's rows in view as TSV."""
        give_copy(self, self.active_pane.copy_source())

    # -- the way down ----------------------------------------------------------------------

    def _crumb(self, batch: Batch) -> str:
        if batch.created_at is None:
            return f"Batch {short_uuid(batch.uuid)}"
        return f"Batch {when(batch.created_at, clock.now())}"

    def _push_runs(
        self, batch: Batch | None, tab: str, label: str | None = None, **kw: Any
    ) -> None:
        query = RunsQuery(
            workflow_uuid=self.context_uuid, batch_uuid=batch.uuid if batch else None, **kw
        )
        crumbs = [*self.crumbs]
        if batch is not None:
            crumbs.append(self._crumb(batch))
        if label:
            crumbs.append(label)
        self.post_message(OpenRuns(self.context, query, tuple(crumbs), tab))

    def open_runs(self, batch: Batch) -> None:
        self._push_runs(batch, "failed" if batch.failed_runs_count else "all")

    def open_run(self, run: Run) -> None:
        """A run of this workflow, its detail over this screen."""
        title = run.record_title or run.uuid
        self.post_message(OpenRun(self.context, run.uuid, (*self.crumbs, title)))

    def open_failed_at(self, node_uuid: str, release_uuid: str | None = None) -> None:
        """The runs that failed at a node (of the batch or the release the metrics show)."""
        slug = self.context.node_name(node_uuid) if self.context else node_uuid
        batch = self.selected_batch if self.query_one(MetricsPane).scope().batch_uuid else None
        scope = RunScope(release_uuid=release_uuid)
        self._push_runs(batch, "failed", f"failed at {slug}", failed_at=slug, scope=scope)

    def open_failure_group(self, group: FailureGroup) -> None:
        batch = self.selected_batch if self.query_one(FailuresPane).scope == "batch" else None
        label = f"{group.node_slug}: {clip(group.label, 40)}"
        contains = group.contains or None
        self._push_runs(batch, "failed", label, failed_at=group.node_slug, error_contains=contains)

    def action_compare_releases(self) -> None:
        """``=``: the release picker; on a batch, its release and the one before are marked."""
        batch = self.selected_batch if self.active_tab == "batches" else None
        anchor = batch.release_uuid if batch else None
        name = self.context.owner_name if self.context else ""
        self.post_message(OpenReleaseDiff(self.context_uuid, anchor=anchor, title=name))

    def learn_lineage(self, links: dict[str, str]) -> bool:
        """Keep the links between re-runs and their batches that Cargo's runs told (its
        batches do not say, when a re-run names its runs by uuid); whether any was new."""
        new = {k: v for k, v in links.items() if self.lineage.get(k) != v}
        who = self.session.whoami
        for batch, source in new.items():
            self.lineage[batch] = source
            if who is not None:
                lineage.remember(who.workspace.uuid, batch, source)
        return bool(new)
