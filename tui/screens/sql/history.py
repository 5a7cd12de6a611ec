"""``f8``: every query run in this workspace, newest first, searchable; ``enter`` opens one."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui import clock
from tui.state.history import History, HistoryEntry
from widgets.humanize import plural, when

SHOWN = 300


def describe(entry: HistoryEntry, now: datetime) -> Content:
    """``today 14:02 · 38 ms · 4 rows  SELECT ...`` (or the error) on one line."""
    took = f"{entry.duration_ms:,} ms" if entry.duration_ms is not None else "–"
    if entry.error is not None:
        outcome: tuple[str, str] = (f"✖ {entry.error}", "$text-error")
    elif entry.rows is not None:
        outcome = (plural(entry.rows, "row"), "$text-success")
    else:
        outcome = ("–", "$text-muted")
    sql = " ".join(entry.sql.split())
    return Content.assemble(
        (f"{when(entry.at, now):<16} {took:>9}  ", "$text-muted"),
        outcome,
        "\n",
        (sql[:400], "$foreground"),
    )


class HistoryDialog(ModalScreen[HistoryEntry | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="dialog-close"),
        Binding("down", "move(1)", "Down", show=False, id="history-down"),
        Binding("up", "move(-1)", "Up", show=False, id="history-up"),
    ]

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history
        self.entries: list[HistoryEntry] = []
        self.total = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="sql-dialog sql-history") as box:
            box.border_title = "Query history"
            box.border_subtitle = "type to search · enter open in a new buffer · esc close"
            yield Input(placeholder="search the SQL and errors", id="history-search")
            yield OptionList(id="history-list")
            yield Static("", id="history-count", classes="sql-dialog-status")

    def on_mount(self) -> None:
        self.total = len(self.history.entries())
        self._fill("")

    @on(Input.Changed, "#history-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        self.entries = self.history.search(query, limit=SHOWN)
        now = clock.now()
        options = self.query_one("#history-list", OptionList)
        options.clear_options()
        options.add_options([Option(describe(entry, now)) for entry in self.entries])
        if self.entries:
            options.highlighted = 0
        shown, total = len(self.entries), self.total
        said = f"{shown:,} of {total:,}" if query.strip() else plural(total, "query")
        if not query.strip() and total > shown:
            said = f"the last {shown:,} of {plural(total, 'query')}; type to search them all"
        if not self.entries:
            said = "nothing matches" if query.strip() else "no query has been run here yet"
        self.query_one("#history-count", Static).update(said)

    def action_move(self, by: int) -> None:
        options = self.query_one("#history-list", OptionList)
        if by > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(Input.Submitted, "#history-search")
    def _open_highlighted(self) -> None:
        index = self.query_one("#history-list", OptionList).highlighted
        if index is not None and 0 <= index < len(self.entries):
            self.dismiss(self.entries[index])

    @on(OptionList.OptionSelected, "#history-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.entries[event.option_index])
