"""The SQL editor: schema sidebar, buffers in tabs, results in tabs, history and saved queries.

Workers fetch (the workspace's buffers and schema); handlers render. Running a query, cancelling
it and the linter's say before sending are the
:class:`~tui.screens.sql.running.QueryRunner`'s, the status line above the results.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content

from tui.screens.base import CargoScreen, renders
from tui.screens.sql.buffer_tabs import BufferTabs, TypedEarly
from tui.screens.sql.dialogs import NameDialog, TextDialog
from tui.screens.sql.editor import Completer, CompletionMenu, SqlTextArea
from tui.screens.sql.history import HistoryDialog
from tui.screens.sql.results import ResultsPane
from tui.screens.sql.running import QueryRunner
from tui.screens.sql.save_dialog import SaveQueryDialog
from tui.screens.sql.sidebar import SchemaSidebar
from tui.state.buffers import Buffer, Buffers, BufferWriter, load_buffers
from tui.state.history import DEFAULT_CAP, History, HistoryEntry
from tui.state.saved_queries import SavedQueries, SavedQuery
from tui.state.schema_cache import KnownSchema, as_schema, describe, load_cached, save
from widgets.footer import Footer

#: Seconds between two saves of the buffers while typing.
SAVE_EVERY = 1.0


@dataclass
class Opened:
    """What the editor reads from disk for a workspace when it opens."""

    workspace_uuid: str
    buffers: Buffers
    warnings: list[str]
    schema: KnownSchema | None
    queries: list[SavedQuery]


class SqlScreen(CargoScreen):
    crumbs = ("SQL editor",)
    BINDINGS = [
        Binding("ctrl+j,ctrl+enter", "run", "Run", id="sql-run"),
        Binding("f4", "format", "Format", id="sql-format"),
        Binding("f8", "history", "History", id="sql-history"),
        Binding("ctrl+s", "save", "Save", id="sql-save"),
        Binding("ctrl+b", "toggle_sidebar", "Tables", id="sql-sidebar"),
        Binding("escape", "cancel_or_back", "Cancel/back", id="sql-back"),
        Binding("ctrl+space,ctrl+@", "complete", "Complete", show=False, id="sql-complete"),
        Binding("f2", "error_details", "Error text", show=False, id="sql-error-details"),
        Binding("ctrl+f", "fix", "Fix", show=False, id="sql-fix"),
        Binding("ctrl+n", "new_buffer", "New buffer", show=False, id="sql-new-buffer"),
        Binding("ctrl+r", "rename_buffer", "Rename buffer", show=False, id="sql-rename-buffer"),
        Binding("ctrl+g", "close_buffer", "Close buffer", show=False, id="sql-close-buffer"),
        Binding("alt+right,ctrl+pagedown", "buffer(1)", "Next buffer", show=False, id="sql-next"),
        Binding("alt+left,ctrl+pageup", "buffer(-1)", "Previous buffer", show=False, id="sql-prev"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: Queries to open in buffers of their own once the buffers load (pasted command lines).
        self.pasted: list[str] = []
        self.workspace_uuid: str | None = None
        self.known = KnownSchema.default()
        self.saved = SavedQueries()
        self.writer: BufferWriter | None = None
        self.completer: Completer | None = None
        self.typed_early = TypedEarly()

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="sql-main"):
            yield SchemaSidebar(id="sql-sidebar", classes="panel")
            with Vertical(id="sql-work"):
                yield BufferTabs(id="sql-buffers")
                yield ResultsPane(id="sql-results")
        yield CompletionMenu(id="sql-completion")
        yield Footer()

    @property
    def buffers(self) -> BufferTabs:
        return self.query_one(BufferTabs)

    @property
    def results(self) -> ResultsPane:
        return self.query_one(ResultsPane)

    @property
    def runner(self) -> QueryRunner:
        return self.results.runner

    @property
    def running(self) -> bool:
        return self.runner.running

    @property
    def history(self) -> History | None:
        """Where the queries run are recorded (None until the workspace is open)."""
        return self.runner.history

    @property
    def editor(self) -> SqlTextArea | None:
        return self.buffers.active

    def schema(self) -> Any:
        return as_schema(self.known)

    def on_mount(self) -> None:
        # CargoScreen.on_mount runs too: Textual calls each class's handler.
        self.completer = Completer(self.query_one(CompletionMenu), self.schema)
        self.buffers.loading = True
        self.load_workspace()
        self.warm_up()
        self.set_interval(SAVE_EVERY, self.save_buffers)
        self.app.app_suspend_signal.subscribe(self, lambda _: self.flush())

    def on_screen_resume(self) -> None:
        """Back to the editor kept alive: all is as left, but a workspace that did not answer
        is asked again."""
        loading = any(
            w.node is self and w.group == "workspace" and w.is_running for w in self.workers
        )
        if self.workspace_uuid is None and not loading and self.is_mounted:
            self.buffers.loading = True
            self.load_workspace()

    # -- opening: buffers, saved queries, the schema ---------------------------------------

    @work(group="workspace", exit_on_error=False)
    async def load_workspace(self) -> Opened:
        await self.session.connect()
        assert self.session.whoami is not None
        uuid = self.session.whoami.workspace.uuid

        def read() -> Opened:
            buffers, warnings = load_buffers(uuid)
            return Opened(uuid, buffers, warnings, load_cached(uuid), self.saved.all())

        return await asyncio.to_thread(read)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        """Load the linter's parser and Arrow now, so the first ctrl+j does not wait for them."""
        from tui.api.sql import lint

        lint("SELECT 1")
        from widgets.arrow_table import warm_up

        warm_up()

    @work(exclusive=True, group="schema", exit_on_error=False)
    async def describe_schema(self, workspace_uuid: str) -> KnownSchema:
        known = await describe(await self.session.connect())
        await asyncio.to_thread(save, workspace_uuid, known)
        return known

    @renders(Opened)
    def _workspace_read(self, opened: Opened) -> None:
        self.call_later(self._opened, opened)

    @renders(KnownSchema)
    def _schema_described(self, known: KnownSchema) -> None:
        if known.described or not self.known.described:
            self.known = known
        self._show_sidebar()

    def show_failure(self, group: str, error: BaseException | None) -> None:
        if group == "schema":
            self.query_one(SchemaSidebar).border_subtitle = "default schema (DESCRIBE failed)"
        elif group == "warm-up":
            return
        else:
            if group == "workspace":
                self.buffers.loading = False
                self.results.status("The workspace did not answer: escape, then s, to try again.")
            super().show_failure(group, error)

    async def _opened(self, opened: Opened) -> None:
        self.workspace_uuid = opened.workspace_uuid
        self.writer = BufferWriter(opened.workspace_uuid, interval=SAVE_EVERY)
        settings = self.session.settings
        cap = settings.history_limit if settings is not None else DEFAULT_CAP
        self.runner.history = History(opened.workspace_uuid, cap=cap)
        if opened.schema is not None:
            self.known = opened.schema
        for warning in opened.warnings:
            self.notify(warning, title="SQL buffers", severity="warning", timeout=10)
        self._show_sidebar(opened.queries)
        await self.buffers.load(opened.buffers)
        self.buffers.loading = False
        for sql in self.pasted:
            await self.open_buffer(self.buffers.unused_name(), sql)
        self.pasted.clear()
        if self.editor is not None:
            self.focus_now(self.editor)  # the keys right behind go to it, not to the sidebar
            self.typed_early.type_into(self.editor)
        self.describe_schema(opened.workspace_uuid)

    def open_pasted(self, sql: str) -> None:
        """``sql`` (a pasted command line's) in a buffer of its own: now, or once the buffers
        have loaded."""
        if not self.typed_early.released:
            self.pasted.append(sql)
            return
        self.run_worker(self.open_buffer(self.buffers.unused_name(), sql))

    def take_key(self, event: events.Key) -> bool:
        """Keep what is typed while the buffers load (the app's ``on_key`` hands over the
        keys no widget took, this screen's and those routed to the screen before it)."""
        return self.typed_early.take(event)

    def _show_sidebar(self, queries: list[SavedQuery] | None = None) -> None:
        self.query_one(SchemaSidebar).show(self.known, queries or self.saved.all())

    # -- ctrl+j, escape, f4 ----------------------------------------------------------------

    def action_run(self) -> None:
        editor = self.editor
        if editor is None:
            return
        if self.completer is not None:
            self.completer.close()
        self.runner.run(editor, self.schema())

    def action_fix(self) -> None:
        """Make the fixes the linter offered for the result in front, and run it again."""
        outcome = self.results.current
        if outcome is None or not outcome.sent.fixable:
            self.notify("Nothing to fix in the result in front.", timeout=3)
            return
        sent = outcome.sent
        editor = self.runner.editor_of(sent)
        if editor is None:
            self.notify(
                f"{sent.buffer_name!r} changed since query {sent.number} ran: ctrl+j runs it "
                "again, and says what to fix.",
                severity="warning",
                timeout=6,
            )
            return
        self.buffers.show(editor)
        self.runner.fix(editor, sent, self.schema())

    def action_cancel_or_back(self) -> None:
        if self.runner.cancel():
            return
        if self.completer is not None and self.completer.editor is not None:
            self.completer.close()
            return
        self.app.pop_screen()

    def action_format(self) -> None:
        editor = self.editor
        if editor is None:
            return
        notes = editor.format()
        if notes:
            self.results.status(Content.styled(" ".join(notes), "$text-warning"))
            self.notify("\n".join(notes), title="Not formatted", severity="warning")
            return
        self.results.status(Content.styled("Formatted.", "$text-muted"))

    # -- saving the buffers as the user types ----------------------------------------------

    def save_buffers(self) -> None:
        if self.writer is None:
            return
        self.writer.update(self.buffers.snapshot())
        self.writer.tick()
        if self.writer.error:
            self.results.status(f"⚠ {self.writer.error}")

    def flush(self) -> None:
        if self.writer is not None:
            self.writer.update(self.buffers.snapshot())
            self.writer.flush()

    def on_screen_suspend(self) -> None:
        # A screen or dialog opens over the editor (help, history, export...): the dropdown
        # would wait under it, and be adrift when the editor shows again.
        if self.completer is not None:
            self.completer.close()
        self.flush()

    def on_unmount(self) -> None:
        # The panes are gone by now: write the last snapshot taken.
        if self.writer is not None:
            self.writer.flush()

    @on(SqlTextArea.Changed)
    def _typed(self, event: SqlTextArea.Changed) -> None:
        editor = event.text_area
        if isinstance(editor, SqlTextArea):
            editor.set_marks(())  # they were for the text as it was run
        if self.writer is not None:
            self.writer.update(self.buffers.snapshot())
        if isinstance(editor, SqlTextArea) and editor.typed and self.completer is not None:
            editor.typed = False
            self.completer.open(editor, auto=True)

    # -- completion ------------------------------------------------------------------------

    def action_complete(self) -> None:
        editor = self.editor
        if editor is not None and self.completer is not None:
            editor.focus()
            if not self.completer.open(editor):
                self.notify("Nothing to complete here.", timeout=2)

    @on(SqlTextArea.SelectionChanged)
    def _moved(self, event: SqlTextArea.SelectionChanged) -> None:
        if self.completer is not None and isinstance(event.text_area, SqlTextArea):
            self.completer.moved(event.text_area)

    # -- buffers ---------------------------------------------------------------------------

    async def open_buffer(self, name: str, text: str) -> None:
        await self.buffers.add(Buffer(name, text))
        self.save_buffers()

    async def action_new_buffer(self) -> None:
        await self.open_buffer(self.buffers.unused_name(), "")

    def action_rename_buffer(self) -> None:
        editor = self.editor
        if editor is None:
            return

        def renamed(name: str | None) -> None:
            if name:
                self.buffers.rename_active(name)
                self.save_buffers()

        self.app.push_screen(NameDialog("Rename the buffer", editor.buffer_name), renamed)

    async def action_close_buffer(self) -> None:
        await self.buffers.close_active()
        self.save_buffers()

    def action_buffer(self, by: int) -> None:
        self.buffers.step(by)

    # -- sidebar, history, saved queries ---------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        if not self.query_one(SchemaSidebar).toggle() and self.editor is not None:
            self.editor.focus()

    @on(SchemaSidebar.Insert)
    def _insert(self, event: SchemaSidebar.Insert) -> None:
        editor = self.editor
        if editor is not None:
            editor.replace(event.text, *editor.selection)
            editor.focus()

    @on(SchemaSidebar.Open)
    async def _open_saved(self, event: SchemaSidebar.Open) -> None:
        await self.open_buffer(event.query.name, event.query.sql)

    def action_history(self) -> None:
        if self.history is None:
            return

        async def chosen(entry: HistoryEntry | None) -> None:
            if entry is not None:
                await self.open_buffer(self.buffers.unused_name("history"), entry.sql)

        self.app.push_screen(HistoryDialog(self.history), chosen)

    def action_save(self) -> None:
        editor = self.editor
        if editor is None or not editor.text.strip():
            self.notify("The buffer is empty: nothing to save.", severity="warning")
            return
        name = editor.buffer_name if not editor.buffer_name.startswith("query ") else ""

        def saved(query: SavedQuery | None) -> None:
            if query is not None:
                self.buffers.rename_active(query.name)
                self._show_sidebar()
                self.save_buffers()
                self.notify(f"Saved as {query.name!r}.", timeout=3)

        self.app.push_screen(SaveQueryDialog(editor.text, name, self.saved), saved)

    def action_error_details(self) -> None:
        shown = self.results.error_text()
        if shown is None:
            self.notify("No error to show.", timeout=2)
            return
        self.app.push_screen(TextDialog(*shown))
