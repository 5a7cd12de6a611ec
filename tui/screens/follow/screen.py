"""The Follow screen (``F`` in Discovery, palette ``follow: failures``): the workspace's failed
runs as they happen, newest first, grouped by workflow and normalised error as the Failures
tab groups them, with their counts of the last 15 minutes and hour.

It pauses while the user reads: with the cursor off the top row, or a run opened over it, no
poll runs (unless something is watched: a watch must ring) and the rows stay where they are;
back on the top row, or back from the run, it polls at once from where it stopped, so the
failures of meanwhile are counted. ``W`` watches the row's workflow against the threshold,
``t`` sets the threshold, ``enter`` opens the group's newest run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.validation import Integer
from textual.widgets import DataTable, Input, Static

from tui.screens.base import CargoScreen
from tui.screens.follow.driver import Follower, follower
from tui.screens.navigation import OpenRun
from tui.state.error_text import readable
from tui.state.follow.feed import FailureRow
from widgets.fitting import Clamped, clip
from widgets.footer import Footer
from widgets.humanize import count, plural, short_uuid
from widgets.list_table import ListTable

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from textual import events

#: Why polls wait: the cursor is off the top row; a screen (a run) is open over this one.
READING, AWAY = "reading", "away"


def age(moment: datetime, now: datetime | None) -> str:
    """``12s``, ``4m``, ``1h``: how long ago, short (the server's now)."""
    seconds = max(0, int((now - moment).total_seconds())) if now else 0
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m"
    return f"{seconds // 3600}h"


class FollowScreen(CargoScreen):
    crumbs = ("Follow failures",)
    AUTO_FOCUS = "#follow-table"
    DEFAULT_CSS = """
    #follow-status, #follow-watches, #follow-example {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
    }
    #follow-table {
        height: 1fr;
    }
    #follow-threshold {
        display: none;
    }
    #follow-threshold.-open {
        display: block;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("r", "poll_now", "Poll now", id="refresh"),
        Binding("W", "watch_workflow", "Watch workflow", id="watch"),
        Binding("t", "threshold", "Threshold", id="follow-threshold"),
        Binding("y", "copy_uuid", "Copy run uuid", id="copy-uuid", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[FailureRow] = []
        self._stop_listening: Callable[[], None] | None = None
        #: The columns as laid out for the screen's width.
        self._widths: tuple[int, int] = (0, 0)

    @property
    def follower(self) -> Follower:
        return follower(self.app)

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("Asking Cargo for the failures of the last hour…", id="follow-status")
        yield ListTable(id="follow-table", cursor_type="row", zebra_stripes=True)
        yield Input(
            validators=[Integer(minimum=1, maximum=1_000_000)],
            id="follow-threshold",
        )
        yield Static("", id="follow-example")
        yield Static("", id="follow-watches")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        follow = self.follower
        follow.viewers += 1
        self._stop_listening = follow.subscribe(self.show)
        self.show()
        if follow.feed.polls == 0 and not follow.pacer.in_flight:
            follow.pacer.now()
        follow.schedule()

    def on_unmount(self) -> None:
        super().on_unmount()
        follow = self.follower
        follow.viewers -= 1
        follow.release(READING)
        follow.release(AWAY)
        if self._stop_listening is not None:
            self._stop_listening()

    def on_screen_suspend(self) -> None:
        self.follower.hold(AWAY)

    def on_screen_resume(self) -> None:
        self.follower.release(AWAY)

    # -- what it shows ---------------------------------------------------------------------

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#follow-table", DataTable)

    def workflow_name(self, workflow_uuid: str) -> str:
        found = self.session.discovered
        owner = found.owner_of.get(workflow_uuid) if found is not None else None
        return owner.name if owner is not None else f"workflow {short_uuid(workflow_uuid)}"

    def show(self) -> None:
        """The feed as it stands: the rows unless the user reads one, the status, the watches."""
        follow = self.follower
        if not follow.paused:
            self._fill(follow.feed.rows())
        self.query_one("#follow-status", Static).update(self._status(follow))
        self.query_one("#follow-watches", Static).update(self._watches(follow))

    def on_resize(self, event: events.Resize) -> None:
        if self.size.width and self._layout() != self._widths and not self.follower.paused:
            self._fill(self.rows)

    def _layout(self) -> tuple[int, int]:
        """The workflow's and the error's widths: the error takes what the others leave."""
        width = self.size.width
        name = 26 if width >= 110 else 18
        fixed = sum(w + 2 for w in (4, name, 5, 5, 5)) + 2 + 2  # padding, the scrollbar
        return name, max(12, width - fixed)

    def _fill(self, rows: list[FailureRow]) -> None:
        self.rows = rows
        table = self.table
        now = self.follower.feed.server_now
        name_width, error_width = self._widths = self._layout()
        table.clear(columns=True)
        for label, key, width in (
            ("ago", "ago", 4),
            ("workflow", "workflow", name_width),
            ("15m", "recent", 5),
            ("1h", "hour", 5),
            ("new", "new", 5),
            ("error", "error", error_width),
        ):
            table.add_column(label, key=key, width=width)
        for index, row in enumerate(rows):
            style = "bold" if row.fresh else ""
            table.add_row(
                Text(age(row.last_seen, now), style),
                Text(clip(self.workflow_name(row.workflow_uuid), name_width), style),
                Text(count(row.recent), "bold red" if row.recent else "", justify="right"),
                Text(count(row.hour), justify="right"),
                Text(f"+{count(row.new)}" if row.new else "", "yellow", justify="right"),
                Text(clip(readable(row.message) or "(no message)", error_width), style),
                key=str(index),
            )
        if rows:
            table.move_cursor(row=0)
        self._example()

    def _status(self, follow: Follower) -> Text:
        feed, pacer = follow.feed, follow.pacer
        if feed.server_now is None and follow.problem is None:
            return Text("Asking Cargo for the failures of the last hour…")
        recent, hour = feed.totals()
        said = Text()
        said.append(f"{plural(recent, 'failed run')} in 15 min", "bold red" if recent else "")
        said.append(f" · {count(hour)} in the hour · {plural(len(self.rows), 'group')}")
        if feed.cut:
            said.append(" · the oldest minutes left out (too many)", "yellow")
        if follow.problem is not None:
            wait = pacer.wait()
            said.append(f"\n{follow.problem}", "red")
            if wait != float("inf"):
                said.append(f" · next try in {wait:.0f} s", "red")
        elif READING in follow.holds:
            said.append("\npaused while you read · g: back to the top resumes", "yellow")
        else:
            said.append(f"\nevery {pacer.interval:g} s · enter: the newest run · W: watch it")
        return said

    def _watches(self, follow: Follower) -> Text:
        feed = follow.feed
        said = Text("watching: ", "bold")
        parts: list[Text] = []
        for batch in feed.batches.values():
            state = batch.state
            if state is None:
                how = "waiting for its state"
            else:
                failed = f", {count(state.failed)} failed" if state.failed else ""
                how = f"{state.status} {count(state.done)}/{count(state.runs)}{failed}"
            parts.append(Text(f"{batch.label} ({how})", "green" if batch.rang else ""))
        for workflow in feed.workflows.values():
            recent = feed.recent_of(workflow.uuid)
            said_recent = f"{workflow.label} {recent}/{feed.threshold} in 15 min"
            parts.append(Text(said_recent, "red" if workflow.over else ""))
        if not parts:
            return Text(
                f"nothing watched · W on a row: its workflow, rings past {feed.threshold} "
                "failures in 15 min (t sets) · W on a batch in Batches: rings when it finishes"
            )
        return said + Text(" · ").join(parts)

    # -- reading and moving ----------------------------------------------------------------

    def _example(self) -> None:
        """The highlighted group's newest error in full, and its run."""
        row = self.selected
        example = Table.grid(padding=(0, 1), expand=True)
        example.add_column(style="dim", no_wrap=True)
        example.add_column(ratio=1)
        if row is not None:
            example.add_row("newest", Clamped(row.example or "(no message)", 2))
            example.add_row("run", f"{row.run_uuid} · batch {short_uuid(row.batch_uuid)}")
        self.query_one("#follow-example", Static).update(example if row else "")

    @on(DataTable.RowHighlighted, "#follow-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        follow = self.follower
        self._example()
        if event.cursor_row > 0:
            follow.hold(READING)
        elif READING in follow.holds:
            follow.release(READING)
            self.show()
            return
        self.query_one("#follow-status", Static).update(self._status(follow))

    @property
    def selected(self) -> FailureRow | None:
        row = self.table.cursor_row
        return self.rows[row] if self.rows and 0 <= row < len(self.rows) else None

    @on(DataTable.RowSelected, "#follow-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        row = self.selected
        if row is None or not row.run_uuid:
            return
        crumbs = (*self.crumbs, self.workflow_name(row.workflow_uuid), short_uuid(row.run_uuid))
        self.post_message(OpenRun(None, row.run_uuid, crumbs))

    def uuid_target(self) -> tuple[str, str] | None:
        row = self.selected
        return ("the newest run of the group", row.run_uuid) if row and row.run_uuid else None

    def action_back(self) -> None:
        if self.focused is self.query_one("#follow-threshold", Input):
            self._close_threshold()
            return
        self.app.pop_screen()

    def action_poll_now(self) -> None:
        follow = self.follower
        if follow.pacer.in_flight:
            return
        if not follow.pacer.now():
            self.notify("Backing off after a refusal: the next poll waits.", severity="warning")
        follow.release(READING)
        follow.schedule()

    def action_watch_workflow(self) -> None:
        row = self.selected
        if row is None:
            self.notify("Select a failure group first: W watches its workflow.", severity="warning")
            return
        name = self.workflow_name(row.workflow_uuid)
        watched = self.follower.watch_workflow(row.workflow_uuid, name)
        threshold = self.follower.feed.threshold
        self.notify(
            f"Watching {name}: the bell rings past {threshold} failures in 15 min."
            if watched
            else f"No longer watching {name}.",
            timeout=5,
        )

    # -- the threshold ---------------------------------------------------------------------

    def action_threshold(self) -> None:
        field = self.query_one("#follow-threshold", Input)
        field.value = ""
        field.placeholder = (
            f"ring past how many failures in 15 min of a watched workflow? (now "
            f"{self.follower.feed.threshold}) · enter sets, escape keeps it"
        )
        field.add_class("-open")
        self.focus_now(field)

    def _close_threshold(self) -> None:
        self.query_one("#follow-threshold", Input).remove_class("-open")
        self.focus_now(self.table)

    @on(Input.Submitted, "#follow-threshold")
    def _threshold_set(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._close_threshold()
            return
        if event.validation_result is not None and not event.validation_result.is_valid:
            self.notify("The threshold is a whole number of failures, 1 or more.", severity="error")
            return
        self.follower.feed.set_threshold(int(event.value))
        self._close_threshold()
        self.follower.changed()
