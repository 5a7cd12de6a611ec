"""Cancel a running batch: a write, behind the same guards as a re-run."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.api.errors import CargoError
from tui.api.models.runs import Batch
from tui.screens.base import ShowsResults, renders
from tui.session import Session, session_of
from widgets.humanize import count, plural


@dataclass(frozen=True)
class Cancelled:
    """Cargo took the cancel of the batch ``batch_uuid``."""

    batch_uuid: str


class CancelBatchDialog(ShowsResults, ModalScreen[bool]):
    """Asks for the workspace name typed back, then cancels; True when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Keep running", id="dialog-cancel")]

    def __init__(self, batch: Batch, owner: str) -> None:
        super().__init__()
        self.target = batch
        self.owner_name = owner

    @property
    def session(self) -> Session:
        return session_of(self.app)

    @property
    def workspace(self) -> str:
        who = self.session.whoami
        return who.workspace.name if who else ""

    def compose(self) -> ComposeResult:
        batch = self.target
        left = batch.runs_count - batch.executed_runs_count
        with Vertical(id="cancel-dialog") as box:
            box.border_title = "Cancel a running batch"
            facts = [
                f"workspace  {self.workspace}",
                f"of         {self.owner_name}",
                f"batch      {batch.uuid}",
                f"left       {count(left)} of {plural(batch.runs_count, 'run')} will not run",
            ]
            yield Static("\n".join(facts), id="cancel-facts")
            confirm = "type the workspace name to confirm"
            yield Input(placeholder=confirm, id="cancel-confirm", compact=True)
            yield Static("", id="cancel-status")
            with Horizontal(id="cancel-buttons"):
                go = Button("Cancel the batch", variant="error", id="cancel-go", compact=True)
                go.disabled = True
                yield go
                yield Button("Keep it running", id="cancel-keep", compact=True)

    def on_mount(self) -> None:
        status = self.query_one("#cancel-status", Static)
        if not self.session.allows_writes:
            status.update("Read-only: start cargo-tui with --allow-writes to cancel batches.")
            status.add_class("error")
            self.query_one("#cancel-confirm", Input).disabled = True
        else:
            status.update(f"Type {self.workspace!r} to confirm.")
            self.query_one("#cancel-confirm", Input).focus()

    @on(Input.Changed, "#cancel-confirm")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#cancel-go", Button).disabled = event.value.strip() != self.workspace

    @on(Input.Submitted, "#cancel-confirm")
    @on(Button.Pressed, "#cancel-go")
    def _go(self) -> None:
        if self.query_one("#cancel-confirm", Input).value.strip() != self.workspace:
            return
        self.query_one("#cancel-go", Button).disabled = True
        self.send()

    @work(exclusive=True, group="cancel", exit_on_error=False)
    async def send(self) -> Cancelled:
        client = await self.session.connect()
        await client.orchestration.batch.cancel(self.target.uuid)
        return Cancelled(self.target.uuid)

    @renders(Cancelled)
    def _cancelled(self, _: Cancelled) -> None:
        self.dismiss(True)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        status = self.query_one("#cancel-status", Static)
        status.add_class("error")
        status.update(str(error) if isinstance(error, CargoError) else repr(error))

    @on(Button.Pressed, "#cancel-keep")
    def _keep(self) -> None:
        self.dismiss(False)
