"""Running a query from the editor, on the status line above the results: the linter's say
first, then the request (cancellable with escape, timed as it runs, kept in the history), then
what it ended with, said on the line and posted for the results to show.

Only what the server would certainly refuse holds a query; the linter's advice (no time range,
no LIMIT, SELECT *) never costs a keystroke: the query runs, the advice shows with its result
and is marked in the buffer, and ``ctrl+f`` makes its fixes and runs the query again."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any, Literal

from textual import work
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.visual import VisualType
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.api.errors import CargoError, ForbiddenError, RequestError
from tui.api.sql import Finding, QueryToRun, Rule, ServerError, Severity, location_of
from tui.screens.base import ShowsResults, renders
from tui.screens.sql.editor import SqlTextArea
from tui.screens.sql.outcome import Failed, Ran, Sent
from tui.session import session_of
from widgets.humanize import plural
from widgets.marked_text_area import Mark

if TYPE_CHECKING:
    from tui.api.sql.schema import Schema
    from tui.state.history import History


class QueryRunner(ShowsResults, Static):
    """The status line, and the query it runs: :meth:`run` sends what ``ctrl+j`` chose in an
    editor, :meth:`cancel` stops it, :class:`Ended` brings back what it ended with."""

    class Ended(Message):
        """A query came back: its result, or the error that refused it."""

        def __init__(self, outcome: Ran | Failed) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, content: Content, *, id: str | None = None) -> None:
        super().__init__(content, id=id)
        #: Where each query sent is recorded (the workspace's, once it is open).
        self.history: History | None = None
        self.runs = 0
        self.sending: Sent | None = None
        self.started = 0.0
        self.ticker: Timer | None = None
        self.query_worker: Worker[Ran] | None = None
        #: Lines the status took when the ticker last said it (0: not the ticker's).
        self._lines = 0

    @property
    def running(self) -> bool:
        return self.query_worker is not None and self.query_worker.is_running

    # -- ctrl+j ----------------------------------------------------------------------------

    def run(self, editor: SqlTextArea, schema: Schema) -> None:
        """Send the statement under ``editor``'s cursor, or its selection, once checked."""
        from tui.api.sql import query_to_run

        if self.running:
            self.notify("A query is running: escape cancels it.", severity="warning", timeout=3)
            return
        start, end = editor.selection
        if self._too_large(editor, start != end):
            return
        chosen = query_to_run(
            editor.text, editor.cursor_location, (start, end) if start != end else None
        )
        if chosen is None:
            self.update(Content.styled("Nothing to run: the buffer is blank.", "$text-warning"))
            return
        self._check_and_send(editor, chosen, schema)

    def _too_large(self, editor: SqlTextArea, selected: bool) -> bool:
        """Refuse a selection, or a whole buffer, past the service's query size before
        splitting or linting it: reading a pasted megabyte would freeze the editor."""
        from tui.api.sql.refusals import too_large

        text = editor.selected_text if selected else editor.text
        why = too_large(text, "The selection" if selected else "The buffer")
        if why is None:
            return False
        self._refused(why)
        return True

    def _refused(self, why: str) -> None:
        self.update(Content.assemble(("✖ Not sent: ", "bold $text-error"), why))
        self.notify(why, title="Refused before sending", severity="error", timeout=8)

    def _check_and_send(self, editor: SqlTextArea, chosen: QueryToRun, schema: Schema) -> None:
        from tui.api.sql import lint

        findings = [finding.shifted(chosen.start) for finding in lint(chosen.sql, schema)]
        refusals = [finding for finding in findings if finding.blocking]
        if refusals:
            first = refusals[0]
            editor.select_offsets(first.start, first.end)
            self._refused(first.message)
            return
        self._send(editor, chosen, tuple(f for f in findings if _advice(f)))

    def fix(self, editor: SqlTextArea, sent: Sent, schema: Schema) -> None:
        """``ctrl+f``: make the fixes the linter offered for ``sent`` (its query, in
        ``editor`` as it was then), and run the fixed query."""
        from tui.api.sql import fix_all

        text = editor.text
        rules = frozenset(finding.rule for finding in sent.fixable)
        fixed = fix_all(sent.sql, schema, rules=rules)
        end = sent.start + len(sent.sql)
        editor.replace(fixed, location_of(text, sent.start), location_of(text, end))
        self._check_and_send(editor, QueryToRun(fixed, sent.start, sent.start + len(fixed)), schema)

    def _send(self, editor: SqlTextArea, chosen: QueryToRun, findings: tuple[Finding, ...]) -> None:
        self.runs += 1
        sent = Sent(
            self.runs,
            chosen.sql,
            editor.id or "",
            editor.buffer_name,
            editor.text,
            chosen.start,
            findings,
        )
        self.sending = sent
        self.started = time.monotonic()
        self._show_running()
        if self.ticker is None:
            self.ticker = self.set_interval(0.1, self._show_running)
        else:
            self.ticker.resume()
        self.query_worker = self.run_query(sent, self.history)

    def _show_running(self) -> None:
        if self.running or self.sending is not None:
            took = time.monotonic() - self.started
            said = Content.assemble(
                ("◌ ", "$text-accent"),
                f"Running query {self.runs}… {took:.1f} s",
                ("  esc cancels", "$text-muted"),
            )
            self._say(said)

    def _say(self, said: Content) -> None:
        """The line, laid out again only if its height changes (a wrap): a layout reflows
        and repaints the whole screen (each tick of the running line, the result's line
        just before its table is laid out anyway)."""
        lines = len(said.wrap(max(1, self.content_region.width)))
        self.update(said, layout=lines != self._lines)
        self._lines = lines

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._lines = 0  # unknown: the next tick lays out
        super().update(content, layout=layout)

    @work(exclusive=True, group="query", exit_on_error=False)
    async def run_query(self, sent: Sent, history: History | None) -> Ran:
        from tui.api.sql import server_words, shorten_error
        from tui.screens.sql.names import look_up, with_names
        from widgets.arrow_table import rows_to_arrow

        session = session_of(self.app)
        client = await session.connect()
        started = time.monotonic()
        try:
            result = await client.orchestration.query.execute(sent.sql)
        except CargoError as error:
            said = shorten_error(server_words(error), sent.sql)
            await _remember(history, sent.sql, started, error=said.short, cap=said.cap)
            raise
        except asyncio.CancelledError:
            await _remember(history, sent.sql, started, error="cancelled")
            raise
        # The history is written while the rows become a table (its file is no reason to wait).
        table, _ = await asyncio.gather(
            asyncio.to_thread(rows_to_arrow, result.columns, result.rows),
            _remember(history, sent.sql, started, rows=len(result)),
        )
        names = await look_up(client, session.discovered, result.columns, result.rows)
        shown = with_names(table, names) if names.words else None
        return Ran(sent, result, table, names, shown)

    # -- escape ----------------------------------------------------------------------------

    def cancel(self) -> bool:
        """Cancel the query running, if one is (True: one was)."""
        if self.running and self.query_worker is not None:
            self.query_worker.cancel()
            return True
        return False

    # -- what came back --------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # ShowsResults' handler runs as well (Textual calls each class's): success and errors.
        if event.worker.group == "query" and event.state == WorkerState.CANCELLED:
            self._stop_ticker()
            took = time.monotonic() - self.started
            self.update(
                Content.assemble(
                    ("■ ", "$text-warning"), f"Query {self.runs} cancelled after {took:.1f} s."
                )
            )

    def _stop_ticker(self) -> None:
        self.sending = None
        if self.ticker is not None:
            self.ticker.pause()

    @renders(Ran)
    def _ran(self, ran: Ran) -> None:
        self._stop_ticker()
        self._say(describe(ran))
        self._mark_findings(ran.sent)
        self.post_message(self.Ended(ran))

    def show_failure(self, group: str, error: BaseException | None) -> None:
        sent = self.sending
        if group != "query" or sent is None:
            super().show_failure(group, error)
            return
        self._stop_ticker()
        if not isinstance(error, CargoError):
            super().show_failure(group, error)
            return
        from tui.api.sql import server_words, shorten_error

        if not isinstance(error, RequestError) or isinstance(error, ForbiddenError):
            # Not a refusal of the SQL (no answer, sign-in, a token that may not query, rate
            # limit, a server failure, an odd answer): the client's own words say what failed
            # and what to do.
            said = ServerError(str(error), error.detail or str(error))
        else:
            said = shorten_error(server_words(error), sent.sql)
        self.update(
            Content.assemble(
                ("✖ ", "bold $text-error"), said.short, ("  f2 full text", "$text-muted")
            )
        )
        self._mark_findings(sent)
        self._mark(sent, said)
        self.post_message(self.Ended(Failed(sent, said)))

    def editor_of(self, sent: Sent) -> SqlTextArea | None:
        """The editor ``sent`` came from, if it is still open and its text unchanged since."""
        found = self.screen.query(f"#{sent.editor_id}") if sent.editor_id else None
        editor = found.first(SqlTextArea) if found else None
        return editor if editor is not None and editor.text == sent.buffer_text else None

    def _mark_findings(self, sent: Sent) -> None:
        """Mark what the linter advised in the buffer (until it is edited)."""
        editor = self.editor_of(sent)
        if editor is None:
            return
        text = editor.text
        editor.set_marks(
            Mark(location_of(text, f.start), location_of(text, f.end), _mark_severity(f))
            for f in sent.findings
        )

    def _mark(self, sent: Sent, said: ServerError) -> None:
        """Put the cursor where the server says the error is, if the buffer is unchanged."""
        if said.position is None:
            return
        editor = self.editor_of(sent)
        if editor is None:
            return
        at = sent.start + said.position
        end = at
        text = editor.text
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        editor.select_offsets(at, end)


def _advice(finding: Finding) -> bool:
    """Whether to show ``finding`` with the result. A syntax error is not: the server has the
    last word (sqlglot reads less than ClickHouse), and its error says more if it refuses."""
    return finding.severity is not Severity.INFO and finding.rule is not Rule.PARSE_ERROR


def _mark_severity(finding: Finding) -> Literal["error", "warning"]:
    return "error" if finding.severity is Severity.ERROR else "warning"


async def _remember(
    history: History | None,
    sql: str,
    started: float,
    *,
    rows: int | None = None,
    error: str | None = None,
    cap: Any = None,
) -> None:
    """Record the query in ``history`` (when there is one), with how long it took."""
    if history is None:
        return
    took = round((time.monotonic() - started) * 1000)
    await asyncio.to_thread(
        history.record,
        sql,
        duration_ms=took,
        rows=rows,
        error=error,
        cap=str(cap) if cap else None,
    )


def describe(ran: Ran) -> Content:
    """``✔ Result 3 · 4 rows · 38 ms`` and any cap the result reached."""
    result = ran.result
    parts: list[Content | str | tuple[str, str]] = [
        ("✔ ", "bold $text-success"),
        f"Result {ran.sent.number} · {plural(len(result), 'row')} · "
        f"{result.elapsed * 1000:,.0f} ms",
    ]
    for note in result.notes:
        parts.append(("  ⚠ " + note, "$text-warning"))
    parts.append(advised(ran.sent))
    return Content.assemble(*parts)


def advised(sent: Sent) -> Content:
    """``  ⚠ 1 warning below · ctrl+f fixes it``, or nothing when the linter had no advice."""
    count = len(sent.findings)
    if not count:
        return Content()
    said = f"  ⚠ {count} warning{'' if count == 1 else 's'} below"
    if sent.fixable:
        said += f" · ctrl+f fixes {'it' if count == 1 else 'them'}"
    return Content.styled(said, "$text-warning")
