"""The re-run dialog: everything it shows comes from the server, and nothing is sent until the
number of runs is typed back. On a read-only app it still previews, and says how to enable it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from tui import clock
from tui.api.errors import CargoError, NetworkError, ServerError, TimedOutError
from tui.api.models.runs import Batch
from tui.screens.base import ShowsResults, renders
from tui.screens.rerun import price
from tui.screens.rerun.history import Earlier
from tui.screens.rerun.plan import (
    PILOT_SIZE,
    RESETS,
    Plan,
    Selection,
    create_once,
    make_plan,
    recent_batches,
)
from tui.session import Session, session_of
from tui.state.rerun_cost import ResetPoint
from widgets.form_controls import Checkbox, RadioButton
from widgets.humanize import count, when

#: What the dialog's short words mean, shown in full on f1 (after the plan, unshortened).
EXPLAINED = """\
What this does: re-runs the runs named above in a new batch of the same workflow. Nothing \
is sent until the number of runs is typed back, and only when cargo-tui was started with \
--allow-writes.

batch: the batch under the cursor, by its date and the start of its uuid.

earlier: runs of these that a re-run already re-ran, and how that ended. Those that \
succeeded, or are still running, are left out: no record's work is done twice.

start at: "the failing node" starts each run again at the node where it failed, keeping \
what the nodes before it gave; "the first node" runs the whole workflow again; "the next \
node" skips the failing node and goes on after it.

pilot: re-runs the first 10 only (runs never re-run come first). Once it finished, R on \
this batch again offers the rest, less the runs the pilot fixed, priced as the pilot ran.

provider, execution, total: what Cargo will bill. Provider credits are what the nodes' \
providers use; on top, every node execution bills 0.01 credit, whatever the node and \
however it ended. Both are measured on sampled runs from the chosen start: the failed runs' \
own executions before the failing node, and from there on those of successful runs of the \
same release that passed it (loops, retries and tools' own runs counted). The balance is \
what the subscription has left (its credits and the additional ones).

observed: what the last re-run of these was billed per run, beside the estimate.

warning: shown when the last re-run of these did not succeed, or still runs: the rest may \
fail the same way. Tick "re-run them anyway" to go on.
"""


def named(batch: Batch) -> str:
    """A batch as the dialog names it: ``Nov 24 02:39 · a2d8ede5``."""
    return f"{when(batch.created_at, clock.now())} · {batch.uuid[:8]}"


def warning(earlier: Earlier | None) -> str | None:
    """Why to think twice: the last re-run of these runs did not succeed, or still runs."""
    if earlier is None or earlier.last is None or earlier.last_ok:
        return None
    last, tally = earlier.last, earlier.last_tally
    if not last.status.is_terminal:
        return (
            f"A re-run of {count(tally.total)} of these is still running (batch {named(last)}): "
            f"they are left out, and how it ends is not known yet."
        )
    return (
        f"The last re-run of these (batch {named(last)}) did not succeed: {tally.said()}. "
        f"The rest may fail the same way: see why first (enter on that batch)."
    )


@dataclass(frozen=True)
class ReRun:
    """What the dialog did: the new batch, and the runs left for after a pilot."""

    batch: Batch
    plan: Plan
    pilot: list[str]
    reset: ResetPoint


class ReRunDialog(ShowsResults, ModalScreen[ReRun | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="dialog-cancel"),
        # A modal screen hides the app's own bindings (f1, ?): the dialog offers its own.
        Binding("f1", "in_full", "In full", id="dialog-in-full"),
    ]

    def __init__(self, selection: Selection, owner: tuple[str, str]) -> None:
        """``owner`` is the workflow's (kind, name): ("play", "Enrich new companies")."""
        super().__init__()
        self.selection = selection
        self.owner_kind, self.owner_name = owner
        self.plan: Plan | None = None
        #: Set once a create failed without an answer: a retry first looks for its batch.
        self.uncertain = False
        #: The workflow's batches before the first attempt of the create in question.
        self.before: frozenset[str] | None = None

    @property
    def session(self) -> Session:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="rerun-dialog") as box:
            box.border_title = "Re-run failed runs"
            box.border_subtitle = "f1 in full · esc cancel"
            yield Static("Counting the runs on the server…", id="rerun-facts")
            warned = Static("", id="rerun-warning")
            anyway = Checkbox("re-run them anyway", id="rerun-anyway", compact=True)
            warned.display = anyway.display = False  # until the plan says why
            yield warned
            yield anyway
            with Horizontal(id="rerun-reset-row"):
                yield Static("start at  ", classes="label")
                with RadioSet(id="rerun-reset", compact=True):
                    for index, (label, _) in enumerate(RESETS):
                        yield RadioButton(label, value=index == 0, compact=True)
            pilot = f"pilot: re-run {PILOT_SIZE} first; R on this batch again for the rest"
            yield Checkbox(pilot, id="rerun-pilot", compact=True)
            confirm = "type the number of runs to confirm"
            yield Input(placeholder=confirm, id="rerun-confirm", compact=True)
            yield Static("", id="rerun-status")
            with Horizontal(id="rerun-buttons"):
                yield Button("Re-run", variant="error", id="rerun-go", disabled=True, compact=True)
                yield Button("Cancel", id="rerun-cancel", compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="plan", exit_on_error=False)
    async def load(self) -> Plan:
        client = await self.session.connect()
        return await make_plan(client, self.selection)

    @renders(ReRun)
    def _sent(self, rerun: ReRun) -> None:
        self.dismiss(rerun)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        said = str(error) if isinstance(error, CargoError) else f"{type(error).__name__}: {error}"
        if group == "send":
            said = self._unsent(error, said)
        self._status(said, error=True)
        self.query_one("#rerun-go", Button).disabled = self.plan is None

    def _unsent(self, error: BaseException | None, said: str) -> str:
        """What a failed create means: it was sent once, never retried; with no answer at all,
        it may have been made, so the next try looks for it before sending again."""
        if isinstance(error, TimedOutError | NetworkError):
            self.uncertain = True
            return (
                f"Not retried: the re-run was sent once and no answer came, so it may or may "
                f"not have been made (no such batch was found yet). {said} Press enter to "
                f"check again: a batch already made is found, not made twice."
            )
        if isinstance(error, ServerError):
            self.uncertain = True
            return (
                f"Not retried: the re-run was sent once and failed on Cargo's side. {said} "
                f"Press enter to try again: a batch already made is found, not made twice."
            )
        return f"Not retried: the re-run was sent once and refused; nothing was made. {said}"

    @renders(Plan)
    def _show(self, plan: Plan) -> None:
        self.plan = plan
        self.query_one("#rerun-facts", Static).update(self._facts(plan))
        warned = warning(plan.earlier) if plan.count else None
        said = self.query_one("#rerun-warning", Static)
        said.update(Text.assemble(("⚠ ", "bold"), warned or ""))
        said.display = self.query_one("#rerun-anyway", Checkbox).display = warned is not None
        pilot = self.query_one("#rerun-pilot", Checkbox)
        pilot.value = plan.pilot_by_default
        pilot.disabled = not plan.exact or plan.count <= PILOT_SIZE
        field = self.query_one("#rerun-confirm", Input)
        if plan.count == 0:
            field.disabled = True
            done = " (every one was re-run already)" if plan.matched else ""
            self._status(f"Nothing to re-run: no run left{done}.", error=True)
            return
        if plan.unsendable:
            field.disabled = True
            self._status(
                f"Too many runs to name one by one, and a re-run cannot select them by "
                f"{plan.unsendable}: narrow the list (a batch, a status) and press R again.",
                error=True,
            )
            return
        if not self.session.allows_writes:
            field.disabled = True
            self._status(
                "Read-only preview: start cargo-tui with --allow-writes to re-run.", error=True
            )
            return
        self._ready()

    def _rows(self, plan: Plan, *, compact: bool = False) -> list[tuple[str, str | Text]]:
        """What the dialog says, label by label, in full (``compact``: its price in fewer
        rows)."""
        who = self.session.whoami
        rows: list[tuple[str, str | Text]] = [
            ("workspace", who.workspace.name if who else "–"),
            (self.owner_kind, self.owner_name),
        ]
        if (source := plan.source) is not None:
            failed, runs = count(source.failed_runs_count), count(source.runs_count)
            rows.append(("batch", f"{named(source)} · {failed} of its {runs} runs failed"))
        earlier = plan.earlier
        if earlier is not None and earlier.tally.total:
            tally = earlier.tally
            older = " (of the newest re-runs)" if earlier.partial else ""
            rows.append(
                (
                    "earlier",
                    f"{count(tally.total)} of these were re-run already{older}: {tally.said()}",
                )
            )
        left = f" · {count(plan.left_out)} left out" if plan.left_out else ""
        rows.append(("runs", f"{count(plan.count)} · {self.selection.label}{left}"))
        more = ", …" if plan.count > len(plan.samples) else ""
        rows.append(("e.g.", ", ".join(plan.samples) + more))
        rows += price.rows(plan, self.reset, compact=compact)
        if not plan.exact and plan.count:
            rows.append(("note", "too many to name one by one: re-run by the same filter"))
        return rows

    def _facts(self, plan: Plan) -> Table:
        """The rows, a label column and a value column; the examples on one line (f1: all)."""
        facts = Table.grid(padding=(0, 1))
        facts.add_column(style="dim", width=9, no_wrap=True)
        facts.add_column(ratio=1)
        for label, value in self._rows(plan, compact=self.compact):
            one_line = label == "e.g."
            if isinstance(value, str):
                value = Text(value, no_wrap=one_line, overflow="ellipsis")
            facts.add_row(label, value)
        return facts

    def action_in_full(self) -> None:
        """Everything the dialog says, unshortened, and what its words mean."""
        from tui.screens.sql.dialogs import TextDialog

        plan = self.plan
        said = [f"{label}: {value}" for label, value in self._rows(plan)] if plan else []
        if plan is not None and plan.measured is not None:
            said.append(f"cost measured on: {plan.measured.said()}")
        if plan is not None and (warned := warning(plan.earlier)):
            said.append(f"\n⚠ {warned}")
        self.app.push_screen(
            TextDialog("Re-run failed runs, in full", "\n".join(said) + "\n\n" + EXPLAINED)
        )

    @property
    def held(self) -> bool:
        """A warning stands and "re-run them anyway" is not ticked."""
        box = self.query_one("#rerun-anyway", Checkbox)
        return box.display and not box.value

    def _ready(self) -> None:
        """Ask for the count typed back, unless a warning holds the re-run."""
        field = self.query_one("#rerun-confirm", Input)
        if self.plan is None or not self.plan.count or not self.session.allows_writes:
            return
        if self.held:
            field.value, field.disabled = "", True
            self._status("Tick “re-run them anyway” (space) to go on, or escape.", error=True)
            self.query_one("#rerun-anyway", Checkbox).focus()
            return
        field.disabled = False
        self._status(price.confirmation(self.plan, self.reset, self.pilot, compact=self.compact))
        field.focus()

    @on(Checkbox.Changed, "#rerun-anyway")
    def _anyway(self) -> None:
        self._ready()

    @property
    def reset(self) -> ResetPoint:
        """Where the runs start again, as chosen."""
        return RESETS[max(0, self.query_one("#rerun-reset", RadioSet).pressed_index)][1]

    @property
    def compact(self) -> bool:
        """80 columns: the price said in fewer rows."""
        return self.has_class("-narrow")

    @property
    def pilot(self) -> bool:
        box = self.query_one("#rerun-pilot", Checkbox)
        return box.value and not box.disabled

    @on(RadioSet.Changed, "#rerun-reset")
    @on(Checkbox.Changed, "#rerun-pilot")
    def _repriced(self) -> None:
        """The price follows the reset point and the pilot: facts and confirmation alike."""
        if self.plan is None:
            return
        self.query_one("#rerun-facts", Static).update(self._facts(self.plan))
        field = self.query_one("#rerun-confirm", Input)
        if not field.disabled:
            self._status(
                price.confirmation(self.plan, self.reset, self.pilot, compact=self.compact)
            )

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#rerun-status", Static)
        status.set_class(error, "error")
        status.update(text)

    @on(Input.Changed, "#rerun-confirm")
    def _typed(self, event: Input.Changed) -> None:
        plan = self.plan
        ready = plan is not None and plan.count > 0 and event.value.strip() == str(plan.count)
        ready = ready and not self.held
        self.query_one("#rerun-go", Button).disabled = not ready

    @on(Input.Submitted, "#rerun-confirm")
    @on(Button.Pressed, "#rerun-go")
    def _go(self) -> None:
        plan = self.plan
        field = self.query_one("#rerun-confirm", Input)
        if plan is None or not plan.count or plan.unsendable or self.held:
            return
        if field.value.strip() != str(plan.count):
            self._status(
                f"Type {plan.count if plan else 'the count'} exactly to confirm.", error=True
            )
            return
        reset, pilot = self.reset, self.pilot
        self.query_one("#rerun-go", Button).disabled = True
        self._status("Creating the batch…")
        self.send(plan, reset, plan.uuids[:PILOT_SIZE] if pilot else [])

    @work(exclusive=True, group="send", exit_on_error=False)
    async def send(self, plan: Plan, reset: ResetPoint, pilot: list[str]) -> ReRun:
        client = await self.session.connect()
        data = plan.batch_data(reset, pilot or None)
        workflow = plan.selection.workflow_uuid
        if not self.uncertain or self.before is None:  # a first attempt: what is there now
            self.before = await recent_batches(client, workflow)
        batch = await create_once(
            client, workflow, data, before=self.before, retrying=self.uncertain
        )
        return ReRun(batch, plan, pilot, reset)

    @on(Button.Pressed, "#rerun-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
