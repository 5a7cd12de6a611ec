"""The workflow view: its play or tool, its release, and tabs Batches | Metrics | Failures |
Outputs. Batches lead to runs; metrics and failures lead to the runs that failed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, TabbedContent, TabPane, Tabs

from tui import clock
from tui.api.errors import RequestError
from tui.api.models import graph_text
from tui.api.models.runs import Batch, Run
from tui.api.run_scope import RunScope
from tui.screens.base import CargoScreen, renders
from tui.screens.navigation import OpenReleaseDiff, OpenRun, OpenRuns
from tui.screens.rerun.cancel import CancelBatchDialog
from tui.screens.rerun.dialog import ReRun, ReRunDialog, named
from tui.screens.rerun.plan import Selection
from tui.screens.runs_query import RunsQuery
from tui.screens.runs_view import RunsView
from tui.screens.workflow.batches import BatchesPane
from tui.screens.workflow.context import WorkflowContext, resolve
from tui.screens.workflow.exports import Exports, give_copy, offer_export
from tui.screens.workflow.failure_groups import FailureGroup
from tui.screens.workflow.failures import FailuresPane
from tui.screens.workflow.metrics import MetricsPane
from tui.screens.workflow.outputs import OutputsPane
from tui.session.discovery import UUID
from tui.state import lineage
from widgets.breadcrumb import Breadcrumb
from widgets.find_bar import FindBar
from widgets.fitting import FitLine, clip
from widgets.footer import Footer
from widgets.humanize import count, plural, short_uuid, when
from widgets.tabbed import Tabbed

#: Each tab's main list, where its keys go: the first of these that the tab holds (the
#: Outputs tab has its Show button until its table is in).
MAIN = {
    "batches": ("#batches-table",),
    "runs": ("#runs-table",),
    "metrics": ("#metrics-pane.-comparing #compare-table", "#metrics-table"),
    "failures": ("#failures-table",),
    "outputs": ("#outputs-table", "#outputs-show"),
}


class WorkflowScreen(CargoScreen):
    AUTO_FOCUS = "#batches-table"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("b", "tab('batches')", "Batches", show=False, id="tab-batches"),
        Binding("u", "tab('runs')", "Runs", show=False, id="tab-runs"),
        Binding("m", "tab('metrics')", "Metrics", show=False, id="tab-metrics"),
        Binding("f", "tab('failures')", "Failures", show=False, id="tab-failures"),
        Binding("o", "tab('outputs')", "Outputs", show=False, id="tab-outputs"),
        Binding("y", "copy_uuid", "Copy uuid", id="copy-uuid"),
        Binding("Y", "copy_rows", "Copy rows", id="copy-json", show=False),
        Binding("slash", "find", "Find", id="filter"),
        Binding("R", "rerun", "Re-run failed", id="rerun"),
        Binding("C", "cancel_batch", "Cancel batch", id="cancel-batch"),
        Binding("e", "export", "Export", id="export"),
        Binding(
            "equals_sign", "compare_releases", "Compare releases", id="compare-releases", show=False
        ),
    ]

    def __init__(
        self,
        workflow_uuid: str,
        *,
        then: Callable[[WorkflowScreen], Awaitable[None]] | None = None,
    ) -> None:
        """``then``: what to do once the workflow is known (a pasted command line's view)."""
        super().__init__()
        self.context_uuid = workflow_uuid
        self._then = then
        self.context: WorkflowContext | None = None
        #: A batch chosen for this screen by other means than the cursor (a pasted line's).
        self._pinned_batch: Batch | None = None
        #: New batch uuid -> the batch it re-ran (kept in local state by the re-run dialog).
        self.lineage: dict[str, str] = {}
        #: A pilot re-run, watched until its batch finishes to say how it went.
        self.pending_pilot: ReRun | None = None
        #: The tab whose data a key started loading before the tab was shown.
        self._loading_early: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FitLine(id="workflow-summary")
        yield FindBar(
            "find a batch by status, health, date or uuid (4+) · enter: next",
            returns_to="#batches-table",
            id="workflow-find",
        )
        with Tabbed(id="workflow-tabs", initial="batches"):
            with TabPane("Batches", id="batches"):
                yield BatchesPane(self.context_uuid)
            with TabPane("Runs", id="runs"):
                yield RunsView(
                    None,
                    RunsQuery(self.context_uuid),
                    ("Workflows", short_uuid(self.context_uuid)),
                    id="workflow-runs",
                    autoload=False,
                )
            with TabPane("Metrics", id="metrics"):
                yield MetricsPane()
            with TabPane("Failures", id="failures"):
                yield FailuresPane()
            with TabPane("Outputs", id="outputs"):
                yield OutputsPane()
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.load_context()  # (AUTO_FOCUS puts the focus on the batches)

    def action_back(self) -> None:
        """Escape closes the innermost thing first: from a field, a select or the tab bar to
        the tab's main list; from the list, back to where the workflow was opened from."""
        main = self.main_list()
        if self.focused is not None and main is not None and self.focused is not main:
            self.set_focus(main)
            return
        self.app.pop_screen()

    @property
    def active_tab(self) -> str:
        return str(self.query_one("#workflow-tabs", TabbedContent).active)

    def action_tab(self, tab: str) -> None:
        # The focus leaves the tab it was in first: TabbedContent shows the tab that holds
        # the focused widget, and would switch straight back.
        self.set_focus(None)
        tabs = self.query_one("#workflow-tabs", TabbedContent)
        shown = tab == tabs.active
        tabs.active = tab
        self.focus_main()
        if not shown:
            # Asked for now, while the tab is laid out and painted, not once it has been (and
            # after the focus: a list that is loading takes none).
            self._loading_early = tab
            self._load_tab(tab)

    def _load_tab(self, tab: str) -> None:
        """What ``tab`` shows, asked for as it is shown."""
        if tab == "runs":
            self.query_one(RunsView).ensure_loaded()
        elif tab == "metrics":
            self.query_one(MetricsPane).load()
        elif tab == "failures":
            self.query_one(FailuresPane).load()
        elif tab == "outputs":
            self.query_one(OutputsPane).warm_up()

    def main_list(self, tab: str | None = None) -> Widget | None:
        """The main list of ``tab`` (the tab shown if None), if it has one yet."""
        tab = tab or self.active_tab
        pane = self.query_one(f"#workflow-tabs TabPane#{tab}")
        for selector in MAIN[tab]:
            found = pane.query(selector)
            if found:
                return found.first()
        return None

    def shows(self, widget: Widget) -> bool:
        """Whether ``widget`` is in the tab shown. A hidden tab asks for nothing (its menus
        say their first value as they mount): it loads once it is shown (``_load_tab``)."""
        shown = self.query_one("#workflow-tabs", TabbedContent).active_pane
        return shown is not None and shown in widget.ancestors

    def focus_main(self) -> None:
        """The keys to the shown tab's main list, whatever had them."""
        main = self.main_list()
        if main is not None:
            self.set_focus(main)

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
            self.run_worker(then(self), group="then", exit_on_error=False)

    @property
    def runs_view(self) -> RunsView:
        return self.query_one(RunsView)

    def show_runs(self, scope: RunScope, tab: str = "all") -> None:
        """The Runs tab, filtered to ``scope``: a status filter that is one of its tabs is
        that tab."""
        from tui.screens.runs_query import TABS

        for key, (_, statuses) in TABS.items():
            if scope.statuses and list(scope.statuses) == statuses:
                tab, scope = key, scope.with_(statuses=())
        view = self.runs_view
        view.tab = tab
        view.query_one("#runs-tabs", Tabs).active = tab
        view.set_scope(scope)
        self.action_tab("runs")

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

    @on(TabbedContent.TabActivated, "#workflow-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id
        if tab != self.active_tab:
            return  # the news of a tab already left (a burst of tab keys)
        focused = self.focused
        tabs = self.query_one("#workflow-tabs")
        if focused is None or (tabs in focused.ancestors and event.pane not in focused.ancestors):
            self.focus_main()  # a click on a tab, or its arrows: the keys go to its list
        early, self._loading_early = self._loading_early, None
        if tab != early:  # (a tab's key asked for its data already)
            self._load_tab(tab)

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

    # -- writes: re-run and cancel -----------------------------------------------------------

    @property
    def owner(self) -> tuple[str, str]:
        context = self.context
        return (
            (context.owner_kind, context.owner_name) if context else ("workflow", self.context_uuid)
        )

    def action_rerun(self) -> None:
        """Re-run the failed runs of what is highlighted: a batch, or a failure group."""
        if self.active_tab == "failures":
            group = self.query_one(FailuresPane).selected_group
            if group is None:
                self.notify("Select a failure group first.", severity="warning")
                return
            batch = self.selected_batch if self.query_one(FailuresPane).scope == "batch" else None
            query = RunsQuery(
                self.context_uuid,
                batch.uuid if batch else None,
                failed_at=group.node_slug,
                error_contains=group.contains or None,
            )
            label = f"{group.node_slug}: {clip(group.label, 50)}"
            source = batch.uuid if batch else None
            filters = query.filters("failed")
            self.open_rerun(Selection(self.context_uuid, label, filters, source_batch_uuid=source))
            return
        batch = self.selected_batch
        if batch is None or not batch.failed_runs_count:
            self.notify("Select a batch with failed runs.", severity="warning")
            return
        filters = RunsQuery(self.context_uuid, batch.uuid).filters("failed")
        label = f"failed runs of {self._crumb(batch)}"
        self.open_rerun(Selection(self.context_uuid, label, filters, source_batch_uuid=batch.uuid))

    def open_rerun(self, selection: Selection) -> None:
        self.app.push_screen(ReRunDialog(selection, self.owner), self.rerun_started)

    def rerun_started(self, result: ReRun | None) -> None:
        if result is None:
            return
        source = result.plan.selection.source_batch_uuid
        who = self.session.whoami
        if source and who is not None:
            lineage.remember(who.workspace.uuid, result.batch.uuid, source)
            self.lineage[result.batch.uuid] = source
        self.pending_pilot = result if result.pilot else None
        what = f"pilot of {len(result.pilot)}" if result.pilot else plural(result.plan.count, "run")
        self.notify(
            f"Re-run started ({what}): batch {short_uuid(result.batch.uuid)} · W watches it",
            timeout=6,
        )
        while self.app.screen is not self:
            self.app.pop_screen()
        self.action_tab("batches")
        self.query_one(BatchesPane).show_new(result.batch)

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

    @on(BatchesPane.Refreshed)
    def _batches_refreshed(self, event: BatchesPane.Refreshed) -> None:
        """After each refresh: says when a pilot has finished, with its success rate."""
        batches = event.batches
        pilot = self.pending_pilot
        if pilot is None:
            return
        now = batches.get(pilot.batch.uuid)
        if now is None or not now.status.is_terminal or pilot.batch.status.is_terminal:
            return
        self.pending_pilot = None
        failed = now.failed_runs_count
        done = max(now.executed_runs_count, len(pilot.pilot))
        source = pilot.plan.source
        rest = (
            f"The rest: R on batch {named(source)}."
            if source is not None
            else "The rest: R again where you started it."
        )
        ok = failed == 0 and done == len(pilot.pilot)
        self.notify(
            f"Pilot {now.uuid[:8]} finished: {done - failed} of {done} succeeded. {rest}",
            title="Pilot re-run" if ok else "Pilot re-run did not succeed",
            severity="information" if ok else "warning",
            timeout=30,
        )

    def action_cancel_batch(self) -> None:
        batch = self.selected_batch
        if batch is None or batch.status.is_terminal:
            self.notify("Select a batch that is still running.", severity="warning")
            return

        def done(cancelled: bool | None) -> None:
            if cancelled:
                self.notify(f"Batch {short_uuid(batch.uuid)} is being cancelled.")
                self.query_one(BatchesPane).refresh_now()

        self.app.push_screen(CancelBatchDialog(batch, self.owner[1]), done)

    # -- find ------------------------------------------------------------------------------

    def action_find(self) -> None:
        """``/``: find a batch (the Runs tab searches its runs)."""
        if self.active_tab == "runs":
            self.runs_view.action_search()
            return
        if self.active_tab != "batches":
            self.action_tab("batches")
        self.query_one("#workflow-find", FindBar).open()

    @on(Input.Submitted, "#workflow-find")
    def _find(self, event: Input.Submitted) -> None:
        """Enter: the next batch found (the field stays, for the one after); a whole uuid
        opens its batch's runs or its run; empty: the field closes."""
        text = event.value.strip()
        find = self.query_one("#workflow-find", FindBar)
        if not text:
            find.close()
        elif UUID.fullmatch(text):
            find.close()
            self.find_uuid(text)
        else:
            self.query_one(BatchesPane).find_next(text)

    @on(BatchesPane.NotFound)
    def _not_found(self, event: BatchesPane.NotFound) -> None:
        self.notify(
            f"No match: none of the {count(event.searched)} batches shows {event.needle!r}.",
            severity="warning",
        )

    @work(exclusive=True, group="find", exit_on_error=False)
    async def find_uuid(self, uuid: str) -> None:
        """A pasted uuid: the batch's runs, or the run itself, if this workflow has it."""
        client = await self.session.connect()
        try:
            batch = await client.orchestration.batch.get(uuid)
        except RequestError:
            batch = None
        if batch is not None and batch.workflow_uuid == self.context_uuid:
            self.open_runs(batch)
            return
        try:
            detail = await client.orchestration.run.get(uuid)
        except RequestError:
            detail = None
        if detail is not None and detail.run.workflow_uuid == self.context_uuid:
            self.open_run(detail.run)
            return
        self.notify(f"No batch or run of this workflow has the uuid {uuid}.", severity="warning")
