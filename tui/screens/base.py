"""What every cargo-tui screen shares: the header, the breadcrumb, and one error handler."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import events
from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from tui.api.errors import CargoError
from tui.session import Session, session_of
from widgets.app_header import AppHeader
from widgets.breadcrumb import Breadcrumb


def breakpoint_classes(screen: Screen[Any], size: Size) -> set[str]:
    """The classes Textual gives ``screen`` at ``size`` by its (or its app's) breakpoints:
    for each of width and height, the class of the widest breakpoint the size reaches."""
    app = screen.app
    horizontal = screen.HORIZONTAL_BREAKPOINTS
    vertical = screen.VERTICAL_BREAKPOINTS
    classes: set[str] = set()
    for breakpoints, extent in (
        (app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal, size.width),
        (app.VERTICAL_BREAKPOINTS if vertical is None else vertical, size.height),
    ):
        reached = [(edge, name) for edge, name in breakpoints or [] if extent >= edge]
        if reached:
            classes.add(max(reached)[1])
    return classes


def say_failure(node: Widget, error: BaseException | None, *, title: str = "") -> None:
    """What failed and what to do next, as a notification; nothing is raised further."""
    if isinstance(error, CargoError):
        message = str(error)
    else:
        message = f"Unexpected error: {type(error).__name__}: {error}"
    node.notify(message, title=title or "Something failed", severity="error", timeout=8)


ShowMethod = TypeVar("ShowMethod", bound=Callable[..., None])


def renders(kind: type[Any]) -> Callable[[ShowMethod], ShowMethod]:
    """Mark the method that shows what a worker returned, when it is a ``kind``: a worker
    returns a typed result (or raises), and one method per type puts it on screen."""

    def mark(method: ShowMethod) -> ShowMethod:
        method.__dict__["_renders"] = kind
        return method

    return mark


class ShowsResults:
    """The one worker convention, for screens and widgets alike: a worker fetches and returns
    (it never touches a widget); its result goes to the method marked ``@renders`` for its
    type; its failure to :meth:`show_failure`, which a widget passes to its screen's."""

    _renderers: ClassVar[dict[type[Any], str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found: dict[type[Any], str] = {}
        for klass in reversed(cls.__mro__):
            for name, member in vars(klass).items():
                kind = getattr(member, "_renders", None)
                if isinstance(kind, type):
                    found[kind] = name
        cls._renderers = found

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            self.show_result(worker.result)
        elif event.state == WorkerState.ERROR:
            self.show_failure(worker.group, worker.error)

    def show_result(self, result: object) -> None:
        if result is None:
            return
        for kind in type(result).__mro__:
            name = self._renderers.get(kind)
            if name is not None:
                getattr(self, name)(result)
                return

    def show_failure(self, group: str, error: BaseException | None) -> None:
        """A worker of ``group`` failed: said by the screen (widgets add what they show)."""
        if not isinstance(self, Widget):
            return
        screen = None if isinstance(self, Screen) else self.screen
        if isinstance(screen, CargoScreen):
            screen.show_failure(group, error)
        else:
            say_failure(self, error)


class PageFailed(Exception):
    """A worker's page of a paged list could not load: which one (``offset``, ``generation``,
    for ``PagedTable.fail``) and why (``error``, what the screen says)."""

    def __init__(self, offset: int, generation: int, error: CargoError) -> None:
        super().__init__(str(error))
        self.offset, self.generation, self.error = offset, generation, error


def copy_uuid(node: Widget, target: tuple[str, str] | None) -> None:
    """``y`` on any list or screen: the uuid of what is selected (``target``: what it is in
    words, and its uuid) to the clipboard, said the same way everywhere."""
    if target is None:
        node.notify("Select something first: y copies its uuid.", severity="warning")
        return
    what, uuid = target
    node.app.copy_to_clipboard(uuid)
    node.notify(f"Copied the uuid of {what}: {uuid}", timeout=3)


class CargoScreen(ShowsResults, Screen[None]):
    """A screen with the app header and a breadcrumb; worker failures become messages."""

    #: The breadcrumb trail shown under the header.
    crumbs: tuple[str, ...] = ()

    _unsubscribe: Callable[[], None] | None = None

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        # The breakpoint classes (``-narrow``, ``-wide``) Textual gives a screen on its first
        # resize, given now: its widgets are styled with them as they mount, not once more,
        # every one, when the resize adds them (25 of the 175 stylings before Discovery's
        # first frame).
        with contextlib.suppress(NoActiveAppError):
            self.add_class(*breakpoint_classes(self, self.app.size), update=False)

    @property
    def session(self) -> Session:
        """The workspace the app is in: its client, whoami, discovery, settings."""
        return session_of(self.app)

    def focus_now(self, widget: Widget) -> None:
        """Focus ``widget`` before the next key is handled (``Widget.focus`` waits a turn of
        the event loop): the keys after that go straight to it."""
        self.set_focus(widget)

    def take_key(self, event: events.Key) -> bool:
        """Keep a key that reached the app while this screen is still opening (True: kept;
        the SQL screen keeps what is typed before its editor can take it)."""
        return False

    def uuid_target(self) -> tuple[str, str] | None:
        """What ``y`` copies here: what is selected in words and its uuid (None: nothing)."""
        return None

    def action_copy_uuid(self) -> None:
        copy_uuid(self, self.uuid_target())

    def compose_header(self) -> ComposeResult:
        yield AppHeader()
        yield Breadcrumb(self.crumbs, id="breadcrumb")

    def on_mount(self) -> None:
        self._unsubscribe = self.session.header_changed.subscribe(self._update_header)
        self._update_header()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()

    def _update_header(self) -> None:
        for header in self.query(AppHeader):
            header.workspace = self.session.workspace_name
            header.badges = self.session.badges

    def show_failure(self, group: str, error: BaseException | None) -> None:
        """A worker of ``group`` failed; by default, a message saying what and what next."""
        self.show_error(error)

    def show_error(self, error: BaseException | None, *, title: str = "") -> None:
        """Tell the user what failed and what to do next; nothing is raised further."""
        say_failure(self, error, title=title)
