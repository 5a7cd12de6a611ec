"""The workflow view: its play or tool, its release, and tabs Batches | Metrics | Failures |
Outputs. Batches lead to runs; metrics and failures lead to the runs that failed."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static, TabbedContent, TabPane

from tui import clock
from tui.api.models.runs import Batch
from tui.screens.base import CargoScreen
from tui.screens.runs import RunsQuery, RunsScreen
from tui.screens.workflow.batches import BatchesPane
from tui.screens.workflow.context import WorkflowContext, resolve
from tui.screens.workflow.failure_groups import FailureGroup
from tui.screens.workflow.failures import FailuresPane
from tui.screens.workflow.metrics import MetricsPane
from tui.screens.workflow.outputs import OutputsPane
from widgets.breadcrumb import Breadcrumb
from widgets.humanize import short_uuid, when


class WorkflowScreen(CargoScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("b", "tab('batches')", "Batches", show=False, id="tab-batches"),
        Binding("m", "tab('metrics')", "Metrics", show=False, id="tab-metrics"),
        Binding("f", "tab('failures')", "Failures", show=False, id="tab-failures"),
        Binding("o", "tab('outputs')", "Outputs", show=False, id="tab-outputs"),
        Binding("y", "copy_uuid", "Copy uuid", id="copy-uuid"),
    ]

    def __init__(self, workflow_uuid: str) -> None:
        super().__init__()
        self.context_uuid = workflow_uuid
        self.context: WorkflowContext | None = None
        self.selected_batch: Batch | None = None
        #: New batch uuid -> the batch it re-ran (kept in local state by the re-run dialog).
        self.lineage: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("", id="workflow-summary")
        with TabbedContent(id="workflow-tabs", initial="batches"):
            with TabPane("Batches", id="batches"):
                yield BatchesPane(self.context_uuid)
            with TabPane("Metrics", id="metrics"):
                yield MetricsPane()
            with TabPane("Failures", id="failures"):
                yield FailuresPane()
            with TabPane("Outputs", id="outputs"):
                yield OutputsPane()
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.load_context()
        self.query_one("#batches-table").focus()

    @property
    def active_tab(self) -> str:
        return str(self.query_one("#workflow-tabs", TabbedContent).active)

    def action_tab(self, tab: str) -> None:
        self.query_one("#workflow-tabs", TabbedContent).active = tab

    @work(exclusive=True, group="context", exit_on_error=False)
    async def load_context(self) -> WorkflowContext:
        client = await self.cargo.connect()
        return await resolve(client, self.cargo.discovered, self.context_uuid)

    def show_result(self, group: str, result: Any) -> None:
        if group == "context":
            self.context = result
            self._describe(result)

    def _describe(self, context: WorkflowContext) -> None:
        self.crumbs = context.crumbs
        self.query_one(Breadcrumb).parts = self.crumbs
        nodes = " → ".join(n.slug for n in context.nodes)
        self.query_one("#workflow-summary", Static).update(
            f"workflow {context.uuid} · {context.release_label} · {nodes}"
        )
        output = context.output_node
        self.query_one(OutputsPane).set_nodes(
            [n.slug for n in context.nodes], output.slug if output else None
        )

    @on(TabbedContent.TabActivated, "#workflow-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id
        if tab == "metrics":
            self.query_one(MetricsPane).load()
        elif tab == "failures":
            self.query_one(FailuresPane).load()

    def batch_selected(self, batch: Batch | None) -> None:
        self.selected_batch = batch

    def action_refresh(self) -> None:
        tab = self.active_tab
        if tab == "batches":
            self.query_one(BatchesPane).refresh_now()
        elif tab == "metrics":
            self.query_one(MetricsPane).load()
        elif tab == "failures":
            self.query_one(FailuresPane).load()
        elif tab == "outputs":
            self.query_one(OutputsPane).load()

    def action_copy_uuid(self) -> None:
        batch = self.selected_batch if self.active_tab == "batches" else None
        uuid = batch.uuid if batch else self.context_uuid
        self.app.copy_to_clipboard(uuid)
        self.notify(f"Copied {'batch' if batch else 'workflow'} uuid {uuid}", timeout=3)

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
        self.app.push_screen(RunsScreen(self.context, query, tuple(crumbs), tab))

    def open_runs(self, batch: Batch) -> None:
        self._push_runs(batch, "failed" if batch.failed_runs_count else "all")

    def open_failed_at(self, node_uuid: str) -> None:
        slug = self.context.node_name(node_uuid) if self.context else node_uuid
        batch = self.selected_batch if self.query_one(MetricsPane).scope().batch_uuid else None
        self._push_runs(batch, "failed", f"failed at {slug}", failed_at=slug)

    def open_failure_group(self, group: FailureGroup) -> None:
        batch = self.selected_batch if self.query_one(FailuresPane).scope == "batch" else None
        label = f"{group.node_slug}: {group.message[:40]}"
        contains = group.contains or None
        self._push_runs(batch, "failed", label, failed_at=group.node_slug, error_contains=contains)
