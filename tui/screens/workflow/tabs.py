"""The workflow view's tabs, Batches | Runs | Metrics | Failures | Outputs: which one is
shown, where its keys go (its main list), and what it asks for as it is shown (a hidden tab
asks for nothing)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane, Tabs

from tui.api.run_scope import RunScope
from tui.screens.base import CargoScreen
from tui.screens.runs_query import RunsQuery
from tui.screens.runs_view import RunsView
from tui.screens.workflow.batches import BatchesPane
from tui.screens.workflow.failures import FailuresPane
from tui.screens.workflow.metrics import MetricsPane
from tui.screens.workflow.outputs import OutputsPane
from widgets.find_bar import FindBar
from widgets.fitting import FitLine
from widgets.footer import Footer
from widgets.humanize import short_uuid
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


class WorkflowTabs(CargoScreen):
    """The tabs of :class:`~tui.screens.workflow.screen.WorkflowScreen` (its first layer)."""

    context_uuid: str
    #: The tab whose data a key started loading before the tab was shown.
    _loading_early: str | None

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
