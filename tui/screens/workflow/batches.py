"""The Batches tab: every batch of the workflow, newest first, live while any still runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from tui.api.errors import CargoError, RateLimitedError
from tui.api.models.runs import Batch
from tui.screens.base import PageFailed, ShowsResults, renders
from tui.screens.rerun.history import ReRuns, Tally
from tui.screens.workflow.batch_pages import (
    PAGE,
    BatchesPage,
    BatchesRefreshed,
    BatchFound,
    Fixes,
    find_batch,
    grown_total,
    read_again,
    read_fixes,
    read_page,
)
from tui.screens.workflow.batch_releases import BatchReleases
from tui.screens.workflow.batch_rows import COLUMNS, batch_row, success_banner
from tui.screens.workflow.exports import Copy, batch_copy, batch_output
from tui.screens.workflow.outputs import OutputsPane
from tui.session import session_of
from widgets.divided_table import DividedTable
from widgets.paged_table import PagedTable, Row

if TYPE_CHECKING:
    from tui.export import ExportSource
    from tui.screens.workflow.screen import WorkflowScreen

#: Live refresh: every 5 s (settings: refresh_seconds) while a batch in view still runs,
#: backing off on 429 up to a minute.
REFRESH, REFRESH_MAX = 5.0, 60.0


class BatchesPane(ShowsResults, Vertical):
    """The workflow's batches, paged from the server, with the success-but-failed banner."""

    # (space is the table's: it marks rows, as in every list)
    BINDINGS = [Binding("W", "watch_batch", "Watch batch", id="watch-batch", show=False)]

    class Opened(Message):
        """Enter on a batch: its runs."""

        def __init__(self, batch: Batch) -> None:
            super().__init__()
            self.batch = batch

    class Highlighted(Message):
        """The cursor moved to another batch (the one :attr:`selected` gives now)."""

    class NotFound(Message):
        """Find looked at every batch (``searched``) and none shows ``needle``."""

        def __init__(self, needle: str, searched: int) -> None:
            super().__init__()
            self.needle, self.searched = needle, searched

    class Refreshed(Message):
        """Batches were loaded again: every one this pane holds, by uuid."""

        def __init__(self, batches: dict[str, Batch]) -> None:
            super().__init__()
            self.batches = batches

    def __init__(self, workflow_uuid: str) -> None:
        super().__init__(id="batches-pane")
        self.workflow_uuid = workflow_uuid
        self.batches: dict[str, Batch] = {}
        self.interval = REFRESH
        self._timer: Timer | None = None
        #: The workflow's re-runs, read as batches show (a finished one is read once).
        self.reruns: ReRuns | None = None
        self.fixes: dict[str, Tally] = {}
        #: The releases the batches ran on: the release column, the dividers where it changed.
        self.release_marks = BatchReleases()

    def compose(self) -> ComposeResult:
        table = DividedTable(COLUMNS, page_size=PAGE, id="batches-table")
        table.empty_text = "this workflow has no batch yet"
        yield table
        yield Static("", id="batch-banner")

    @property
    def table(self) -> DividedTable:
        return self.query_one("#batches-table", DividedTable)

    @property
    def workflow(self) -> WorkflowScreen:
        return cast("WorkflowScreen", self.screen)

    def on_mount(self) -> None:
        self.table.reset(1)
        self.interval = self.normal_interval
        self._timer = self.set_interval(self.interval, self._tick)

    @property
    def selected(self) -> Batch | None:
        row = self.table.cursor_row
        return self.batches.get(str(row.key)) if row else None

    # -- fetching --------------------------------------------------------------------------

    @on(PagedTable.PageNeeded, "#batches-table")
    def _page_needed(self, event: PagedTable.PageNeeded) -> None:
        event.stop()
        self.fetch(event.offset, event.limit, event.generation)

    @work(group="batches-page", exit_on_error=False)
    async def fetch(self, offset: int, limit: int, generation: int) -> BatchesPage:
        client = await session_of(self.app).connect()
        try:
            return await read_page(
                client, self.workflow_uuid, self.release_marks, offset, limit, generation
            )
        except CargoError as exc:
            raise PageFailed(offset, generation, exc) from exc

    @renders(BatchesPage)
    def _show(self, page: BatchesPage, *, count_fixes: bool = True) -> None:
        table = self.table
        if page.generation != table.generation:
            return
        for batch in page.batches:
            self.batches[batch.uuid] = batch
        if page.releases is not None and self.release_marks.learn(page.releases):
            self._show_again()
        table.set_total(grown_total(table.total, page.offset, page.limit, page.batches))
        table.fill(page.offset, [self._row(b) for b in page.batches], page.generation)
        self.release_marks.place(page.offset, page.batches)
        table.set_dividers(self.release_marks.dividers())
        self._banner()
        self.post_message(self.Refreshed(self.batches))
        if count_fixes:
            self.count_fixes()

    def _row(self, batch: Batch) -> Row:
        discovered, lineage = session_of(self.app).discovered, self.workflow.lineage
        return batch_row(batch, discovered, lineage, self.fixes, self.release_marks.labels)

    def _show_again(self) -> None:
        """Every row held painted anew (what re-runs fixed, or the releases, learnt)."""
        table = self.table
        for index in range(table.total):
            row = table.row(index)
            if row is not None and (batch := self.batches.get(str(row.key))) is not None:
                table.replace_row(index, self._row(batch))

    # -- what re-runs fixed ----------------------------------------------------------------

    @work(group="batches-fixes", exclusive=True, exit_on_error=False)
    async def count_fixes(self) -> Fixes:
        """Read the re-runs made since the oldest batch in view, and what they fixed."""
        client = await session_of(self.app).connect()
        if self.reruns is None:
            self.reruns = ReRuns(self.workflow_uuid, self.workflow.lineage)
        return await read_fixes(client, self.reruns, list(self.batches.values()))

    @renders(Fixes)
    def _fixes_counted(self, fixes: Fixes) -> None:
        learnt = self.workflow.learn_lineage(fixes.found)
        if fixes.tallies == self.fixes and not learnt:
            return
        self.fixes = fixes.tallies
        self._show_again()
        self._banner()

    def show_failure(self, group: str, error: BaseException | None) -> None:
        if group == "batches-refresh" and isinstance(error, RateLimitedError):
            self._back_off(error.retry_after)
            return
        if isinstance(error, PageFailed):
            self.table.fail(error.offset, "could not load · r retries", error.generation)
            self.workflow.show_error(error.error, title="Batches could not load")
        elif group == "batches-refresh" and isinstance(error, CargoError):
            self.workflow.show_error(error, title="Refreshing batches failed")
        elif group == "batches-fixes" and isinstance(error, CargoError):
            self.workflow.show_error(error, title="Counting what re-runs fixed failed (r retries)")
        else:
            super().show_failure(group, error)

    def show_new(self, batch: Batch) -> None:
        """A batch just created: reload from the top, where it sits, and keep it live."""
        self.batches[batch.uuid] = batch
        self.table.cursor = 0
        self.release_marks.forget_rows()
        self.table.reset(1)
        self.refresh_now()

    @property
    def normal_interval(self) -> float:
        settings = session_of(self.app).settings
        return float(settings.refresh_seconds) if settings is not None else REFRESH

    def refresh_now(self) -> None:
        self.interval = self.normal_interval
        self._refresh_loaded()

    def _tick(self) -> None:
        screen = self.workflow
        if not screen.is_current or screen.active_tab != "batches":
            return  # paused while hidden
        if any(not b.status.is_terminal for b in self._in_view()):
            self._refresh_loaded()

    def _in_view(self) -> list[Batch]:
        table = self.table
        keys = [table.row(i) for i in range(*table.in_view)]
        return [
            self.batches[str(r.key)] for r in keys if r is not None and str(r.key) in self.batches
        ]

    def _refresh_loaded(self) -> None:
        table = self.table
        top = table.in_view[0]
        pages = sorted({i // PAGE for i in range(top, top + 50)})
        self._fetch_again(pages, table.total, table.generation)

    @work(group="batches-refresh", exclusive=True, exit_on_error=False)
    async def _fetch_again(self, pages: list[int], total: int, generation: int) -> BatchesRefreshed:
        client = await session_of(self.app).connect()
        return await read_again(
            client, self.workflow_uuid, self.release_marks, pages, total, generation
        )

    @renders(BatchesRefreshed)
    def _refreshed(self, refreshed: BatchesRefreshed) -> None:
        for page in refreshed.pages:
            self._show(page, count_fixes=False)
        self.count_fixes()
        if self.interval != self.normal_interval:
            self._restart_timer(self.normal_interval)

    def _back_off(self, wait: float | None) -> None:
        self._restart_timer(min(REFRESH_MAX, max(wait or 0, self.interval * 2)))

    def _restart_timer(self, interval: float) -> None:
        self.interval = interval
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_interval(interval, self._tick)

    # -- find ------------------------------------------------------------------------------

    def find_next(self, needle: str) -> None:
        """The cursor to the next batch after it that ``needle`` finds (what its row shows, or
        its uuid's start), round to the top after the last; pages not held are fetched."""
        table = self.table
        held, generation = table.pages_held(), table.generation
        discovered, lineage = session_of(self.app).discovered, dict(self.workflow.lineage)
        releases = self.release_marks.labels

        def row_of(batch: Batch) -> Row:
            return batch_row(batch, discovered, lineage, releases=releases)

        self.search(needle, table.cursor + 1, held, generation, row_of)

    @work(exclusive=True, group="batches-find", exit_on_error=False)
    async def search(
        self,
        needle: str,
        start: int,
        held: dict[int, list[Row]],
        generation: int,
        row_of: Callable[[Batch], Row],
    ) -> BatchFound:
        """From row ``start`` down, then from the top; ``held``: the pages the table holds."""
        client = await session_of(self.app).connect()
        return await find_batch(client, self.workflow_uuid, needle, start, held, generation, row_of)

    @renders(BatchFound)
    def _found(self, found: BatchFound) -> None:
        if found.generation != self.table.generation:
            return  # the list was loaded again meanwhile
        for page in found.pages:
            self._show(page)
        if found.index is None:
            self.post_message(self.NotFound(found.needle, found.searched))
        else:
            self.table.cursor = found.index

    # -- selection -------------------------------------------------------------------------

    @on(PagedTable.RowHighlighted, "#batches-table")
    def _highlighted(self, event: PagedTable.RowHighlighted) -> None:
        event.stop()
        self._banner()
        self.post_message(self.Highlighted())

    @on(PagedTable.RowSelected, "#batches-table")
    def _open(self, event: PagedTable.RowSelected) -> None:
        event.stop()
        batch = self.selected
        if batch is not None:
            self.post_message(self.Opened(batch))

    # -- export ----------------------------------------------------------------------------

    def export_source(self) -> ExportSource | None:
        """``e``: the selected batch's output, the node picked in the Outputs tab's."""
        screen = self.workflow
        return batch_output(screen, screen.query_one(OutputsPane).picked_node)

    def copy_source(self) -> Copy | None:
        """``Y``: the selected batch as JSON."""
        return batch_copy(self.workflow.selected_batch)

    def _banner(self) -> None:
        banner = self.query_one("#batch-banner", Static)
        batch = self.selected
        banner.display = batch is not None and batch.succeeded_with_failures
        if batch is not None and banner.display:
            banner.update(success_banner(batch, self.fixes.get(batch.uuid)))

    def action_watch_batch(self) -> None:
        """``W``: the bell rings when the highlighted batch finishes (follow mode)."""
        from tui.screens.follow.watching import watch_batch

        watch_batch(self, self.selected, self.workflow.owner[1])
