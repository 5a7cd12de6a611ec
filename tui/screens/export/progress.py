"""The export under way: rows or bytes, rate and time left when known, cancel (escape or the
button) that really stops it and leaves nothing behind; then the path, rows and size (``y``
copies the path), or what failed and a way back to the dialog."""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ProgressBar, Static
from textual.worker import Worker, WorkerState

from tui.export import ExportResult, Format, Meter, Step, describe_result, failure_message
from tui.screens.export.dialog import ExportRequest
from tui.screens.export.paths import shown
from tui.session import Session, session_of

#: Seconds between repaints of the progress while the export runs.
REPAINT_EVERY = 0.1


class ExportProgress(ModalScreen[ExportRequest | None]):
    """Runs the export; dismissed with the request when the user goes back to edit it."""

    BINDINGS = [
        Binding("escape", "stop", "Cancel", id="export-stop"),
        Binding("y", "copy_path", "Copy path", id="export-copy-path"),
    ]

    def __init__(self, request: ExportRequest) -> None:
        super().__init__()
        self.request = request
        self.result: ExportResult | None = None
        self.failed = False
        self._meter = Meter()
        #: The last step reported and what the meter said of it; painted by a timer.
        self._latest: tuple[Step, str] | None = None
        self._painted: tuple[Step, str] | None = None
        self._worker: Worker[ExportResult] | None = None

    @property
    def session(self) -> Session:
        return session_of(self.app)

    @property
    def running(self) -> bool:
        return self._worker is not None and self._worker.is_running

    def compose(self) -> ComposeResult:
        request = self.request
        fmt = request.options.format
        with Vertical(id="export-progress") as box:
            box.border_title = "Export"
            yield Static(Text(request.source.title), id="export-progress-what")
            yield Static(Text(f"→ {shown(request.dest)} ({_format_name(fmt)})"), id="export-dest")
            yield Static("Starting…", id="export-phase")
            yield ProgressBar(show_eta=False, id="export-bar")
            yield Static("", id="export-amount")
            with Horizontal(id="export-progress-buttons"):
                yield Button("Cancel", variant="error", id="export-stop", compact=True)
                yield Button("Back", variant="primary", id="export-back", compact=True)
                yield Button("Close", variant="primary", id="export-done", compact=True)
                yield Button("Copy path", id="export-copy", compact=True)
                yield Static("esc cancels", id="export-progress-hint")

    def on_mount(self) -> None:
        self._buttons("export-stop")
        self._timer = self.set_interval(REPAINT_EVERY, self._repaint)
        self._worker = self.run_export()

    def _buttons(self, *shown_ids: str) -> None:
        for button in self.query(Button):
            button.display = button.id in shown_ids
        first = self.query_one(f"#{shown_ids[0]}", Button)
        first.focus()

    # -- the work --------------------------------------------------------------------------

    @work(exclusive=True, group="export", exit_on_error=False)
    async def run_export(self) -> ExportResult:
        request = self.request
        client = await self.session.connect() if self.session.connection is not None else None
        provenance = request.source.provenance(self.session.workspace_name or None)
        return await request.source.run(
            client, request.dest, request.options, provenance, self._report
        )

    def _report(self, step: Step) -> None:
        """Called by the export, maybe from a thread: only notes the step (one assignment);
        the timer paints it, so a flood of steps costs no repaint."""
        self._meter.update(step)
        self._latest = (step, self._meter.text())

    def _repaint(self) -> None:
        latest = self._latest
        if latest is None or latest is self._painted or not self.running:
            return
        self._painted = latest
        step, text = latest
        self.query_one("#export-phase", Static).update(f"{step.title}…")
        self.query_one("#export-bar", ProgressBar).update(total=step.total, progress=step.done)
        self.query_one("#export-amount", Static).update(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or not event.worker.is_finished:
            return
        self._timer.stop()
        if event.state == WorkerState.SUCCESS:
            self._done(cast(ExportResult, event.worker.result))
        elif event.state == WorkerState.ERROR:
            self._failed(event.worker.error)
        elif event.state == WorkerState.CANCELLED:
            kept = self.request.dest.name if self.request.options.overwrite else None
            left = f"{kept} was left as it was." if kept else "Nothing was written."
            self.notify(f"Export cancelled. {left}", timeout=6)
            self.dismiss(None)

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.query_one("#export-bar").display = False
        self.query_one("#export-phase", Static).update(
            Text.assemble(("✔ ", "bold green"), f"Exported {describe_result(result)} to")
        )
        lines = [str(result.path)]
        if result.sidecar is not None:
            lines.append(f"provenance in {result.sidecar.name}")
        if result.dropped_columns:
            lines.append(f"left out (first seen late): {', '.join(result.dropped_columns)}")
        amount = self.query_one("#export-amount", Static)
        amount.add_class("-done")
        amount.update(Text("\n".join(lines)))
        self.query_one("#export-progress-hint", Static).update("y copies the path · esc closes")
        self._buttons("export-done", "export-copy")

    def _failed(self, error: BaseException | None) -> None:
        self.failed = True
        self.query_one("#export-bar").display = False
        self.query_one("#export-phase", Static).update(
            Text.assemble(("✖ ", "bold red"), "The export failed")
        )
        amount = self.query_one("#export-amount", Static)
        amount.add_class("-error")
        amount.update(Text(failure_message(error)))
        self.query_one("#export-progress-hint", Static).update("esc closes")
        self._buttons("export-back", "export-done")

    # -- actions ---------------------------------------------------------------------------

    @on(Button.Pressed, "#export-stop")
    def action_stop(self) -> None:
        if self.running and self._worker is not None:
            self.query_one("#export-phase", Static).update("Cancelling…")
            self._worker.cancel()
            return
        self.dismiss(None)

    @on(Button.Pressed, "#export-done")
    def _close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-back")
    def _back(self) -> None:
        self.dismiss(self.request)

    @on(Button.Pressed, "#export-copy")
    def action_copy_path(self) -> None:
        if self.result is None:
            return
        path = str(self.result.path)
        self.app.copy_to_clipboard(path)
        self.notify(f"Copied {path}", timeout=3)


def _format_name(fmt: Format) -> str:
    return "Parquet" if fmt is Format.PARQUET else fmt.name
