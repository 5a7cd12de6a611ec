"""The Batches tab: every batch of the workflow, newest first, live while any still runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
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
from tui.screens.workflow.batch_releases import BatchReleases, batches_and_releases
from tui.screens.workflow.batch_rows import COLUMNS, batch_row
from tui.screens.workflow.context import WorkflowReleases
from tui.screens.workflow.exports import Copy, node_slugs, output_slug, owner_name
from tui.screens.workflow.outputs import OutputsPane
from tui.session import session_of
from widgets.divided_table import DividedTable
from widgets.humanize import count, plural, short_uuid
from widgets.paged_table import PagedTable, Row, finder

if TYPE_CHECKING:
    from tui.export import ExportSource
    from tui.screens.workflow.screen import WorkflowScreen

PAGE = 50
#: Live refresh: every 5 s (settings: refresh_seconds) while a batch in view still runs,
#: backing off on 429 up to a minute.
REFRESH, REFRESH_MAX = 5.0, 60.0


def grown_total(total: int, offset: int, limit: int, found: Sequence[Batch]) -> int:
    """The table's total once ``found`` came from ``offset``: the list has no count, so one row
    past the end asks for the next page while pages come back full."""
    known = offset + len(found)
    return max(total if offset else 0, known + (1 if len(found) == limit else 0))


@dataclass(frozen=True)
class BatchesPage:
    """The batches from ``offset`` (``limit`` were asked for), for the table's ``generation``."""

    offset: int
    limit: int
    generation: int
    batches: Sequence[Batch]
    #: The workflow's releases, read with the page when it needed them.
    releases: WorkflowReleases | None = None


@dataclass(frozen=True)
class BatchFound:
    """Where find stopped: the row of the next batch ``needle`` finds (None: none does, of the
    ``searched``), and the pages it fetched on the way, for the table's ``generation``."""

    needle: str
    index: int | None
    generation: int
    pages: list[BatchesPage]
    searched: int


@dataclass(frozen=True)
class BatchesRefreshed:
    """The pages in view, fetched again while a batch in them still runs."""

    pages: list[BatchesPage]


@dataclass(frozen=True)
class Fixes:
    """What re-runs did to each batch's failed runs (by batch uuid), and the links between
    batches learnt from Cargo's runs on the way (re-run batch -> the batch it re-ran)."""

    tallies: dict[str, Tally]
    found: dict[str, str]


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
        listing = client.orchestration.batch.list(
            workflow_uuids=[self.workflow_uuid], limit=limit, offset=offset
        )
        try:
            found, releases = await batches_and_releases(
                client, self.workflow_uuid, self.release_marks, listing
            )
        except CargoError as exc:
            raise PageFailed(offset, generation, exc) from exc
        return BatchesPage(offset, limit, generation, found, releases)

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
        reruns = self.reruns
        batches = list(self.batches.values())
        since = min((b.created_at for b in batches if b.created_at), default=None)
        await reruns.update(client, since, discover=True)
        touched = reruns.failed_by_batch()
        tallies = {
            batch.uuid: reruns.earlier(touched[batch.uuid], batch.uuid).tally
            for batch in batches
            if batch.failed_runs_count and batch.uuid in touched
        }
        return Fixes(tallies, dict(reruns.found))

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
        found: list[BatchesPage] = []
        for page in pages:
            offset = page * PAGE
            if offset >= total:
                break
            batches, releases = await batches_and_releases(
                client,
                self.workflow_uuid,
                self.release_marks,
                client.orchestration.batch.list(
                    workflow_uuids=[self.workflow_uuid], limit=PAGE, offset=offset
                ),
            )
            found.append(BatchesPage(offset, PAGE, generation, batches, releases))
            total = grown_total(total, offset, PAGE, batches)
        return BatchesRefreshed(found)

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
        found = finder(needle)
        fetched: list[BatchesPage] = []
        seen = 0

        async def rows_of(page: int) -> list[Row]:
            if page not in held:
                batches = await client.orchestration.batch.list(
                    workflow_uuids=[self.workflow_uuid], limit=PAGE, offset=page * PAGE
                )
                fetched.append(BatchesPage(page * PAGE, PAGE, generation, batches))
                held[page] = [row_of(batch) for batch in batches]
            return held[page]

        first = start // PAGE
        for wrapped in (False, True):  # from the cursor to the end, then from the top to it
            page = 0 if wrapped else first
            while True:
                rows = await rows_of(page)
                seen = max(seen, page * PAGE + len(rows))
                for index, row in enumerate(rows, page * PAGE):
                    if (index < start) == wrapped and found(row):
                        return BatchFound(needle, index, generation, fetched, seen)
                if len(rows) < PAGE or (wrapped and page >= first):
                    break
                page += 1
        return BatchFound(needle, None, generation, fetched, seen)

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
        from tui.export import BatchOutputSource, slug

        screen = self.workflow
        batch = screen.selected_batch
        if batch is None:
            self.notify("Select a batch first.", severity="warning")
            return None
        if not batch.status.is_terminal:
            self.notify(
                "This batch is still running: Cargo gives its output once it finishes.",
                severity="warning",
            )
            return None
        owner = owner_name(screen)
        return BatchOutputSource(
            label=f"output of batch {short_uuid(batch.uuid)} of {owner}",
            stem=slug("batch", batch.uuid[:8], owner),
            nodes=node_slugs(screen),
            node=screen.query_one(OutputsPane).picked_node,
            output_node=output_slug(screen),
            batch_uuid=batch.uuid,
            expected_rows=batch.runs_count or None,
        )

    def copy_source(self) -> Copy | None:
        """``Y``: the selected batch as JSON."""
        from tui.export import Format, RowsSource, clipboard_json, slug

        batch = self.workflow.selected_batch
        if batch is None:
            return None
        row = batch.model_dump(mode="json", by_alias=True)
        what = f"batch {short_uuid(batch.uuid)}"
        source = RowsSource(
            label=what, stem=slug(what), columns=list(row), rows=[row], default_format=Format.JSON
        )
        return Copy(what, source, clipboard_json(None, [row]))

    def _banner(self) -> None:
        banner = self.query_one("#batch-banner", Static)
        batch = self.selected
        banner.display = batch is not None and batch.succeeded_with_failures
        if batch is None or not banner.display:
            return
        failed = count(batch.failed_runs_count)
        tally = self.fixes.get(batch.uuid)
        fixed, running = (tally["succeeded"], tally["running"]) if tally else (0, 0)
        left = batch.failed_runs_count - fixed - running
        runs = plural(batch.runs_count, "run")
        said = f"This batch reports success but {failed} of its {runs} failed"
        done = [f"re-runs fixed {count(fixed)}"] if fixed else []
        done += [f"{count(running)} still being re-run"] if running else []
        if left <= 0:
            banner.update(
                Text.assemble(("✔ ", "bold"), f"{said}; {' and '.join(done)}: none left.")
            )
            return
        keys = "   enter: see them   R: re-run " + (f"the {count(left)} left" if done else "them")
        banner.update(
            Text.assemble(
                ("⚠ ", "bold"), said, f"; {', '.join(done)}." if done else ".", (keys, "dim")
            )
        )

    def action_watch_batch(self) -> None:
        """``W``: the bell rings when the highlighted batch finishes (follow mode)."""
        from tui.screens.follow.watching import watch_batch

        watch_batch(self, self.selected, self.workflow.owner[1])
