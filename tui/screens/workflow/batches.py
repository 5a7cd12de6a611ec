"""The Batches tab: every batch of the workflow, newest first, live while any still runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from tui import clock
from tui.api.errors import CargoError, RateLimitedError
from tui.api.models.runs import Batch
from tui.screens.base import ShowsResults
from tui.session import session_of
from tui.session.discovery import Discovery
from widgets.humanize import count, duration, short_uuid, when
from widgets.paged_table import Column, PagedTable, Row
from widgets.status import bar, status_text

if TYPE_CHECKING:
    from tui.screens.workflow.screen import WorkflowScreen

COLUMNS = [
    Column("status", "status", 10, priority=9),
    Column("health", "health", 9, priority=5),
    Column("runs", "runs", 7, "right", priority=8),
    Column("done", "done", 11, "right", priority=7),
    Column("failed", "failed", 6, "right", priority=8),
    Column("credits", "credits", 8, "right", priority=3),
    Column("created", "created", 17, priority=6),
    Column("took", "took", 7, "right", priority=4),
    Column("by", "started by", 14, flex=True, priority=2),
]
PAGE = 50
#: Live refresh: every 5 s (settings: refresh_seconds) while a batch in view still runs,
#: backing off on 429 up to a minute.
REFRESH, REFRESH_MAX = 5.0, 60.0


def started_by(batch: Batch, found: Discovery | None, lineage: dict[str, str]) -> str:
    if batch.uuid in lineage:
        return f"re-run of {short_uuid(lineage[batch.uuid])}"
    data = batch.data or {}
    kind = data.get("kind")
    if kind == "segment":
        segment = found.find(str(data.get("segmentUuid", ""))) if found else None
        return f"segment {segment.name}" if segment else "segment"
    if kind == "recordIds":
        return f"records ({count(len(data.get('ids') or []))})"
    if kind == "runs":
        source = (data.get("filter") or {}).get("batchUuid")
        return f"re-run of {short_uuid(source)}" if source else "re-run"
    return str(kind or "–")


def progress(batch: Batch) -> Text:
    if batch.status.is_terminal or not batch.runs_count:
        return Text(count(batch.executed_runs_count))
    share = batch.executed_runs_count / batch.runs_count
    return Text.assemble(bar(share, 5, "yellow"), f" {share:4.0%}")


def took(batch: Batch) -> str:
    if batch.created_at is None:
        return "–"
    end = batch.finished_at or (None if not batch.status.is_terminal else batch.updated_at)
    if end is None:
        return duration((clock.now() - batch.created_at).total_seconds()) + "…"
    return duration((end - batch.created_at).total_seconds())


def batch_row(batch: Batch, found: Discovery | None, lineage: dict[str, str]) -> Row:
    failed = Text(count(batch.failed_runs_count), "bold red" if batch.failed_runs_count else "")
    return Row(
        batch.uuid,
        [
            status_text(batch.status),
            status_text(batch.runs_status) if batch.runs_status else Text("–", "dim"),
            count(batch.runs_count),
            progress(batch),
            failed,
            count(batch.credits_used_count),
            when(batch.created_at, clock.now()),
            took(batch),
            started_by(batch, found, lineage),
        ],
    )


class BatchesPane(ShowsResults, Vertical):
    """The workflow's batches, paged from the server, with the success-but-failed banner."""

    class Opened(Message):
        """Enter on a batch: its runs."""

        def __init__(self, batch: Batch) -> None:
            super().__init__()
            self.batch = batch

    class Highlighted(Message):
        """The cursor moved to another batch (the one :attr:`selected` gives now)."""

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
        #: Only batches in these statuses (None: all), as ``/`` with a status word asks.
        self.statuses: list[str] | None = None

    def compose(self) -> ComposeResult:
        table = PagedTable(COLUMNS, page_size=PAGE, id="batches-table")
        table.empty_text = "this workflow has no batch yet"
        yield table
        yield Static("", id="batch-banner")

    @property
    def table(self) -> PagedTable:
        return self.query_one("#batches-table", PagedTable)

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
    async def fetch(self, offset: int, limit: int, generation: int) -> None:
        client = await session_of(self.app).connect()
        try:
            found = await client.orchestration.batch.list(
                workflow_uuids=[self.workflow_uuid],
                statuses=self.statuses,
                limit=limit,
                offset=offset,
            )
        except CargoError as exc:
            self.table.fail(offset, "could not load · r retries", generation)
            self.workflow.show_error(exc, title="Batches could not load")
            return
        self._show(offset, limit, generation, found)

    def _show(self, offset: int, limit: int, generation: int, found: Sequence[Batch]) -> None:
        table = self.table
        if generation != table.generation:
            return
        for batch in found:
            self.batches[batch.uuid] = batch
        known = offset + len(found)
        # The list has no count: one row past the end asks for the next page while it is full.
        table.set_total(
            max(table.total if offset else 0, known + (1 if len(found) == limit else 0))
        )
        discovered, lineage = session_of(self.app).discovered, self.workflow.lineage
        table.fill(offset, [batch_row(b, discovered, lineage) for b in found], generation)
        self._banner()
        self.post_message(self.Refreshed(self.batches))

    def only(self, statuses: list[str] | None) -> None:
        """Show only the batches in ``statuses`` (None: every batch), from the server."""
        self.statuses = statuses
        self.table.cursor = 0
        self.table.reset(1)
        self.table.empty_text = (
            f"no {' or '.join(statuses)} batch" if statuses else "this workflow has no batch yet"
        )

    def show_new(self, batch: Batch) -> None:
        """A batch just created: reload from the top, where it sits, and keep it live."""
        self.batches[batch.uuid] = batch
        self.table.cursor = 0
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
        top = int(table.scroll_y)
        keys = [table.row(i) for i in range(top, min(table.total, top + table.size.height))]
        return [
            self.batches[str(r.key)] for r in keys if r is not None and str(r.key) in self.batches
        ]

    @work(group="batches-refresh", exclusive=True, exit_on_error=False)
    async def _refresh_loaded(self) -> None:
        client = await session_of(self.app).connect()
        table = self.table
        pages = sorted({i // PAGE for i in range(int(table.scroll_y), int(table.scroll_y) + 50)})
        try:
            for page in pages:
                offset = page * PAGE
                if offset >= table.total:
                    break
                found = await client.orchestration.batch.list(
                    workflow_uuids=[self.workflow_uuid],
                    statuses=self.statuses,
                    limit=PAGE,
                    offset=offset,
                )
                self._show(offset, PAGE, table.generation, found)
        except RateLimitedError as exc:
            self._back_off(exc.retry_after)
            return
        except CargoError as exc:
            self.workflow.show_error(exc, title="Refreshing batches failed")
            return
        if self.interval != self.normal_interval:
            self._restart_timer(self.normal_interval)

    def _back_off(self, wait: float | None) -> None:
        self._restart_timer(min(REFRESH_MAX, max(wait or 0, self.interval * 2)))

    def _restart_timer(self, interval: float) -> None:
        self.interval = interval
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_interval(interval, self._tick)

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

    def _banner(self) -> None:
        banner = self.query_one("#batch-banner", Static)
        batch = self.selected
        if batch is not None and batch.succeeded_with_failures:
            banner.update(
                Text.assemble(
                    ("⚠ ", "bold"),
                    f"This batch reports success but {count(batch.failed_runs_count)} of its "
                    f"{count(batch.runs_count)} runs failed.",
                    ("   enter: see them   R: re-run them", "dim"),
                )
            )
            banner.display = True
        else:
            banner.display = False
