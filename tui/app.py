"""CargoApp: the screen stack, global bindings, the command palette and the header's state."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widgets import Input

from tui import collector
from tui.connection import Connection
from tui.screens import navigation as nav
from tui.screens.api_log import ApiLogCommands, request_origin, screen_key, screen_name
from tui.screens.base import CargoScreen
from tui.screens.command_line import PastedCommand
from tui.screens.discovery import DiscoveryScreen
from tui.screens.discovery.palette import GoToResource
from tui.screens.escape_keys import EscapeDone, EscapeKeys
from tui.screens.field_keys import FieldKeys, is_text_field
from tui.screens.follow.palette import FollowCommands
from tui.screens.release_palette import ReleaseCommands
from tui.screens.run_diff_palette import RunDiffCommands
from tui.screens.segments.palette import SegmentCommands
from tui.session import Session
from tui.state.settings_given import settings_given
from widgets.scrollbars import WholeCells

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from rich.console import RenderableType
    from textual.driver import Driver
    from textual.widget import Widget

    from tui.export import ExportSource
    from tui.screens.workflow.screen import WorkflowScreen
    from tui.state.settings import Loaded


#: The name the SQL editor is installed under: one per app, kept across leaving it.
SQL_SCREEN = "sql"
#: Seconds after the first paint before the heavy modules load in the background.
WARM_UP_AFTER = 1.0
#: Seconds after the start by which default settings are read even if the workspace has not
#: answered yet (a slow or unreachable API).
SETTINGS_AT_LATEST = 3.0
HEAVY_MODULES = (
    "tui.screens.workflow.screen",  # what enter on a play opens, first
    "pyarrow",
    "textual_fastdatatable.data_table",  # the widget: its package loads it on first use
    "sqlglot",
    "orjson",
    "tui.api.sql.linter",
    "tui.screens.sql.screen",
    "tui.screens.segments.screen",
)


def _import_heavy() -> None:
    import importlib

    for name in HEAVY_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional part missing is the feature's business, not this
            continue


def _load_settings() -> Loaded:
    from tui.state.settings import load

    return load()


class CargoApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "cargo-tui"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMMANDS = App.COMMANDS | {
        GoToResource,
        SegmentCommands,
        PastedCommand,
        ReleaseCommands,
        RunDiffCommands,
        FollowCommands,
        ApiLogCommands,
    }
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", id="quit-ctrl", show=False, priority=True),
        Binding("question_mark,f1", "help", "Help", id="help", show=False),
        # Textual adds ctrl+p itself only when no binding opens the palette: both are said here.
        Binding(
            App.COMMAND_PALETTE_BINDING,
            "command_palette",
            "palette",
            id="palette",
            show=False,
            priority=True,
            tooltip="Open the command palette",
        ),
        Binding("colon", "command_palette", "Palette", id="palette-colon", show=False),
        # Shown in Discovery's footer (its own binding); from anywhere else it works unshown.
        Binding("s", "open_sql", "SQL", id="open-sql", show=False),
        Binding("S", "open_segments", "Segments", id="open-segments", show=False),
        # f9 too: L is typed into a field that has the focus (the SQL editor's), f9 is not.
        Binding("L,f9", "api_log", "API log", id="api-log", show=False),
    ]

    def __init__(self, connection: Connection | None = None) -> None:
        super().__init__()
        #: The workspace the app is in, shared with every screen (:func:`tui.session.session_of`).
        self.session = Session(connection)
        self.field_keys = FieldKeys(self)
        self.escape_keys = EscapeKeys(self)
        self._settings_started = False
        self.session.request_log.origin = request_origin  # which screen asked (the API log)
        # Thumbs in whole cells: Textual's eighth blocks at a thumb's ends showed alone as
        # stray marks beside the text (the SQL editor's, a second thumb in Discovery's tree).
        ScrollBar.renderer = WholeCells

    def on_mount(self) -> None:
        from tui.executor import QuittingExecutor
        from tui.screens.sign_in import SignInScreen

        asyncio.get_running_loop().set_default_executor(QuittingExecutor())

        self.push_screen(DiscoveryScreen() if self.session.connection else SignInScreen())
        if self.session.connection is None or settings_given():
            self.call_after_refresh(self.apply_settings)
        else:
            # The defaults: nothing on screen would change. Read once the workspace is shown
            # (WorkspaceShown); their ~0.1 s of imports beside the client's delayed it as much.
            self.set_timer(SETTINGS_AT_LATEST, self.apply_settings)

    def apply_settings(self) -> None:
        """Theme and keymap from settings.toml, read after the first paint in a thread: its
        imports (pydantic-settings) would otherwise hold the event loop, and with it the
        workspace's first answers, for a few hundred milliseconds. Once."""
        if self._settings_started:
            return
        self._settings_started = True
        self.run_worker(self._apply_settings(), group="settings", exit_on_error=False)

    def on_workspace_shown(self, _: nav.WorkspaceShown) -> None:
        self.apply_settings()

    async def _apply_settings(self) -> None:
        try:
            await self._apply_loaded_settings()
        finally:
            self.set_timer(WARM_UP_AFTER, self._warm_up)

    async def _apply_loaded_settings(self) -> None:
        loaded = await asyncio.to_thread(_load_settings)
        for problem in loaded.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=12)
        settings = self.session.settings = loaded.settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        else:
            self.notify(
                f"Unknown theme {settings.theme!r}; keeping {self.theme}.", severity="warning"
            )
        if settings.keymap:
            self.set_keymap(settings.keymap)

    def _warm_up(self) -> None:
        """Load what the first query or export needs, off the event loop, once the user sees
        the workspace: then that first query costs a query, not a second of imports. The
        garbage collector, held while the app started (``cli.run_tui``), runs again from now."""
        collector.release()
        self.run_worker(_import_heavy, thread=True, group="warm-up", exit_on_error=False)

    def discovery_screen(self) -> DiscoveryScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, DiscoveryScreen):
                return screen
        return None

    def back_to_discovery(self) -> DiscoveryScreen | None:
        """Close every screen above Discovery; Discovery, or None when it is not open."""
        discovery = self.discovery_screen()
        while discovery is not None and self.screen is not discovery and len(self.screen_stack) > 1:
            self.pop_screen()
        return discovery

    def go_to(self, uuid: str) -> None:
        """What ``uuid`` names, from any screen: a resource shown in Discovery, a batch's runs
        or a run's detail (over Discovery)."""
        discovery = self.back_to_discovery()
        if discovery is not None:
            discovery.go_to(uuid)

    async def on_event(self, event: events.Event) -> None:
        if await self.escape_keys.take(event):
            return
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        focused = self.focused  # a key from the terminal: it goes to the focus
        await super().on_event(event)
        if event.is_forwarded:  # sent to the focus (no priority binding took it)
            self.field_keys.forwarded(event, focused)

    async def on_key(self, event: events.Key) -> None:
        """Type into the focused field a key it never saw. Keys that come in one read (``/``
        and a name, pasted, or typed fast over SSH where one packet carries them) are routed
        to the widget focused as they arrive, before ``/`` has moved the focus to its field:
        they bubble up here afterwards, and were lost or ran bindings (``s``, ``q``...). A
        field takes every printable key it is sent, so one that gets here while a field has
        the focus is such a key. A screen still opening may keep them (``take_key``). A key
        whose binding its field ran already (``FieldKeys``) stops here. An enter that gets to an
        ``Input`` this way submits it (``/``, a name and enter in one read: the filter's enter)."""
        self.escape_keys.reached_app(event)
        focused = self.focused
        text = "\n" if event.key == "enter" else event.character
        screen = self.screen
        if self.field_keys.taken(event):
            pass
        elif isinstance(focused, Input) and event.is_printable and text:
            focused.insert_text_at_cursor(text)
        elif isinstance(focused, Input) and event.key == "enter":
            await focused.action_submit()  # an enter typed behind the text: as the field's
        elif is_text_field(focused) and (event.is_printable or event.key == "enter") and text:
            focused.insert(text)  # type: ignore[union-attr]  # a TextArea
        elif not isinstance(screen, CargoScreen) or not screen.take_key(event):
            return
        event.stop()
        event.prevent_default()

    async def on_escape_done(self, message: EscapeDone) -> None:
        await self.escape_keys.release(message.escape)

    def get_loading_widget(self) -> Widget:
        """What ``widget.loading = True`` shows: Textual's dots, at 4 frames a second."""
        from widgets.loading import Loading

        return Loading()

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """The screen as SVG (the snapshots, ``screenshots/``, Textual's screenshot key) with
        its spaces kept: each run of one style is a ``<text>`` of its own, and viewers that
        follow SVG's default whitespace rule (librsvg: GNOME's viewers, ``rsvg-convert``) drop
        the spaces a run begins with, shifting the rest of the row left ("unhealthy498")."""
        svg = super().export_screenshot(title=title, simplify=simplify)
        return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)

    def open_workflow(
        self,
        workflow_uuid: str,
        then: Callable[[WorkflowScreen], Awaitable[None]] | None = None,
    ) -> None:
        """The way into a workflow: its batches, runs, metrics, failures and outputs
        (``then``: what to do there once it is known)."""
        from tui.screens.workflow.screen import WorkflowScreen

        self.push_screen(WorkflowScreen(workflow_uuid, then=then))

    def open_segments(self, segment_uuid: str | None = None) -> None:
        """The Segments screen (on ``segment_uuid`` if given): filter, preview, export."""
        from tui.screens.segments.screen import SegmentsScreen

        if self.session.connection is None:
            self.notify("Sign in first.", severity="warning")
            return
        opened = [s for s in self.screen_stack if isinstance(s, SegmentsScreen)]
        if not opened:
            self.push_screen(SegmentsScreen(segment_uuid))
            return
        while self.screen is not opened[0]:
            self.pop_screen()
        if segment_uuid is not None:
            opened[0].select(segment_uuid)

    def action_open_segments(self) -> None:
        self.open_segments()

    def open_export(self, source: ExportSource, *, note: str | None = None) -> None:
        """The export dialog for ``source``, then its progress: the one way any screen exports
        (the engine loads here, on first use)."""
        from tui.screens.export import open_export

        open_export(self, source, note=note)

    def action_open_sql(self) -> None:
        self.open_sql()

    def open_sql(self, sql: str | None = None) -> None:
        """The SQL editor (its module, and sqlglot and pyarrow with it, load only now);
        ``sql`` opens in a buffer of its own. The one editor stays alive once opened (an
        installed screen): leaving it keeps its buffers, results, cursor and scroll, and coming
        back is immediate."""
        from tui.screens.sql.screen import SqlScreen

        if self.session.connection is None:
            return
        if not self.is_screen_installed(SQL_SCREEN):
            self.install_screen(SqlScreen(), SQL_SCREEN)
        screen = self.get_screen(SQL_SCREEN)
        if screen not in self.screen_stack:
            self.push_screen(screen)
        while self.screen is not screen:  # below a screen it opened (a workflow, a run)
            self.pop_screen()
        if sql and isinstance(screen, SqlScreen):
            screen.open_pasted(sql)

    async def _forget_sql(self) -> None:
        """Drop the editor kept for the workspace being left (its buffers are saved)."""
        if self.is_screen_installed(SQL_SCREEN):
            screen = self.get_screen(SQL_SCREEN)
            if screen not in self.screen_stack:
                self.uninstall_screen(SQL_SCREEN)
                await screen.remove()

    def open_workspace(self, connection: Connection) -> None:
        """Switch to another workspace (after sign-in) and show its Discovery screen."""
        self.run_worker(
            self._open_workspace(connection), group="open-workspace", exit_on_error=False
        )

    async def _open_workspace(self, connection: Connection) -> None:
        await self.session.switch(connection)
        await self.switch_screen(DiscoveryScreen())
        await self._forget_sql()

    def get_driver_class(self) -> type[Driver]:
        from tui.driver import quitting_fast

        return quitting_fast(super().get_driver_class())

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Quit. Before Textual closes the screens: the sandbox is asked to go (it leaves while
        they close), and no screen keeps a focused widget: closing a screen whose widget has
        the focus moves the focus on, widget by widget as each is removed, and restyles the
        whole screen each time (0.1-0.3 s of a quit, for a screen no one will see)."""
        if self.session.connection is not None:
            self.session.connection.ask_to_stop()
        for screen in self.screen_stack:
            screen.set_reactive(Screen.focused, None)
        super().exit(result, return_code, message)

    async def on_unmount(self) -> None:
        await self.session.disconnect(wait=False)  # reaped last, in cli.run_tui

    # -- navigation: what screens ask for (tui.screens.navigation) ---------------------------

    def on_open_workflow(self, message: nav.OpenWorkflow) -> None:
        self.open_workflow(message.workflow_uuid, message.then)

    def on_open_runs(self, message: nav.OpenRuns) -> None:
        from tui.screens.runs import RunsScreen

        self.push_screen(RunsScreen(message.context, message.query, message.crumbs, message.tab))

    def on_open_run(self, message: nav.OpenRun) -> None:
        from tui.screens.run_detail import RunDetailScreen

        screen = RunDetailScreen(message.context, message.run_uuid, message.crumbs, message.cursor)
        self.push_screen(screen)

    def on_open_run_diff(self, message: nav.OpenRunDiff) -> None:
        from tui.screens.run_diff import RunDiffScreen

        run, crumbs = message.run_uuid, message.crumbs
        self.push_screen(RunDiffScreen(message.context, run, crumbs, message.baseline))

    def on_open_export(self, message: nav.OpenExport) -> None:
        self.open_export(message.source, note=message.note)

    def on_open_sql(self, message: nav.OpenSql) -> None:
        self.open_sql(message.sql)

    def on_open_segments(self, message: nav.OpenSegments) -> None:
        self.open_segments(message.segment_uuid)

    def on_open_rerun(self, message: nav.OpenRerun) -> None:
        """The re-run dialog, from the workflow the runs belong to (it keeps the lineage)."""
        from tui.screens.workflow.screen import WorkflowScreen

        workflow = next((s for s in self.screen_stack if isinstance(s, WorkflowScreen)), None)
        if workflow is not None:
            workflow.open_rerun(message.selection)

    def on_go_to(self, message: nav.GoTo) -> None:
        self.go_to(message.uuid)

    def on_open_discovery(self, _: nav.OpenDiscovery) -> None:
        self.back_to_discovery()

    def on_open_workspace(self, message: nav.OpenWorkspace) -> None:
        self.open_workspace(message.connection)

    def on_open_release_diff(self, message: nav.OpenReleaseDiff) -> None:
        from tui.screens.release_diff import open_release_diff

        open_release_diff(self, message)

    def action_help(self) -> None:
        """Every key that works here, the screen's own first (``?`` again closes it)."""
        from tui.screens.help import HelpScreen, key_groups, screen_title

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        self.push_screen(HelpScreen(key_groups(self, screen), screen_title(screen)))

    def on_open_follow(self, _: nav.OpenFollow) -> None:
        """Follow mode: the one Follow screen, brought to the top if it is open already."""
        from tui.screens.follow.screen import FollowScreen

        opened = [s for s in self.screen_stack if isinstance(s, FollowScreen)]
        if not opened:
            self.push_screen(FollowScreen())
            return
        while self.screen is not opened[0]:
            self.pop_screen()

    def action_api_log(self) -> None:
        """The session's API log (``L`` again closes it)."""
        self.open_api_log(None)

    def open_api_log(self, this_screen: Screen[object] | None) -> None:
        """The API log over the screen on top; ``this_screen``: narrowed to the requests
        behind that screen ("how this was fetched")."""
        from tui.screens.api_log.screen import ApiLogScreen

        screen = self.screen
        if isinstance(screen, ApiLogScreen):
            if this_screen is None:
                self.pop_screen()
            return
        over = this_screen or screen
        origin = (screen_key(over), screen_name(over))
        log = self.session.request_log
        self.push_screen(ApiLogScreen(log, origin, this_screen=this_screen is not None))
