"""What every cargo-tui screen shares: the header, the breadcrumb, and one error handler."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.api.errors import CargoError
from widgets.app_header import AppHeader
from widgets.breadcrumb import Breadcrumb

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.app import CargoApp


class CargoScreen(Screen[None]):
    """A screen with the app header and a breadcrumb; worker failures become messages."""

    #: The breadcrumb trail shown under the header.
    crumbs: tuple[str, ...] = ()

    @property
    def cargo(self) -> CargoApp:
        return cast("CargoApp", self.app)

    def focus_now(self, widget: Widget) -> None:
        """Focus ``widget`` before the next key is handled (``Widget.focus`` waits a turn of
        the event loop): the keys after that go straight to it."""
        self.set_focus(widget)

    def compose_header(self) -> ComposeResult:
        yield AppHeader()
        yield Breadcrumb(self.crumbs, id="breadcrumb")

    def on_mount(self) -> None:
        self.cargo.header_changed.subscribe(self, self._update_header)
        self._update_header(None)

    def _update_header(self, _: Any) -> None:
        for header in self.query(AppHeader):
            header.workspace = self.cargo.workspace_name
            header.badges = self.cargo.badges

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            self.show_result(worker.group, worker.result)
        elif event.state == WorkerState.ERROR:
            self.show_failure(worker.group, worker.error)

    def show_result(self, group: str, result: Any) -> None:
        """Render what a worker of ``group`` returned (screens override this)."""

    def show_failure(self, group: str, error: BaseException | None) -> None:
        """A worker of ``group`` failed; by default, a message saying what and what next."""
        self.show_error(error)

    def show_error(self, error: BaseException | None, *, title: str = "") -> None:
        """Tell the user what failed and what to do next; nothing is raised further."""
        if isinstance(error, CargoError):
            message = str(error)
        else:
            message = f"Unexpected error: {type(error).__name__}: {error}"
        self.notify(message, title=title or "Something failed", severity="error", timeout=8)
