"""The API log: every request of the session, oldest first and the newest last, as a terminal
shows what happened (the cursor starts on the newest, and stays on it as requests come); under
the list, the selected request whole: what was asked, how it ended, and the lines that repeat
it. ``t`` narrows it to the requests behind the screen it was opened from ("how this was
fetched"); ``y`` copies the selected request's cargo-ai line (its curl line when cargo-ai has
no command for it), ``c`` its curl line, ``Y`` every request shown as a shell transcript, and
``e`` exports the log to a file."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from tui.api.command_lines import entry_lines
from tui.api.request_log import KEEP, Entry, Origin, RequestLog, milliseconds
from tui.screens.base import CargoScreen
from tui.state.api_log import COLUMNS, behind, rows, transcript
from widgets.breadcrumb import Breadcrumb
from widgets.fitting import FitLine
from widgets.footer import Footer
from widgets.list_table import ListTable

#: Seconds between looks at the log for new requests while the screen is open.
POLL = 0.25
#: The cells beside the request's, with their padding: a longer path is cut to fit the width
#: (the detail shows it whole).
BESIDE = 40


class ApiLogScreen(CargoScreen):
    AUTO_FOCUS = "#api-log-table"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("t", "scope", "This screen", id="api-log-scope"),
        Binding("y", "copy_line", "Copy line", id="api-log-copy"),
        # Said in help and in the detail pane's lines: the footer holds the rest at 80 columns.
        Binding("c", "copy_curl", "Copy the curl line", id="api-log-copy-curl", show=False),
        Binding("Y", "copy_all", "Copy all", id="api-log-copy-all"),
        Binding("e", "export", "Export", id="export"),
    ]

    def __init__(self, log: RequestLog, over: Origin | None, *, this_screen: bool) -> None:
        super().__init__()
        self.requests = log
        #: The screen it was opened from: its key and name.
        self.over = over
        self.this_screen = this_screen and over is not None
        self.crumbs = (*(over[1].split(" › ") if over else ()), "API log")
        self.shown: list[Entry] = []
        self._changed = True
        self._unsubscribe_log = log.subscribe(self._heard)

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FitLine(id="api-log-summary")
        table: DataTable[str | Text] = ListTable(id="api-log-table", cursor_type="row")
        yield table
        with VerticalScroll(id="api-log-detail", classes="panel"):
            yield Static(id="api-log-lines")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#api-log-table", DataTable)
        for label, key in (("#", "seq"), ("at", "at"), ("request", "request"),
                           ("status", "status"), ("took", "took"), ("↻", "retries")):  # fmt: skip
            table.add_column(label, key=key)
        self.show_entries()
        self.set_interval(POLL, self._poll)

    def on_unmount(self) -> None:
        self._unsubscribe_log()
        super().on_unmount()

    def _heard(self, _: Entry) -> None:
        self._changed = True  # any thread may tell: the screen looks at its own pace

    def _poll(self) -> None:
        if self._changed:
            self.show_entries()

    # -- what is shown ------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        if self.this_screen and self.over is not None:
            return behind(self.requests, self.over[0])
        return self.requests.entries()

    def show_entries(self) -> None:
        self._changed = False
        table = self.query_one("#api-log-table", DataTable)
        selected = self.selected()
        at_end = selected is None or table.cursor_row >= table.row_count - 1
        self.shown = self.entries()
        table.clear()
        for entry in self.shown:
            table.add_row(*self._cells(entry), key=str(entry.seq))
        if self.shown:
            keep = [i for i, e in enumerate(self.shown) if selected and e.seq == selected.seq]
            row = len(self.shown) - 1 if at_end or not keep else keep[0]
            table.move_cursor(row=row, animate=False)
        self._summarise()
        self.show_detail()

    def _cells(self, entry: Entry) -> tuple[str | Text, ...]:
        room = max(16, self.app.size.width - BESIDE - len(entry.method))
        path = entry.path if len(entry.path) <= room else f"{entry.path[: room - 1]}…"
        if not entry.done:
            status = Text("…", style="dim")
        elif entry.error or entry.status is None or entry.status >= 400:
            status = Text(str(entry.status or "—"), style="bold red")
        else:
            status = Text(str(entry.status), style="green")
        took = milliseconds(entry.duration) if entry.duration is not None else ""
        return (
            str(entry.seq),
            entry.at.strftime("%H:%M:%S"),
            f"{entry.method} {path}",
            status,
            took,
            str(entry.retries) if entry.retries else "",
        )

    def _summarise(self) -> None:
        shown = self.shown
        failed = sum(1 for e in shown if e.done and (e.error or (e.status or 0) >= 400))
        retried = sum(1 for e in shown if e.retries)
        counts = f"{len(shown):,} request{'' if len(shown) == 1 else 's'}"
        tally = "".join(
            f" · {n:,} {what}" for n, what in ((failed, "failed"), (retried, "retried")) if n
        )
        if self.this_screen and self.over is not None:
            lead = f"How this was fetched: {counts}{tally}"
            forms = (f"{lead} behind {self.over[1]} · t: every request", f"{lead} · t: all", lead)
        else:
            dropped = self.requests.dropped
            kept = f" · the last {KEEP:,} kept ({dropped:,} dropped)" if dropped else ""
            lead = f"{counts} this session{tally}{kept}"
            forms = (
                f"{lead} · newest last · t: this screen's · nothing is saved unless exported",
                f"{lead} · newest last · t: this screen's",
                lead,
            )
        self.query_one("#api-log-summary", FitLine).forms = forms
        self.query_one(Breadcrumb).parts = self.crumbs

    def selected(self) -> Entry | None:
        table = self.query_one("#api-log-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        lines = self.query_one("#api-log-lines", Static)
        entry = self.selected()
        if entry is None:
            empty = (
                "No request behind this screen: what it shows came with an earlier screen or "
                "from the cache. t shows every request."
                if self.this_screen
                else "No request yet."
            )
            lines.update(Text(empty, style="dim"))
            return
        lines.update(detail(entry))

    # -- actions ------------------------------------------------------------------------------

    def action_scope(self) -> None:
        if self.over is None:
            self.notify("Opened from no screen: every request is shown.", timeout=3)
            return
        self.this_screen = not self.this_screen
        self.show_entries()

    def action_copy_line(self) -> None:
        entry = self.selected()
        if entry is None:
            self.notify("No request to copy.", severity="warning")
            return
        cargo_ai, curl = entry_lines(entry)
        if cargo_ai is None:
            self._copy(curl, "the curl line (cargo-ai has no command for this request)")
        else:
            self._copy(cargo_ai, "the cargo-ai line")

    def action_copy_curl(self) -> None:
        entry = self.selected()
        if entry is None:
            self.notify("No request to copy.", severity="warning")
            return
        self._copy(entry_lines(entry)[1], "the curl line")

    def action_copy_all(self) -> None:
        """Every request shown, as a shell transcript; too large for one OSC 52 sequence, the
        export dialog is offered instead."""
        from tui.export.clipboard import OSC52_LIMIT_BYTES, osc52_size
        from tui.screens.navigation import OpenExport

        if not self.shown:
            self.notify("No request to copy.", severity="warning")
            return
        text = transcript(self.shown)
        count = f"{len(self.shown):,} request{'' if len(self.shown) == 1 else 's'}"
        if osc52_size(text) <= OSC52_LIMIT_BYTES:
            self._copy(text, f"the lines of {count}")
            return
        note = f"The lines of {count} are more than a terminal's clipboard takes: save them."
        self.post_message(OpenExport(self._source(), note))

    def action_export(self) -> None:
        if not self.shown:
            self.notify("No request to export.", severity="warning")
            return
        from tui.screens.navigation import OpenExport

        self.post_message(OpenExport(self._source()))

    def _source(self) -> Any:
        from tui.export.cargo_sources import RowsSource

        scope = "requests behind the screen" if self.this_screen else "API log"
        return RowsSource(label=scope, stem="api-log", columns=COLUMNS, rows=rows(self.shown))

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what}.", timeout=3)


def detail(entry: Entry) -> Text:
    """The request whole: how it ended, the lines that repeat it, when and who asked, what
    was sent."""
    cargo_ai, curl = entry_lines(entry)
    text = Text()
    text.append(f"{entry.endpoint}", style="bold")
    text.append(f"  {entry.summary()}\n", style="red" if entry.error else "")
    text.append("cargo-ai ", style="dim")
    if cargo_ai is None:
        text.append("(no cargo-ai command sends this request)\n", style="dim italic")
    else:
        text.append(cargo_ai.removeprefix("cargo-ai ") + "\n", style="bold")
    text.append("curl ", style="dim")
    text.append(curl.removeprefix("curl ") + "\n")
    who = f" · from {entry.origin[1]}" if entry.origin else ""
    text.append(f"at {entry.at:%Y-%m-%d %H:%M:%S}{who}", style="dim")
    for label, value in (("params", entry.params), ("body", entry.body)):
        if value:
            text.append(f"\n{label} ", style="dim")
            text.append(json.dumps(value, ensure_ascii=False))
    return text
