"""The workflow view: its play or tool, its release, and tabs Batches | Metrics | Failures |
Outputs. Batches lead to runs; metrics and failures lead to the runs that failed.

The screen is built in layers, one module each: its tabs (``tabs``), the drill-down from
them (``drilldown``), the writes (``writes``); here, its keys and find."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import on, work
from textual.binding import Binding
from textual.widgets import Input

from tui.api.errors import RequestError
from tui.screens.workflow.batches import BatchesPane
from tui.screens.workflow.writes import WorkflowWrites
from tui.session.discovery import UUID
from widgets.find_bar import FindBar
from widgets.humanize import count


class WorkflowScreen(WorkflowWrites):
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
        """``then``: what to do once the workflow is known (a pasted command line's view).
        Each layer's state is described where it is used."""
        super().__init__()
        self.context_uuid = workflow_uuid
        self._loading_early = None
        self._then = then
        self.context = None
        self._pinned_batch = None
        self.lineage = {}
        self.pending_pilot = None

    def on_mount(self) -> None:
        super().on_mount()
        self.load_context()  # (AUTO_FOCUS puts the focus on the batches)

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
