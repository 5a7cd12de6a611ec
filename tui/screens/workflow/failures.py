"""The Failures tab: failed runs grouped by node and normalised error, counted on the server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
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
from widgets.humanize import count
from widgets.list_keys import ListTable

if TYPE_CHECKING:
    from tui.export import RowsSource
    from tui.screens.workflow.screen import WorkflowScreen


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
        table = self.query_one("#failures-table", DataTable)
        for label in ("node", "failures", "share", "first seen", "last seen", "error"):
            table.add_column(label, key=label)

    @on(Select.Changed, "#failures-scope")
    def _scope_changed(self) -> None:
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
        table = self.query_one("#failures-table", DataTable)
        table.clear()
        total = sum(g.failures for g in groups) or 1
        for index, group in enumerate(groups):
            table.add_row(
                group.node_slug,
                Text(count(group.failures), "bold red"),
                f"{group.failures / total:.0%}",
                group.first_seen[:16],
                group.last_seen[:16],
                Text(group.message),
                key=str(index),
            )
        note = self.query_one("#failure-example", Static)
        if not groups:
            note.update("No failures in this scope.")
        else:
            note.update(
                f"{len(groups)} groups · {count(sum(g.failures for g in groups))} failed executions"
                "   enter: the runs of a group"
            )

    @on(DataTable.RowHighlighted, "#failures-table")
    def _example(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None or not self.groups:
            return
        group = self.groups[int(event.row_key.value)]
        self.query_one("#failure-example", Static).update(
            Text.assemble(
                ("example  ", "dim"), group.example, ("   run ", "dim"), group.example_run
            )
        )

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
