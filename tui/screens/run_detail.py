"""One run: its node executions as a timeline, the selected node's output as a JSON tree, its
error, and its computed config on a toggle. ``[`` and ``]`` step through the list it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from tui.api.models.runs import Execution, RunDetail
from tui.screens.base import renders
from tui.screens.navigation import OpenExport, OpenRunDiff
from tui.screens.run_children import NestedRuns
from tui.screens.run_search import RunSearch
from tui.screens.workflow.context import WorkflowContext
from tui.state.rerun_cost import billed
from widgets.breadcrumb import Breadcrumb
from widgets.footer import Footer
from widgets.humanize import count, duration
from widgets.json_tree import JsonTree
from widgets.list_table import ListTable
from widgets.status import bar, status_text

if TYPE_CHECKING:
    from tui.export import RowsSource
    from tui.screens.runs_query import RunCursor


def seconds(execution: Execution) -> float | None:
    end = execution.finished_at or execution.updated_at
    if execution.started_at and end:
        return max(0.0, (end - execution.started_at).total_seconds())
    return None


@dataclass(frozen=True)
class Stepped:
    """Where ``[`` or ``]`` led: the run there (None: past the end of the list)."""

    run_uuid: str | None


class RunDetailScreen(NestedRuns):
    AUTO_FOCUS = "#timeline"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("left_square_bracket", "step(-1)", "Prev run", id="previous-run"),
        Binding("right_square_bracket", "step(1)", "Next run", id="next-run"),
        Binding("y", "copy_uuid", "Copy run uuid", id="copy-uuid"),
        Binding("Y", "copy_output", "Copy output", id="copy-json"),
        Binding("c", "toggle_config", "Config", id="computed-config"),
        Binding("e", "export", "Export output", id="export"),
        Binding("slash", "search", "Search", show=False, id="filter"),
        Binding("n", "match(1)", "Next match", show=False, id="next-match"),
        Binding("N", "match(-1)", "Previous match", show=False, id="previous-match"),
        Binding("f", "failed_only", "Failed nodes only", show=False, id="toggle-failed"),
        Binding("equals_sign", "compare", "Compare", id="compare-runs"),
    ]

    def __init__(
        self,
        context: WorkflowContext | None,
        run_uuid: str,
        crumbs: tuple[str, ...],
        cursor: RunCursor | None = None,
    ) -> None:
        """``cursor``: where the run stands in the list it was opened from (``[`` and ``]``)."""
        super().__init__()
        self.context = context
        self.run_uuid = run_uuid
        self.crumbs = crumbs
        self.cursor = cursor
        self.detail: RunDetail | None = None
        self.executions: list[Execution] = []
        self.selected: Execution | None = None
        self.show_config = False

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield RunSearch(id="run-search")
        timeline: DataTable[str | Text] = ListTable(id="timeline", cursor_type="row")
        yield timeline
        yield Static("", id="run-cost")
        with Horizontal(id="run-panes"):
            yield JsonTree(id="node-output", classes="panel")
            with VerticalScroll(id="node-error", classes="panel"):
                yield Static("", id="node-error-body")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        timeline = self.query_one("#timeline", DataTable)
        # Provider credits, execution by execution; the execution charge is in #run-cost.
        for label in ("node", "kind", "status", "started", "took", "prov cr"):
            timeline.add_column(label, key=label)
        timeline.focus()
        self.load(self.run_uuid)

    def load(self, uuid: str) -> None:
        self.query_one("#timeline").loading = True
        self.fetch(uuid)

    @work(exclusive=True, group="run", exit_on_error=False)
    async def fetch(self, uuid: str) -> RunDetail:
        client = await self.session.connect()
        return await client.orchestration.run.get(uuid)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.query_one("#timeline").loading = False
        super().show_failure(group, error)

    @renders(RunDetail)
    def _show(self, detail: RunDetail) -> None:
        self.detail = detail
        run = detail.run
        self.run_uuid = run.uuid
        timeline = self.query_one("#timeline", DataTable)
        timeline.loading = False
        timeline.clear()
        executions = sorted(run.executions, key=lambda e: (e.started_at is None, e.started_at))
        longest = max((seconds(e) or 0 for e in executions), default=0) or 1
        failing = run.failing_execution
        for index, execution in enumerate(executions):
            took = seconds(execution)
            started = execution.started_at.strftime("%H:%M:%S") if execution.started_at else "–"
            timeline.add_row(
                self.node_cell(execution),
                str(execution.node_kind or "–"),
                status_text(execution.status, mark=True),
                started,
                Text.assemble(bar((took or 0) / longest, 10, "cyan"), f" {duration(took)}"),
                count(execution.credits_used_count),
                key=str(index),
            )
        self.executions = executions
        self.query_one("#run-cost", Static).update(
            f"billed: {billed(run.credits_used_count, len(executions))}"
        )
        title = self.crumb_of(run)
        self.crumbs = (*self.crumbs[:-1], title)
        self.query_one(Breadcrumb).parts = self.crumbs
        target = executions.index(failing) if failing in executions else 0
        if executions:
            timeline.move_cursor(row=target)
            self._show_node(executions[target])
        else:
            self.query_one("#node-error-body", Static).update("This run has no execution yet.")
        self.query_one(RunSearch).run_loaded()
        self.look_for_children()

    @on(DataTable.RowHighlighted, "#timeline")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.detail is not None and event.row_key.value is not None:
            self._show_node(self.executions[int(event.row_key.value)])

    def _node_value(self, execution: Execution) -> Any:
        detail = self.detail
        if detail is None:
            return None
        source = detail.run_computed_configs if self.show_config else detail.run_context
        return source.get(execution.node_slug or "")

    def _show_node(self, execution: Execution) -> None:
        self.selected = execution
        slug = execution.node_slug or execution.node_uuid
        what = "computed config" if self.show_config else "output"
        tree = self.query_one("#node-output", JsonTree)
        tree.border_title = f"{slug} · {what}"
        tree.load(self._node_value(execution), slug)
        body = self.query_one("#node-error-body", Static)
        pane = self.query_one("#node-error", VerticalScroll)
        if execution.error_message:
            pane.border_title = "error"
            body.update(self.with_child(execution, Text(execution.error_message, "red")))
        else:
            pane.border_title = "summary"
            body.update(self.with_child(execution, Text(execution.title or "(no title)")))
        self.query_one(RunSearch).node_shown(execution)

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_config(self) -> None:
        self.show_config = not self.show_config
        if self.selected is not None:
            self._show_node(self.selected)

    def uuid_target(self) -> tuple[str, str] | None:
        return (f"run {self.crumbs[-1]}" if self.crumbs else "the run", self.run_uuid)

    def _output_source(self, execution: Execution) -> RowsSource:
        """The node's output (or computed config) as shown, as a file of one row."""
        from tui.export import Format, RowsSource, slug

        value = self._node_value(execution)
        row = value if isinstance(value, dict) else {"value": value}
        what = "computed config" if self.show_config else "output"
        record = self.crumbs[-1] if self.crumbs else self.run_uuid
        return RowsSource(
            label=f"{execution.node_slug} {what} of {record}",
            stem=slug(record, execution.node_slug, what),
            columns=list(row),
            rows=[row],
            default_format=Format.JSON,
        )

    def action_copy_output(self) -> None:
        """The node output as JSON through OSC 52, or the file dialog when too large for it."""
        from tui.export import clipboard_value
        from tui.screens.export import copy_or_offer

        execution = self.selected
        if execution is None:
            return
        source = self._output_source(execution)
        payload = clipboard_value(self._node_value(execution))
        copy_or_offer(self, payload, f"the {source.label}", source)

    def action_export(self) -> None:
        if self.selected is not None:
            self.post_message(OpenExport(self._output_source(self.selected)))

    def action_step(self, step: int) -> None:
        if self.cursor is None:
            self.notify("This run was not opened from a list.", severity="warning")
            return
        self.step_to(self.cursor, step)

    @work(exclusive=True, group="step", exit_on_error=False)
    async def step_to(self, cursor: RunCursor, step: int) -> Stepped:
        return Stepped(await cursor.step(await self.session.connect(), step))

    @renders(Stepped)
    def _stepped(self, stepped: Stepped) -> None:
        if stepped.run_uuid is None:
            self.notify("No more runs that way.", timeout=2)
        else:
            self.load(stepped.run_uuid)

    def action_compare(self) -> None:
        """The run diff: this run against its nearest successful run."""
        self.post_message(OpenRunDiff(self.context, self.run_uuid, self.crumbs))

    # -- search inside the run (tui/screens/run_search.py) -----------------------------------

    def action_search(self) -> None:
        self.query_one(RunSearch).open()

    def action_match(self, step: int) -> None:
        self.query_one(RunSearch).step(step)

    def action_failed_only(self) -> None:
        self.query_one(RunSearch).toggle_failed()
