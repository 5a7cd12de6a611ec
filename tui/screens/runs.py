"""The runs screen: one :class:`~tui.screens.runs_view.RunsView` (a batch's runs, a failure
group's, those that failed at a node) under the header and breadcrumb."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from tui.screens.base import CargoScreen
from tui.screens.runs_query import COLUMNS, PAGE, TABS, RunsQuery, run_row
from tui.screens.runs_view import RunsView
from tui.screens.workflow.context import WorkflowContext
from widgets.footer import Footer
from widgets.paged_table import PagedTable

__all__ = ["COLUMNS", "PAGE", "TABS", "RunsQuery", "RunsScreen", "RunsView", "run_row"]


class RunsScreen(CargoScreen):
    AUTO_FOCUS = "#runs-table"
    BINDINGS = [Binding("escape", "back", "Back", id="back")]

    def __init__(
        self,
        context: WorkflowContext | None,
        query: RunsQuery,
        crumbs: tuple[str, ...],
        tab: str = "all",
    ) -> None:
        super().__init__()
        self.context = context
        self.crumbs = crumbs
        self._view = RunsView(context, query, crumbs, tab, id="runs-view")

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield self._view
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.table.focus()

    @property
    def view(self) -> RunsView:
        return self._view

    @property
    def runs_query(self) -> RunsQuery:
        return self._view.runs_query

    @property
    def tab(self) -> str:
        return self._view.tab

    @property
    def table(self) -> PagedTable:
        return self._view.table

    def action_back(self) -> None:
        self.app.pop_screen()
