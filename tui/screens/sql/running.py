"""Running a query from the editor: the linter's say first, then the request (cancellable with
escape, timed as it runs), then the result or the error, marked in the buffer; and ``f4``."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from tui.api.errors import CargoError, ForbiddenError, RequestError
from tui.api.sql import Finding, QueryToRun, ServerError, Severity
from tui.screens.base import CargoScreen, renders
from tui.screens.sql.dialogs import LintDialog
from tui.screens.sql.editor import SqlTextArea
from tui.screens.sql.outcome import Failed, Ran, Sent
from tui.screens.sql.results import ResultsPane

if TYPE_CHECKING:
    from tui.api.sql.schema import Schema
    from tui.screens.sql.editor import Completer
    from tui.state.history import History


class Running(CargoScreen):
    """The run half of the SQL editor (the screen supplies the editor, results and history)."""

    completer: Completer | None
    history: History | None

    def __init__(self) -> None:
        super().__init__()
        self.runs = 0
        #: The query the user chose to send despite the linter's warnings.
        self.acknowledged: str | None = None
        self.sending: Sent | None = None
        self.started = 0.0
        self.ticker: Timer | None = None
        self.query_worker: Worker[Ran] | None = None

    @property
    def editor(self) -> SqlTextArea | None:
        raise NotImplementedError

    @property
    def results(self) -> ResultsPane:
        raise NotImplementedError

    def schema(self) -> Schema:
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self.query_worker is not None and self.query_worker.is_running

    # -- ctrl+j ----------------------------------------------------------------------------

    def action_run(self) -> None:
        from tui.api.sql import query_to_run

        editor = self.editor
        if editor is None:
            return
        if self.completer is not None:
            self.completer.close()
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
            self.results.status(
                Content.styled("Nothing to run: the buffer is blank.", "$text-warning")
            )
            return
        self.check_and_send(editor, chosen)

    def _too_large(self, editor: SqlTextArea, selected: bool) -> bool:
        """Refuse a selection, or a whole buffer, past the service's query size before
        splitting or linting it: reading a pasted megabyte would freeze the editor."""
        from tui.api.sql.refusals import too_large

        text = editor.selected_text if selected else editor.text
        why = too_large(text, "The selection" if selected else "The buffer")
        if why is None:
            return False
        self.results.status(Content.assemble(("✖ Not sent: ", "bold $text-error"), why))
        self.notify(why, title="Refused before sending", severity="error", timeout=8)
        return True

    def check_and_send(self, editor: SqlTextArea, chosen: QueryToRun) -> None:
        from tui.api.sql import lint

        findings = lint(chosen.sql, self.schema())
        refusals = [f.shifted(chosen.start) for f in findings if f.blocking]
        if refusals:
            first = refusals[0]
            editor.select_offsets(first.start, first.end)
            self.results.status(
                Content.assemble(("✖ Not sent: ", "bold $text-error"), first.message)
            )
            self.notify(first.message, title="Refused before sending", severity="error", timeout=8)
            return
        warnings = [f for f in findings if f.severity is not Severity.INFO]
        if warnings and chosen.sql != self.acknowledged:

            def answered(answer: str | None) -> None:
                if answer == "send":
                    self.acknowledged = chosen.sql
                    self.send(editor, chosen)
                elif answer is not None and answer.startswith("fix:"):
                    self._fix(editor, chosen, warnings, answer.removeprefix("fix:"))

            self.app.push_screen(LintDialog(warnings), answered)
            return
        self.send(editor, chosen)

    def _fix(
        self, editor: SqlTextArea, chosen: QueryToRun, found: list[Finding], which: str
    ) -> None:
        """Make the chosen fix (or all of them) in the buffer, then check and send again."""
        from tui.api.sql import fix_all, location_of

        if editor.text[chosen.start : chosen.end] != chosen.sql:
            return  # the buffer changed meanwhile: do not edit blindly
        fixable = [finding for finding in found if finding.fix is not None]
        if which == "all":
            rules = frozenset(finding.rule for finding in fixable)
            fixed = fix_all(chosen.sql, self.schema(), rules=rules)
        else:
            fix = fixable[int(which) - 1].fix
            fixed = fix.apply(chosen.sql) if fix is not None else chosen.sql
        text = editor.text
        editor.replace(fixed, location_of(text, chosen.start), location_of(text, chosen.end))
        self.check_and_send(editor, QueryToRun(fixed, chosen.start, chosen.start + len(fixed)))

    def send(self, editor: SqlTextArea, chosen: QueryToRun) -> None:
        self.runs += 1
        sent = Sent(self.runs, chosen.sql, editor.id or "", editor.text, chosen.start)
        self.sending = sent
        self.started = time.monotonic()
        self._show_running()
        if self.ticker is None:
            self.ticker = self.set_interval(0.1, self._show_running)
        else:
            self.ticker.resume()
        self.query_worker = self.run_query(sent)

    def _show_running(self) -> None:
        if self.running or self.sending is not None:
            took = time.monotonic() - self.started
            self.results.status(
                Content.assemble(
                    ("◌ ", "$text-accent"),
                    f"Running query {self.runs}… {took:.1f} s",
                    ("  esc cancels", "$text-muted"),
                )
            )

    @work(exclusive=True, group="query", exit_on_error=False)
    async def run_query(self, sent: Sent) -> Ran:
        from tui.api.sql import server_words, shorten_error
        from widgets.arrow_table import records_to_arrow

        client = await self.session.connect()
        started = time.monotonic()
        try:
            result = await client.orchestration.query.execute(sent.sql)
        except CargoError as error:
            said = shorten_error(server_words(error), sent.sql)
            await self._remember(sent.sql, started, error=said.short, cap=said.cap)
            raise
        except asyncio.CancelledError:
            await self._remember(sent.sql, started, error="cancelled")
            raise
        table = await asyncio.to_thread(lambda: records_to_arrow(result.as_dicts()))
        await self._remember(sent.sql, started, rows=len(result))
        from tui.screens.sql.names import look_up, with_names

        names = await look_up(client, self.session.discovered, result.columns, result.rows)
        shown = with_names(table, names) if names.words else None
        return Ran(sent, result, table, names, shown)

    async def _remember(
        self,
        sql: str,
        started: float,
        *,
        rows: int | None = None,
        error: str | None = None,
        cap: Any = None,
    ) -> None:
        if self.history is None:
            return
        took = round((time.monotonic() - started) * 1000)
        history = self.history
        await asyncio.to_thread(
            history.record,
            sql,
            duration_ms=took,
            rows=rows,
            error=error,
            cap=str(cap) if cap else None,
        )

    # -- escape ----------------------------------------------------------------------------

    def action_cancel_or_back(self) -> None:
        if self.running and self.query_worker is not None:
            self.query_worker.cancel()
            return
        if self.completer is not None and self.completer.editor is not None:
            self.completer.close()
            return
        self.app.pop_screen()

    # -- what came back --------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # CargoScreen's handler runs as well (Textual calls each class's): success and errors.
        if event.worker.group == "query" and event.state == WorkerState.CANCELLED:
            self._stop_ticker()
            took = time.monotonic() - self.started
            self.results.status(
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
        self.results.status(describe(ran))
        self.call_later(self.results.add, ran)

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
        self.results.status(
            Content.assemble(
                ("✖ ", "bold $text-error"), said.short, ("  f2 full text", "$text-muted")
            )
        )
        self._mark(sent, said)
        self.call_later(self.results.add, Failed(sent, said))

    def _mark(self, sent: Sent, said: ServerError) -> None:
        """Put the cursor where the server says the error is, if the buffer is unchanged."""
        if said.position is None:
            return
        editor = self.query(f"#{sent.editor_id}").first(SqlTextArea) if sent.editor_id else None
        if editor is None or editor.text != sent.buffer_text:
            return
        at = sent.start + said.position
        end = at
        text = editor.text
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        editor.select_offsets(at, end)

    # -- f4 --------------------------------------------------------------------------------

    def action_format(self) -> None:
        from tui.api.sql import format_sql, location_of

        editor = self.editor
        if editor is None:
            return
        text = editor.text
        formatted = format_sql(text)
        if not formatted.complete:
            self.results.status(Content.styled(" ".join(formatted.notes), "$text-warning"))
            self.notify("\n".join(formatted.notes), title="Not formatted", severity="warning")
            return
        if formatted.text != text:
            editor.replace(formatted.text, (0, 0), location_of(text, len(text)))
        self.results.status(Content.styled("Formatted.", "$text-muted"))


def describe(ran: Ran) -> Content:
    """``✔ Result 3 · 4 rows · 38 ms`` and any cap the result reached."""
    result = ran.result
    parts: list[Content | str | tuple[str, str]] = [
        ("✔ ", "bold $text-success"),
        f"Result {ran.sent.number} · {len(result):,} row{'' if len(result) == 1 else 's'} · "
        f"{result.elapsed * 1000:,.0f} ms",
    ]
    for note in result.notes:
        parts.append(("  ⚠ " + note, "$text-warning"))
    return Content.assemble(*parts)
