"""The Discovery screen: resources by kind on the left, the selected one's details on the right."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from tui import clock
from tui.screens.base import CargoScreen, renders
from tui.screens.discovery.details import describe
from tui.screens.discovery.tree import NodeData, ResourcesTree, heading
from tui.screens.navigation import (
    OpenExport,
    OpenFollow,
    OpenSegments,
    OpenWorkflow,
    WorkspaceShown,
)
from tui.session.discovery import KINDS, LIST_PATHS, Discovery, Entry, Kind, discover, web_url
from tui.session.lookup import Found, batch_or_run
from tui.state import discovery_cache
from widgets.footer import Footer
from widgets.humanize import ago, short_uuid

if TYPE_CHECKING:
    from tui.screens.workflow.screen import WorkflowScreen


class DiscoveryScreen(CargoScreen):
    crumbs = ("Discovery",)
    AUTO_FOCUS = "#resources"
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("y", "copy_uuid", "Copy uuid", id="copy-uuid"),
        Binding("w", "copy_web_url", "Web URL", id="copy-web-url"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("s", "app.open_sql", "SQL", id="open-sql"),
        Binding("F", "follow", "Follow failures", id="follow", show=False),
        Binding("e", "export", "Export", id="export", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found: Discovery | None = None
        self.cached_at: str | None = None
        #: The resource selected before a filter began (what clearing it returns to when
        #: nothing matched).
        self._before_filter: Entry | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="discovery"):
            with Vertical(id="resources-pane", classes="panel") as pane:
                pane.border_title = "Resources"
                yield Input(placeholder="/ filter by name or uuid", id="filter")
                yield ResourcesTree(id="resources")
            with VerticalScroll(id="details", classes="panel") as details:
                details.border_title = "Details"
                yield Static("", id="details-body")
        yield Footer()

    @property
    def resources(self) -> ResourcesTree:
        return self.query_one("#resources", ResourcesTree)

    def on_mount(self) -> None:
        super().on_mount()
        self._paint_cache()
        if self.found is None:
            self.resources.loading = True
        # Once the first frame is out: the client's modules load in a thread, and that thread
        # and the first paint would otherwise share the one interpreter lock.
        self.call_after_refresh(self.load)

    # -- loading -------------------------------------------------------------------------

    def _cache_key(self) -> str | None:
        connection = self.session.connection
        if connection is None or connection.sandbox is not None or not connection.base_url:
            return None  # the sandbox is new each start: nothing worth caching
        return discovery_cache.cache_key(connection.base_url, connection.token)

    def _paint_cache(self) -> None:
        key = self._cache_key()
        cached = discovery_cache.load(key) if key else None
        if cached is None:
            return
        try:
            found = Discovery.from_cache(cached.lists, cached.saved_at)
        except ValueError:
            return  # written by another version: wait for the network instead
        self.cached_at = ago(cached.saved_at, clock.now())
        self.session.cached_workspace_name = cached.workspace_name
        self._update_header()
        self._show(found)

    @work(exclusive=True, group="discovery", exit_on_error=False)
    async def load(self) -> Discovery:
        # The lists are asked beside whoami, when this opens the client.
        return await self.session.connect_with(discover, read_ahead=LIST_PATHS)

    @renders(Discovery)
    def _discovered(self, found: Discovery) -> None:
        self.cached_at = None
        self._show(found)
        self.call_after_refresh(self.post_message, WorkspaceShown())
        # Kept for the next start once the names are on screen: its models' serializers are
        # built on their first use, and the file written, in a thread, not before the paint.
        self.call_after_refresh(self._keep, found)

    def _keep(self, found: Discovery) -> None:
        key, who = self._cache_key(), self.session.whoami
        if key and who and not found.errors:
            workspace = who.workspace
            self.run_worker(
                lambda: discovery_cache.save(key, workspace.uuid, workspace.name, found.to_cache()),
                thread=True,
                group="discovery-cache",
                exit_on_error=False,
            )

    def show_failure(self, group: str, error: BaseException | None) -> None:
        pane = self.query_one("#resources-pane")
        if group == "go-to":
            pane.border_subtitle = ""
            self.show_error(error, title="Could not look the uuid up")
            return
        self.resources.loading = False
        pane.border_subtitle = "failed · r retry" if self.found is None else "cached · r retry"
        super().show_failure(group, error)
        self.post_message(WorkspaceShown())

    def action_refresh(self) -> None:
        self.query_one("#resources-pane").border_subtitle = "refreshing…"
        self.load()

    # -- the tree --------------------------------------------------------------------------

    def _show(self, found: Discovery) -> None:
        self.found = found
        self.session.discovered = found
        self.resources.loading = False
        pane = self.query_one("#resources-pane")
        pane.border_subtitle = f"cached {self.cached_at} · refreshing…" if self.cached_at else ""
        self._fill(self.query_one("#filter", Input).value, keep=self._selected_entry())

    def _fill(self, query: str, keep: Entry | None = None) -> None:
        if self.found is not None:
            self.resources.fill(self.found, query, keep)
            self._describe(self.resources.cursor_node)  # (the same line posts no NodeHighlighted)

    # -- selection and details -----------------------------------------------------------

    def _selected_entry(self) -> Entry | None:
        return self.resources.selected

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self._describe(event.node)

    def _describe(self, node: TreeNode[NodeData] | None) -> None:
        body = self.query_one("#details-body", Static)
        details = self.query_one("#details", VerticalScroll)
        data, found = node.data if node is not None else None, self.found
        if found is None:
            return
        if isinstance(data, Entry):
            details.border_title = data.title
            body.update(describe(data, found, clock.now()))
        elif isinstance(data, Kind) and data in found.errors:
            details.border_title = f"{heading(data)}: failed"
            error = found.errors[data]
            body.update(Content.assemble((str(error), "$text-error"), "\n\nr: retry"))
        else:
            details.border_title = "Details"
            body.update(Content.styled("Pick a resource; / filters them all.", "$text-muted"))
        details.scroll_home(animate=False)

    def select(self, uuid: str) -> bool:
        """Move the cursor to a resource (clearing a filter that hides it); False if unknown."""
        found = self.found
        if found is None or found.find(uuid) is None:
            return False
        tree = self.resources
        node = tree.node_for(uuid)
        if node is None:
            self.query_one("#filter", Input).value = ""
            self._fill("")
            node = tree.node_for(uuid)
        if node is None:
            return False
        tree.move_to(node)
        tree.focus()
        return True

    def select_kind(self, kind: Kind) -> None:
        """Move the cursor to a kind's branch (or its failure line)."""
        for node in self.resources.root.children:
            if node.data == kind:
                self.resources.move_to(node)
                self.resources.focus()
                return

    @on(Tree.NodeSelected, "#resources")
    def _open(self, event: Tree.NodeSelected[NodeData]) -> None:
        entry = event.node.data
        if isinstance(entry, Entry) and entry.workflow_uuid and self.found:
            self.post_message(OpenWorkflow(entry.workflow_uuid))
        elif isinstance(entry, Entry) and entry.kind == Kind.SEGMENT:
            self.post_message(OpenSegments(entry.uuid))

    def describe_key(self, action: str, node: object) -> str | None:
        """Help's words for enter on the tree: what it opens from the selected resource."""
        if action != "select_cursor" or node is not self.resources:
            return None
        cursor = self.resources.cursor_node
        data = cursor.data if cursor is not None else None
        if isinstance(data, Entry) and data.workflow_uuid:
            return f"Open the workflow of {data.name}"
        if isinstance(data, Entry) and data.kind == Kind.SEGMENT:
            return f"Open {data.name} in Segments"
        if isinstance(data, Entry):
            return "Nothing to open: the details are on the right"
        return "Open or close the list"

    # -- go to a uuid ----------------------------------------------------------------------

    def go_to(self, uuid: str) -> None:
        """The resource with ``uuid`` selected here; else, asked of the workspace, the runs of
        the batch or the detail of the run that has it."""
        if self.select(uuid):
            return
        self.query_one("#resources-pane").border_subtitle = f"looking up {short_uuid(uuid)}…"
        self.look_up(uuid)

    @work(exclusive=True, group="go-to", exit_on_error=False)
    async def look_up(self, uuid: str) -> Found:
        client = await self.session.connect()
        return await batch_or_run(client, uuid)

    @renders(Found)
    def _looked_up(self, found: Found) -> None:
        self.query_one("#resources-pane").border_subtitle = ""
        batch, run = found.batch, found.run
        if batch is not None:

            async def runs(screen: WorkflowScreen) -> None:
                screen.open_runs(batch)

            self._open_workflow(batch.workflow_uuid, runs)
        elif run is not None:

            async def detail(screen: WorkflowScreen) -> None:
                screen.open_run(run)

            self._open_workflow(run.workflow_uuid, detail)
        else:
            workspace = self.session.workspace_name
            self.notify(
                f"Nothing in {workspace} has the uuid {found.uuid}: no resource Discovery lists, "
                "and no batch or run. Check that it was copied whole, from this workspace.",
                title="Unknown uuid",
                severity="warning",
                timeout=10,
            )

    def _open_workflow(
        self, workflow_uuid: str, then: Callable[[WorkflowScreen], Awaitable[None]]
    ) -> None:
        """The workflow's screen, ``then`` done there; its play or tool selected here, for
        the way back."""
        owner = self.found.owner_of.get(workflow_uuid) if self.found else None
        if owner is not None:
            self.select(owner.uuid)
        self.post_message(OpenWorkflow(workflow_uuid, then))

    # -- filter ----------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Focus the filter, its text selected: typing replaces it, arrows keep it."""
        field = self.query_one("#filter", Input)
        self.focus_now(field)
        field.select_all()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Matches as the filter is typed, the cursor on the first; with the filter cleared,
        every resource again, the cursor where it was in the matches (or, when nothing
        matched, where it was before the filter)."""
        if not event.value.strip():
            self._fill("", keep=self._selected_entry() or self._before_filter)
            return
        if self.resources.all_shown:
            self._before_filter = self._selected_entry()
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.focus_now(self.resources)  # an enter typed right behind goes to the tree

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.resources.focus()

    # -- copy and export -------------------------------------------------------------------

    def action_export(self) -> None:
        """The resources in view (those the filter keeps, else every one) to a file."""
        from tui.export import RowsSource, slug

        found = self.found
        if found is None:
            return
        query = self.query_one("#filter", Input).value.strip()
        if query:
            entries = [entry for _, entry in found.matching(query, Matcher(query).match)]
        else:
            entries = [e for kind in KINDS for e in found.entries(kind)] + found.orphan_workflows()
        columns = ["kind", "name", "uuid", "workflow_uuid"]
        rows = [
            {"kind": str(e.kind), "name": e.name, "uuid": e.uuid, "workflow_uuid": e.workflow_uuid}
            for e in entries
        ]
        what = f"resources matching {query!r}" if query else "every resource of the workspace"
        source = RowsSource(label=what, stem=slug("resources", query), columns=columns, rows=rows)
        self.post_message(OpenExport(source))

    def uuid_target(self) -> tuple[str, str] | None:
        entry = self._selected_entry()
        return (entry.name, entry.uuid) if entry is not None else None

    def action_copy_web_url(self) -> None:
        entry, who = self._selected_entry(), self.session.whoami
        if entry is None or who is None:
            self.notify("Select a resource first.", severity="warning")
            return
        url = web_url(entry, who.workspace.uuid)
        if url is None:
            self.notify(f"Cargo has no web page for a {entry.kind}.", severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", timeout=3)

    def action_follow(self) -> None:
        """``F``: follow mode, the workspace's failures as they happen."""
        self.post_message(OpenFollow())
