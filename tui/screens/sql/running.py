"""Running a query from the editor, on the status line above the results: the linter's say
first, then the request (cancellable with escape, timed as it runs, kept in the history), then
what it ended with, said on the line and posted for the results to show."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.api.errors import CargoError, ForbiddenError, RequestError
from tui.api.sql import Finding, QueryToRun, ServerError, Severity
from tui.screens.base import ShowsResults, renders
from tui.screens.sql.dialogs import LintDialog
from tui.screens.sql.editor import SqlTextArea
from tui.screens.sql.outcome import Failed, Ran, Sent
from tui.session import session_of
from widgets.humanize import plural

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
        #: The query the user chose to send despite the linter's warnings.
        self.acknowledged: str | None = None
        self.sending: Sent | None = None
        self.started = 0.0
        self.ticker: Timer | None = None
        self.query_worker: Worker[Ran] | None = None

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

        findings = lint(chosen.sql, schema)
        refusals = [f.shifted(chosen.start) for f in findings if f.blocking]
        if refusals:
            first = refusals[0]
            editor.select_offsets(first.start, first.end)
            self._refused(first.message)
            return
        warnings = [f for f in findings if f.severity is not Severity.INFO]
        if warnings and chosen.sql != self.acknowledged:

            def answered(answer: str | None) -> None:
                if answer == "send":
                    self.acknowledged = chosen.sql
                    self._send(editor, chosen)
                elif answer is not None and answer.startswith("fix:"):
                    self._fix(editor, chosen, schema, warnings, answer.removeprefix("fix:"))

            self.app.push_screen(LintDialog(warnings), answered)
            return
        self._send(editor, chosen)

    def _fix(
        self,
        editor: SqlTextArea,
        chosen: QueryToRun,
        schema: Schema,
        found: list[Finding],
        which: str,
    ) -> None:
        """Make the chosen fix (or all of them) in the buffer, then check and send again."""
        from tui.api.sql import fix_all, location_of

        if editor.text[chosen.start : chosen.end] != chosen.sql:
            return  # the buffer changed meanwhile: do not edit blindly
        fixable = [finding for finding in found if finding.fix is not None]
        if which == "all":
            rules = frozenset(finding.rule for finding in fixable)
            fixed = fix_all(chosen.sql, schema, rules=rules)
        else:
            fix = fixable[int(which) - 1].fix
            fixed = fix.apply(chosen.sql) if fix is not None else chosen.sql
        text = editor.text
        editor.replace(fixed, location_of(text, chosen.start), location_of(text, chosen.end))
        fixed_query = QueryToRun(fixed, chosen.start, chosen.start + len(fixed))
        self._check_and_send(editor, fixed_query, schema)

    def _send(self, editor: SqlTextArea, chosen: QueryToRun) -> None:
        self.runs += 1
        sent = Sent(self.runs, chosen.sql, editor.id or "", editor.text, chosen.start)
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
            self.update(
                Content.assemble(
                    ("◌ ", "$text-accent"),
                    f"Running query {self.runs}… {took:.1f} s",
                    ("  esc cancels", "$text-muted"),
                )
            )

    @work(exclusive=True, group="query", exit_on_error=False)
    async def run_query(self, sent: Sent, history: History | None) -> Ran:
        from tui.api.sql import server_words, shorten_error
        from tui.screens.sql.names import look_up, with_names
        from widgets.arrow_table import records_to_arrow

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
        table = await asyncio.to_thread(lambda: records_to_arrow(result.as_dicts()))
        await _remember(history, sent.sql, started, rows=len(result))
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
        self.update(describe(ran))
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
        self._mark(sent, said)
        self.post_message(self.Ended(Failed(sent, said)))

    def _mark(self, sent: Sent, said: ServerError) -> None:
        """Put the cursor where the server says the error is, if the buffer is unchanged."""
        if said.position is None:
            return
        found = self.screen.query(f"#{sent.editor_id}") if sent.editor_id else None
        editor = found.first(SqlTextArea) if found else None
        if editor is None or editor.text != sent.buffer_text:
            return
        at = sent.start + said.position
        end = at
        text = editor.text
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        editor.select_offsets(at, end)


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
    return Content.assemble(*parts)
