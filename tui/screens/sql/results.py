"""Results in tabs (the last few runs), each an Arrow-backed table or the error the run met, and
the status line above them (the :class:`~tui.screens.sql.running.QueryRunner`): running, rows
and time, caps, errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabPane

from tui.api.models.query import MAX_RESULT_ROWS
from tui.api.sql import location_of
from tui.screens.base import ShowsResults, renders
from tui.screens.navigation import OpenExport, OpenRun, OpenWorkflow
from tui.screens.sql.chart import ChartDialog
from tui.screens.sql.dialogs import TextDialog
from tui.screens.sql.outcome import Failed, Ran, Sent, cell_text
from tui.screens.sql.running import QueryRunner
from tui.session import session_of
from widgets.arrow_table import arrow_table
from widgets.tab_window import WholeTabs

if TYPE_CHECKING:
    from tui.screens.workflow.screen import WorkflowScreen

#: Result tabs kept; the oldest goes when a new one would pass this.
KEEP = 5


def _advice(sent: Sent) -> Static | None:
    """What the linter advised about the query, above its result, with the fix a key away."""
    if not sent.findings:
        return None
    lines = [Content.assemble(("⚠ ", "$text-warning"), f.message) for f in sent.findings]
    labels = [f.fix.label for f in sent.fixable if f.fix is not None]
    if labels:
        fixes = "; ".join(dict.fromkeys(labels))
        lines.append(Content.styled(f"  ctrl+f: {fixes}, and run again", "$text-accent"))
    return Static(Content("\n").join(lines), classes="result-advice")


class ResultsPane(ShowsResults, Vertical):
    BINDINGS = [
        Binding("c", "chart", "Chart", id="sql-chart"),
        Binding("y", "copy_cell", "Copy cell", id="sql-copy-cell"),
        Binding("e", "export", "Export", id="sql-export"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: Pane id -> what it shows.
        self.outcomes: dict[str, Ran | Failed] = {}

    def compose(self) -> ComposeResult:
        yield QueryRunner(
            Content.styled("ctrl+j runs the query under the cursor", "$text-muted"), id="sql-status"
        )
        with WholeTabs(id="result-tabs"), TabPane("Results", id="result-none"):
            yield Static(
                Content.styled(
                    "Results show here. ctrl+j (or ctrl+enter) runs the statement under the "
                    "cursor, or the selection; f8 opens the history.",
                    "$text-muted",
                ),
                classes="result-hint",
            )

    @property
    def tabs(self) -> WholeTabs:
        return self.query_one("#result-tabs", WholeTabs)

    @property
    def current(self) -> Ran | Failed | None:
        return self.outcomes.get(self.tabs.active)

    @property
    def runner(self) -> QueryRunner:
        return self.query_one(QueryRunner)

    def status(self, text: Content | str) -> None:
        self.runner.update(text)

    @on(QueryRunner.Ended)
    async def _ended(self, event: QueryRunner.Ended) -> None:
        await self.add(event.outcome)

    async def add(self, outcome: Ran | Failed) -> None:
        """A new tab in front for ``outcome``; the oldest goes past :data:`KEEP`."""
        number = outcome.sent.number
        pane_id = f"result-{number}"
        advice = _advice(outcome.sent)
        if isinstance(outcome, Ran):
            shown = outcome.shown if outcome.shown is not None else outcome.table
            body = arrow_table(shown, id=f"result-table-{number}")
            label = f"⚠ Result {number}" if advice is not None else f"Result {number}"
            pane = TabPane(label, *filter(None, [advice, body]), id=pane_id)
        else:
            error = self._error_body(outcome)
            pane = TabPane(f"✖ Error {number}", *filter(None, [advice, error]), id=pane_id)
        if self.tabs.query("#result-none"):
            await self.tabs.remove_pane("result-none")
        self.outcomes[pane_id] = outcome
        await self.tabs.add_pane(pane)
        self.tabs.active = pane_id
        while len(self.outcomes) > KEEP:
            oldest = next(iter(self.outcomes))
            del self.outcomes[oldest]
            await self.tabs.remove_pane(oldest)

    def _error_body(self, failed: Failed) -> VerticalScroll:
        error = failed.error
        lines: list[Content | str] = [Content.styled(error.short, "bold $text-error")]
        if error.advice:
            lines.append(error.advice)
        if error.position is not None:
            line, column = location_of(failed.sent.sql, error.position)
            where = f"At line {line + 1}, col {column + 1}: marked in the editor."
            lines.append(Content.styled(where, "$text-muted"))
        lines.append(Content.styled("f2: the full message, to read or copy.", "$text-muted"))
        return VerticalScroll(Static(Content("\n").join(lines)), classes="result-error")

    # -- actions on the result in front ---------------------------------------------------

    def action_chart(self) -> None:
        ran = self.current
        if not isinstance(ran, Ran):
            self.notify("Run a query first: c charts its result.", severity="warning")
            return
        dialog = ChartDialog.of(ran.shown if ran.shown is not None else ran.table)
        if dialog is None:
            why = "a chart needs a column of numbers (a count, a sum, a rate)"
            if not ran.result.rows:
                why = "the result has no rows"
            self.notify(f"Nothing to chart: {why}.", severity="warning", timeout=6)
            return
        self.app.push_screen(dialog)

    def _cell(self) -> tuple[str, object] | None:
        ran = self.current
        if not isinstance(ran, Ran):
            return None
        table = self.query_one(f"#result-table-{ran.sent.number}")
        row, column = table.cursor_coordinate  # type: ignore[attr-defined]
        if ran.names is not None:
            column = ran.names.of(column)[0]  # a name column stands for its uuid's
        rows, columns = ran.result.rows, ran.result.columns
        if not (0 <= row < len(rows) and 0 <= column < len(columns)):
            return None
        return columns[column], rows[row][column]

    def action_copy_cell(self) -> None:
        cell = self._cell()
        if cell is None:
            return
        text = cell_text(cell[1])
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {cell[0]} ({len(text):,} characters).", timeout=3)

    def action_export(self) -> None:
        """The result in front, through the export dialog, with its SQL as provenance."""
        ran = self.current
        if not isinstance(ran, Ran):
            self.notify("No result to export here: run a query first (ctrl+j).", timeout=4)
            return
        from tui.export import QueryResultSource

        # Named by the buffer it came from and its tab: "query 16 · Result 18", never the run
        # number dressed as a buffer's name ("query 18 result" was buffer 16's).
        label = f"{ran.sent.buffer_name} · Result {ran.sent.number}"
        source = QueryResultSource(result=ran.table, sql=ran.sent.sql, label=label)
        note = None
        if len(ran.result) >= MAX_RESULT_ROWS:  # not the whole answer: say so before writing
            note = (
                f"This result stopped at the {MAX_RESULT_ROWS:,}-row cap: the file holds those "
                "rows only. Aggregate, or narrow the query, to export all of it."
            )
        self.post_message(OpenExport(source, note))

    def on_data_table_cell_selected(self, event: object) -> None:
        cell = self._cell()
        if cell is None:
            return
        from tui.screens.sql.names import kind_of
        from tui.session.discovery import UUID

        kind = kind_of(cell[0])
        if kind is not None and isinstance(cell[1], str) and UUID.fullmatch(cell[1]):
            self.open_uuid(kind, cell[1])
            return
        self.app.push_screen(TextDialog(f"{cell[0]}", cell_text(cell[1])))

    def open_uuid(self, kind: str, uuid: str) -> None:
        """``enter`` on a workflow, batch, release or run uuid: that resource."""
        if kind == "workflow":
            self.post_message(OpenWorkflow(uuid))
            return
        if kind == "run":
            self.post_message(OpenRun(None, uuid, ("SQL", f"run {uuid[:8]}")))
            return

        self.find_workflow(kind, uuid)

    @work(group="open-uuid", exit_on_error=False)
    async def find_workflow(self, kind: str, uuid: str) -> OpenWorkflow:
        """The workflow a batch or a release belongs to, opened on it."""
        client = await session_of(self.app).connect()
        if kind == "batch":
            batch = await client.orchestration.batch.get(uuid)

            async def runs(screen: WorkflowScreen) -> None:
                screen.open_runs(batch)

            return OpenWorkflow(batch.workflow_uuid, runs)
        release = await client.orchestration.release.get(uuid)
        return OpenWorkflow(release.workflow_uuid)

    @renders(OpenWorkflow)
    def _found(self, opening: OpenWorkflow) -> None:
        self.post_message(opening)

    def error_text(self) -> tuple[str, str] | None:
        """The error in front, in full (for the f2 viewer)."""
        failed = self.current
        if not isinstance(failed, Failed):
            failed = next(
                (o for o in reversed(self.outcomes.values()) if isinstance(o, Failed)), None
            )
        if failed is None:
            return None
        return f"Error {failed.sent.number}", failed.error.full
