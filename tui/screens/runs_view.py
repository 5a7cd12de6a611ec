"""The runs of a batch, a workflow, or a failure group: tabs by status with server counts, a
filter (release, finished, dates, record: the ``cargo-ai run`` flags), search by record, and
server-side paging, so a batch of a million runs opens as fast as one of ten.

:class:`RunsView` is the list itself: the runs screen shows one, and the workflow view's Runs
tab another (every run of the workflow).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static, Tab, Tabs

from tui.api.errors import CargoError
from tui.api.models.runs import Run
from tui.api.run_scope import RunScope
from tui.screens.base import PageFailed, ShowsResults, copy_uuid, renders
from tui.screens.navigation import OpenRerun, OpenRun
from tui.screens.runs_query import (
    COLUMNS,
    PAGE,
    TABS,
    RunCursor,
    RunsPage,
    RunsQuery,
    TabCounts,
    run_row,
)
from tui.screens.workflow.context import WorkflowContext, WorkflowReleases, releases_of
from tui.screens.workflow.exports import Copy, give_copy, offer_export
from tui.session import Session, session_of
from tui.session.discovery import UUID
from widgets.find_bar import FindBar
from widgets.humanize import count, plural, showing
from widgets.paged_table import PagedTable

if TYPE_CHECKING:
    from tui.api.models.orchestration import Release
    from tui.export import RunsSource


class RunsView(ShowsResults, Vertical):
    """Tabs by status, the filter line, the search, the paged runs and a status line."""

    BINDINGS = [
        Binding("f", "toggle_failed", "Failed/all", id="toggle-failed"),
        Binding("F", "filter", "Filter", id="runs-filter"),
        Binding("slash", "search", "Search", id="filter"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("y", "copy_uuid", "Copy uuid", id="copy-uuid"),
        Binding("Y", "copy_runs", "Copy JSON", id="copy-json", show=False),
        Binding("R", "rerun", "Re-run", id="rerun"),
        Binding("e", "export", "Export", id="export"),
        Binding("left,h", "tab(-1)", "Tab", show=False),
        Binding("right,l", "tab(1)", "Tab", show=False),
    ]

    def __init__(
        self,
        context: WorkflowContext | None,
        query: RunsQuery,
        crumbs: tuple[str, ...],
        tab: str = "all",
        *,
        id: str | None = None,
        autoload: bool = True,
    ) -> None:
        super().__init__(id=id, classes="runs-view")
        #: False: nothing is asked for until :meth:`ensure_loaded` (a tab not yet shown).
        self.loaded = autoload
        self.context = context
        self.runs_query = query
        self.crumbs = crumbs
        self.tab = tab
        #: The tabs' counts wait for the first page: it is what the user is waiting for.
        self._count_after_page = False
        #: The workflow's releases, newest first (for the filter), once asked for.
        self.releases: list[Release] = []
        #: What the status line says now.
        self._said = ""

    @property
    def session(self) -> Session:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Tabs(
            *(Tab(label, id=key) for key, (label, _) in TABS.items()),
            active=self.tab,
            id="runs-tabs",
        )
        yield FindBar(
            "record title or id, or a run uuid", returns_to="#runs-table", id="runs-search"
        )
        table = PagedTable(COLUMNS, page_size=PAGE, id="runs-table")
        table.empty_text = "no run here"
        yield table
        yield Static(self._filter_line(None), id="runs-filter-line")
        yield Static("", id="runs-status")

    @property
    def table(self) -> PagedTable:
        return self.query_one("#runs-table", PagedTable)

    def on_mount(self) -> None:
        # At once, not by the InView message: the status line is painted with the rows.
        self.table.view_changed.subscribe(self, self._view_moved, immediate=True)
        if self.loaded:
            self.reload()

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.reload()

    def _filter_line(self, total: int | None) -> Text:
        scope = self.runs_query.scope
        names = {r.uuid: r.label for r in self.releases}
        shown = f"{plural(total, 'run')} · " if total is not None else ""
        return Text.assemble(
            ("filter ", "bold"),
            (scope.describe(names), "" if scope.is_everything else "bold yellow"),
            f" · {shown}F: change",
        )

    def set_scope(self, scope: RunScope) -> None:
        """Show the runs ``scope`` keeps (the filter dialog's, or a pasted command line's)."""
        self.runs_query = replace(self.runs_query, scope=scope)
        self.query_one("#runs-filter-line", Static).update(self._filter_line(None))
        self.loaded = True
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._count_after_page = True
        self.table.reset(1)

    @work(exclusive=True, group="counts", exit_on_error=False)
    async def count_tabs(self) -> TabCounts:
        client = await self.session.connect()

        async def counted(tab: str) -> int:
            if self.runs_query.statuses(tab) == []:
                return 0  # the tab's statuses are outside the filter's
            return await client.orchestration.run.count(**self.runs_query.filters(tab))

        return TabCounts(list(await asyncio.gather(*(counted(tab) for tab in TABS))))

    @renders(TabCounts)
    def _counted(self, counted: TabCounts) -> None:
        tabs = self.query_one("#runs-tabs", Tabs)
        for (key, (label, _)), value in zip(TABS.items(), counted.counts, strict=True):
            tabs.query_one(f"#{key}", Tab).label = f"{label} {count(value)}"
        total = dict(zip(TABS, counted.counts, strict=True))[self.tab]
        self.query_one("#runs-filter-line", Static).update(self._filter_line(total))

    def _count_once(self) -> None:
        """The tabs' counts, once the page after a reload is in."""
        if self._count_after_page and self.is_attached:
            self._count_after_page = False
            self.count_tabs()

    @on(PagedTable.PageNeeded, "#runs-table")
    def _page_needed(self, event: PagedTable.PageNeeded) -> None:
        self.fetch(event.offset, event.limit, event.generation)

    @work(group="runs-page", exit_on_error=False)
    async def fetch(self, offset: int, limit: int, generation: int) -> RunsPage:
        client = await self.session.connect()
        search = self.runs_query.search
        try:
            if search and UUID.fullmatch(search):
                detail = await client.orchestration.run.get(search)
                return RunsPage(offset, generation, [detail.run], 1)
            if self.runs_query.statuses(self.tab) == []:
                return RunsPage(offset, generation, [], 0)
            page = await client.orchestration.run.list(
                limit=limit, offset=offset, **self.runs_query.filters(self.tab)
            )
        except CargoError as exc:
            raise PageFailed(offset, generation, exc) from exc
        return RunsPage(offset, generation, page.runs, page.count)

    @renders(RunsPage)
    def _show(self, page: RunsPage) -> None:
        table = self.table
        if page.generation == table.generation:
            table.set_total(page.total)
            table.fill(page.offset, [run_row(run) for run in page.runs], page.generation)
            self._say_shown()
        self._count_once()

    def _say_shown(self) -> None:
        """The status line: which rows are in view (``showing 1-17 of 78``), and the keys."""
        table = self.table
        first, last = table.in_view
        shown = showing(first + 1, last, table.total) if table.total else "no run here"
        said = f"{shown}   enter run detail  f failed/all  / search  space select  y copy uuid"
        if said != self._said:  # (each page arriving says it again: no repaint for that)
            self._said = said
            # one line whatever it says: no layout of the screen for it
            self.query_one("#runs-status", Static).update(said, layout=False)

    def _view_moved(self, view: tuple[int, int, int]) -> None:
        if self.table.loaded_rows:  # (not the placeholder row a reload shows until its page)
            self._say_shown()

    def show_failure(self, group: str, error: BaseException | None) -> None:
        if isinstance(error, PageFailed):
            self.table.fail(error.offset, "could not load · r retries", error.generation)
            error = error.error
        if group == "runs-page":
            self._count_once()
        super().show_failure(group, error)

    # -- actions ---------------------------------------------------------------------------

    def action_tab(self, step: int) -> None:
        keys = list(TABS)
        self._switch(keys[(keys.index(self.tab) + step) % len(keys)])

    def _switch(self, tab: str) -> None:
        self.query_one("#runs-tabs", Tabs).active = tab

    @on(Tabs.TabActivated, "#runs-tabs")
    def _tab_changed(self, event: Tabs.TabActivated) -> None:
        event.stop()  # this list's tabs: not the workflow view's, around it
        tab = str(event.tab.id)
        if tab != self.tab:
            self.tab = tab
            self.table.reset(1)
            self.table.focus()

    def action_toggle_failed(self) -> None:
        self._switch("all" if self.tab == "failed" else "failed")

    def action_search(self) -> None:
        self.query_one("#runs-search", FindBar).open()

    @on(Input.Submitted, "#runs-search")
    def _search(self, event: Input.Submitted) -> None:
        self.runs_query = replace(self.runs_query, search=event.value.strip() or None)
        self.reload()
        self.table.focus()

    def action_refresh(self) -> None:
        self.reload()

    def action_copy_uuid(self) -> None:
        row = self.table.cursor_row
        run: Run | None = row.data if row is not None else None
        label = (run.record_title or run.record_id) if run is not None else None
        copy_uuid(self, (f"run {label}" if label else "the run", run.uuid) if run else None)

    def runs_source(self, uuids: tuple[str, ...] = ()) -> RunsSource:
        """The runs this view shows (or ``uuids`` of them), as ``run.download`` selects them."""
        from tui.export import RunsSource, slug

        filters = self.runs_query.filters(self.tab)
        search = self.runs_query.search
        if search and UUID.fullmatch(search):  # the list shows that one run, whatever the tab
            filters = {"workflow_uuid": self.runs_query.workflow_uuid, "uuids": [search]}
        if uuids:
            filters["uuids"] = list(uuids)
        kind = "runs" if self.tab == "all" else f"{TABS[self.tab][0].lower()} runs"
        owner = self.context.owner_name if self.context else " ".join(self.crumbs[1:2])
        where = " › ".join(self.crumbs[1:]) or "this workflow"
        picked = f"{len(uuids)} selected " if uuids else ""
        scope = self.runs_query.scope
        names = {r.uuid: r.label for r in self.releases}
        within = "" if scope.is_everything or uuids else f" ({scope.describe(names)})"
        return RunsSource(
            label=f"{picked}{kind} of {where}{within}",
            stem=slug(kind, owner),
            filters=filters,
        )

    def export_source(self) -> RunsSource | None:
        """``e``: the runs of this view (those selected with space, if any)."""
        if self.runs_query.statuses(self.tab) == [] and not self.table.marked:
            self.notify("No run here: this tab's statuses are outside the filter's.")
            return None
        return self.runs_source(tuple(str(k) for k in self.table.marked))

    def copy_source(self) -> Copy | None:
        """``Y``: the selected runs (else the one under the cursor) as JSON."""
        from tui.export import clipboard_json

        table = self.table
        keys = tuple(str(key) for key in table.marked)
        if keys:
            wanted = set(keys)
            runs: list[Run] = [row.data for row in table.loaded() if str(row.key) in wanted]
        else:
            row = table.cursor_row
            runs = [row.data] if row is not None and row.data is not None else []
            keys = tuple(run.uuid for run in runs)
        if not runs:
            return None
        what = plural(len(runs), "run")
        source = self.runs_source(keys)
        if len(runs) < len(keys):  # some were paged out of memory: far past what OSC 52 holds
            held = plural(len(keys), "run")
            note = f"{held} are more than the clipboard holds: save them to a file."
            return Copy(what, source, note=note)
        payload = clipboard_json(None, [run.model_dump(mode="json", by_alias=True) for run in runs])
        return Copy(what, source, payload)

    def action_export(self) -> None:
        offer_export(self, self.export_source())

    def action_copy_runs(self) -> None:
        """Through OSC 52 if the clipboard holds them, else the export dialog."""
        give_copy(self, self.copy_source())

    @on(PagedTable.RowSelected, "#runs-table")
    def _open(self, event: PagedTable.RowSelected) -> None:
        run: Run | None = event.row.data if event.row else None
        if run is not None:
            label = run.record_title or run.record_id or run.uuid
            crumbs = (*self.crumbs, TABS[self.tab][0], label)
            self.post_message(OpenRun(self.context, run.uuid, crumbs, self.cursor(event.index)))

    # -- the filter ------------------------------------------------------------------------

    def action_filter(self) -> None:
        """The filter dialog, its release list filled from the workflow's releases."""
        if self.releases:
            self._open_filter()
        else:
            self.list_releases()

    @work(exclusive=True, group="runs-releases", exit_on_error=False)
    async def list_releases(self) -> WorkflowReleases:
        client = await self.session.connect()
        return await releases_of(client, self.runs_query.workflow_uuid)

    @renders(WorkflowReleases)
    def _releases_listed(self, listed: WorkflowReleases) -> None:
        self.releases = listed.releases
        self._open_filter()

    def _open_filter(self) -> None:
        from tui.screens.run_filter import RunFilterDialog

        dialog = RunFilterDialog(
            self.runs_query.scope, self.releases, batch_fixed=self.runs_query.batch_uuid
        )

        def chosen(scope: RunScope | None) -> None:
            if scope is not None:
                self.set_scope(scope)

        self.app.push_screen(dialog, chosen)

    def cursor(self, index: int) -> RunCursor:
        """The run at row ``index`` of this list, for a run detail's ``[`` and ``]``: what it
        steps to becomes this list's cursor too."""
        table = self.table

        def known(at: int) -> str | None:
            row = table.row(at)
            return str(row.key) if row is not None else None

        def moved(at: int) -> None:
            if table.is_attached:
                table.cursor = at

        return RunCursor(self.runs_query, self.tab, index, table.total, known, moved)

    def action_rerun(self) -> None:
        """Re-run the runs selected with space, else the failed runs of this list."""
        from tui.screens.rerun.plan import Selection

        marked = tuple(str(key) for key in self.table.marked)
        label = " › ".join(self.crumbs[2:]) or "this list"
        if marked:
            selection = Selection(
                self.runs_query.workflow_uuid,
                f"selected in {label}",
                {},
                uuids=marked,
                source_batch_uuid=self.runs_query.batch_uuid,
            )
        else:
            selection = Selection(
                self.runs_query.workflow_uuid,
                f"failed runs of {label}",
                self.runs_query.filters("failed"),
                source_batch_uuid=self.runs_query.batch_uuid,
            )
        self.post_message(OpenRerun(selection))
