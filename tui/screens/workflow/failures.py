"""The Failures tab: failed runs grouped by node and normalised error, counted on the server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Select, Static

from tui import clock
from tui.screens.base import ShowsResults, renders
from tui.screens.workflow.exports import Copy, owner_name, rows_source, tsv_copy
from tui.screens.workflow.failure_groups import FailureGroup, failures_sql
from tui.screens.workflow.metrics import RECENT_SCOPES, SPANS
from tui.session import session_of
from widgets.fitting import Clamped, clip
from widgets.humanize import count, plural, when
from widgets.list_table import ListTable

if TYPE_CHECKING:
    from tui.export import RowsSource
    from tui.screens.workflow.screen import WorkflowScreen


class Spec(NamedTuple):
    key: str
    label: str
    #: How much it matters: the error takes the room the others leave, and while that is
    #: under ERROR_ROOM cells, the columns that matter least give it theirs (down to KEPT).
    rank: int


#: The columns left of the error.
COLUMNS = [
    Spec("node", "node", 9),
    Spec("failures", "failures", 8),
    Spec("share", "share", 5),
    Spec("first seen", "first seen", 4),
    Spec("last seen", "last seen", 6),
]
KEPT = 8  # columns that matter this much (the node, the count) are never given away
ERROR_ROOM = 32


def seen(moment: str) -> str:
    """A first or last seen time of the query (UTC, ``2026-11-24 02:42:13.120``) as the
    other tables write times: ``today 14:02``, ``Nov 24 02:42``."""
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return moment[:16]
    return when(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC), clock.now())


def group_cells(groups: list[FailureGroup]) -> list[dict[str, str | Text]]:
    """Each group's cells by column key, the error last, whole (it is cut to its width)."""
    total = sum(g.failures for g in groups) or 1
    return [
        {
            "node": group.node_slug,
            "failures": Text(count(group.failures), "bold red", justify="right"),
            "share": Text(f"{group.failures / total:.0%}", justify="right"),
            "first seen": seen(group.first_seen),
            "last seen": seen(group.last_seen),
            "error": group.label,
        }
        for group in groups
    ]


def layout(rows: list[dict[str, str | Text]], width: int) -> list[tuple[str, str, int]]:
    """The columns that fit in ``width`` cells (each padded by a cell on both sides), as
    (key, label, width): each as wide as its widest cell, the error last with what is left."""

    def widest(spec: Spec) -> int:
        cells = [Text(c) if isinstance(c, str) else c for c in (row[spec.key] for row in rows)]
        return max([cell_len(spec.label), *(cell.cell_len for cell in cells)])

    shown = {spec: widest(spec) for spec in COLUMNS}

    def room() -> int:
        return width - sum(w + 2 for w in shown.values()) - 2

    while room() < ERROR_ROOM and any(spec.rank < KEPT for spec in shown):
        del shown[min((s for s in shown if s.rank < KEPT), key=lambda s: s.rank)]
    columns = [(spec.key, spec.label, w) for spec, w in shown.items()]
    return [*columns, ("error", "error", max(5, room()))]


@dataclass(frozen=True)
class FoundGroups:
    """The failure groups of a scope, most failures first."""

    groups: list[FailureGroup]


class FailuresPane(ShowsResults, Vertical):
    class GroupOpened(Message):
        """Enter on a failure group: its runs."""

        def __init__(self, group: FailureGroup) -> None:
            super().__init__()
            self.group = group

    def __init__(self) -> None:
        super().__init__(id="failures-pane")
        self.groups: list[FailureGroup] = []
        #: The columns as laid out for the table's width, to lay them out again when it changes.
        self._columns: list[tuple[str, str, int]] = []

    def compose(self) -> ComposeResult:
        yield Select(  # no type-to-search: a letter is the screen's key, even in the open menu
            RECENT_SCOPES,
            value="batch",
            allow_blank=False,
            id="failures-scope",
            compact=True,
            type_to_search=False,
        )
        yield ListTable(id="failures-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="failure-example")

    @property
    def workflow(self) -> WorkflowScreen:
        return cast("WorkflowScreen", self.screen)

    def on_mount(self) -> None:
        self._fill(keep_cursor=False)

    def on_resize(self, event: events.Resize) -> None:
        self._fill(only_if_changed=True)

    @on(Select.Changed, "#failures-scope")
    def _scope_changed(self) -> None:
        if self.workflow.shows(self):
            self.load()

    @property
    def selected_group(self) -> FailureGroup | None:
        table = self.query_one("#failures-table", DataTable)
        if not self.groups or table.cursor_row < 0 or table.cursor_row >= len(self.groups):
            return None
        return self.groups[table.cursor_row]

    @property
    def scope(self) -> str:
        return str(self.query_one("#failures-scope", Select).value)

    def load(self) -> None:
        key = self.scope
        batch = self.workflow.selected_batch
        note = self.query_one("#failure-example", Static)
        if key == "batch":
            if batch is None or batch.created_at is None:
                note.update("Select a batch in the Batches tab.")
                return
            sql = failures_sql(
                self.workflow.context_uuid, batch.created_at - timedelta(minutes=1), batch.uuid
            )
        else:
            sql = failures_sql(self.workflow.context_uuid, clock.now() - SPANS[key])
        self.query_one("#failures-table", DataTable).loading = True
        self.fetch(sql)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.query_one("#failures-table", DataTable).loading = False
        self.query_one("#failure-example", Static).update(
            Text(f"The failure groups could not load: {error} · r retries", "red")
        )
        super().show_failure(group, error)

    @work(exclusive=True, group="failures", exit_on_error=False)
    async def fetch(self, sql: str) -> FoundGroups:
        client = await session_of(self.app).connect()
        result = await client.orchestration.query.execute(sql)
        return FoundGroups([FailureGroup.from_row(row) for row in result.as_dicts()])

    @renders(FoundGroups)
    def _found(self, found: FoundGroups) -> None:
        self.query_one("#failures-table", DataTable).loading = False
        self._show(found.groups)

    def _show(self, groups: list[FailureGroup]) -> None:
        self.groups = groups
        self._fill(keep_cursor=False)
        note = self.query_one("#failure-example", Static)
        if not groups:
            note.update("No failures in this scope.")
        else:
            executions = plural(sum(g.failures for g in groups), "failed execution")
            note.update(
                f"{plural(len(groups), 'group')} · {executions}   enter: the runs of a group"
            )

    def _fill(self, *, only_if_changed: bool = False, keep_cursor: bool = True) -> None:
        """The table, its columns laid out for its width: the error gets the room it needs
        (the whole message is the example below, and the runs of the group)."""
        table = self.query_one("#failures-table", DataTable)
        rows = group_cells(self.groups)
        width = self.size.width - table.styles.scrollbar_size_vertical  # the table's, once laid out
        columns = layout(rows, width)
        if only_if_changed and columns == self._columns:
            return
        self._columns = columns
        cursor = table.cursor_row if keep_cursor else 0
        table.clear(columns=True)
        for key, label, column_width in columns:
            table.add_column(label, width=column_width, key=key)
        error_width = columns[-1][2]
        for index, row in enumerate(rows):
            cells = [row[key] for key, _, _ in columns[:-1]]
            table.add_row(*cells, Text(clip(str(row["error"]), error_width)), key=str(index))
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1))

    @on(DataTable.RowHighlighted, "#failures-table")
    def _example(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None or not self.groups:
            return
        group = self.groups[int(event.row_key.value)]
        example = Table.grid(padding=(0, 2), expand=True)
        example.add_column(style="dim", no_wrap=True)
        example.add_column(ratio=1)
        example.add_row("example", Clamped(group.example, 2))
        example.add_row("run", group.example_run)
        self.query_one("#failure-example", Static).update(example)

    @on(DataTable.RowSelected, "#failures-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.GroupOpened(self.groups[int(event.row_key.value)]))

    # -- export ----------------------------------------------------------------------------

    def export_source(self) -> RowsSource | None:
        """``e``: the failure groups in view."""
        columns = ["node", "failures", "runs", "first_seen", "last_seen", "message", "example"]
        rows: list[dict[str, Any]] = [
            {
                "node": g.node_slug,
                "failures": g.failures,
                "runs": g.runs,
                "first_seen": g.first_seen,
                "last_seen": g.last_seen,
                "message": g.message,
                "example": g.example,
            }
            for g in self.groups
        ]
        what = f"failure groups of {owner_name(self.workflow)}"
        return rows_source(self.workflow, "failures", what, columns, rows)

    def copy_source(self) -> Copy | None:
        """``Y``: the failure groups in view, as TSV."""
        return tsv_copy(self.export_source())
