"""The re-run dialog: everything it shows comes from the server, and nothing is sent until the
number of runs is typed back. On a read-only app it still previews, and says how to enable it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from tui.api.errors import CargoError, NetworkError, ServerError, TimedOutError
from tui.api.models.runs import Batch
from tui.screens.base import ShowsResults, renders
from tui.screens.rerun.plan import (
    PILOT_SIZE,
    RESETS,
    Plan,
    ResetPoint,
    Selection,
    create_once,
    make_plan,
)
from tui.session import Session, session_of
from widgets.form_controls import Checkbox, RadioButton
from widgets.humanize import count


@dataclass(frozen=True)
class ReRun:
    """What the dialog did: the new batch, and the runs left for after a pilot."""

    batch: Batch
    plan: Plan
    pilot: list[str]
    reset: ResetPoint


class ReRunDialog(ShowsResults, ModalScreen[ReRun | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog-cancel")]

    def __init__(
        self, selection: Selection, owner: tuple[str, str], plan: Plan | None = None
    ) -> None:
        """``owner`` is the workflow's (kind, name): ("play", "Enrich new companies")."""
        super().__init__()
        self.selection = selection
        self.owner_kind, self.owner_name = owner
        self.plan = plan
        #: Set once a create failed without an answer: a retry first looks for its batch.
        self.uncertain = False

    @property
    def session(self) -> Session:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="rerun-dialog") as box:
            box.border_title = "Re-run failed runs"
            yield Static("Counting the runs on the server…", id="rerun-facts")
            with Horizontal(id="rerun-reset-row"):
                yield Static("start at  ", classes="label")
                with RadioSet(id="rerun-reset", compact=True):
                    for index, (label, _) in enumerate(RESETS):
                        yield RadioButton(label, value=index == 0, compact=True)
            pilot = f"pilot: re-run {PILOT_SIZE} first, then offer the rest"
            yield Checkbox(pilot, id="rerun-pilot", compact=True)
            confirm = "type the number of runs to confirm"
            yield Input(placeholder=confirm, id="rerun-confirm", compact=True)
            yield Static("", id="rerun-status")
            with Horizontal(id="rerun-buttons"):
                yield Button("Re-run", variant="error", id="rerun-go", disabled=True, compact=True)
                yield Button("Cancel", id="rerun-cancel", compact=True)

    def on_mount(self) -> None:
        if self.plan is None:
            self.load()
        else:
            self._show(self.plan)

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
        who = self.session.whoami
        price = plan.credits
        rows = [
            ("workspace", who.workspace.name if who else "–"),
            (self.owner_kind, self.owner_name),
            ("runs", f"{count(plan.count)} · {self.selection.label}"),
            ("e.g.", ", ".join(plan.samples) + (", …" if plan.count > len(plan.samples) else "")),
            (
                "credits",
                f"≈ {count(round(price))} ({plan.credits_per_run:.1f} per run, recent batches)"
                if price is not None
                else "no recent runs to estimate from",
            ),
        ]
        if not plan.exact and plan.count:
            rows.append(("note", "too many to name one by one: the batch's failed runs are re-run"))
        facts = Text()
        for label, value in rows:
            facts.append(f"{label:<10}", "dim")
            facts.append(f"{value}\n")
        self.query_one("#rerun-facts", Static).update(facts)
        pilot = self.query_one("#rerun-pilot", Checkbox)
        pilot.value = plan.pilot_by_default
        pilot.disabled = not plan.exact or plan.count <= PILOT_SIZE
        if plan.count == 0:
            self._status("Nothing to re-run: no run matches.", error=True)
            return
        if not self.session.allows_writes:
            self._status(
                "Read-only: start cargo-tui with --allow-writes to re-run (this is a preview).",
                error=True,
            )
            self.query_one("#rerun-confirm", Input).disabled = True
            return
        self._status(f"Type {plan.count} to confirm.")
        self.query_one("#rerun-confirm", Input).focus()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#rerun-status", Static)
        status.set_class(error, "error")
        status.update(text)

    @on(Input.Changed, "#rerun-confirm")
    def _typed(self, event: Input.Changed) -> None:
        ready = self.plan is not None and event.value.strip() == str(self.plan.count)
        self.query_one("#rerun-go", Button).disabled = not ready

    @on(Input.Submitted, "#rerun-confirm")
    @on(Button.Pressed, "#rerun-go")
    def _go(self) -> None:
        plan = self.plan
        field = self.query_one("#rerun-confirm", Input)
        if plan is None or field.value.strip() != str(plan.count):
            self._status(
                f"Type {plan.count if plan else 'the count'} exactly to confirm.", error=True
            )
            return
        reset = RESETS[self.query_one("#rerun-reset", RadioSet).pressed_index][1]
        box = self.query_one("#rerun-pilot", Checkbox)
        pilot = box.value and not box.disabled
        self.query_one("#rerun-go", Button).disabled = True
        self._status("Creating the batch…")
        self.send(plan, reset, plan.uuids[:PILOT_SIZE] if pilot else [])

    @work(exclusive=True, group="send", exit_on_error=False)
    async def send(self, plan: Plan, reset: ResetPoint, pilot: list[str]) -> ReRun:
        client = await self.session.connect()
        data = plan.batch_data(reset, pilot or None)
        batch = await create_once(
            client, plan.selection.workflow_uuid, data, retrying=self.uncertain
        )
        return ReRun(batch, plan, pilot, reset)

    @on(Button.Pressed, "#rerun-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
