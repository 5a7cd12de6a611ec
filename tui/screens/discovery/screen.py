"""The Discovery screen: resources by kind on the left, the selected one's details on the right."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets import Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from tui import clock
from tui.screens.base import CargoScreen, renders
from tui.screens.discovery.details import batch_health, describe
from tui.screens.navigation import OpenExport, OpenSegments, OpenWorkflow
from tui.session.discovery import KINDS, Discovery, Entry, Kind, discover, web_url
from tui.state import discovery_cache
from widgets.humanize import ago, plural_of, short_uuid
from widgets.list_keys import ListTree

NodeData = Entry | Kind | None
#: Tree labels are Rich text, which knows no theme variables.
TREE_STYLES = {
    "$text-muted": "dim",
    "$text-error": "bold red",
    "$text-accent": "yellow",
    "$text-success": "green",
}
#: Branches open at first: the kinds people come for.
OPEN_KINDS = {Kind.PLAY, Kind.TOOL}


def heading(kind: Kind) -> str:
    """A kind's branch names the kind, whatever it holds: ``Tools (1)``, as ``Inbox (1)``."""
    return plural_of(kind.value).capitalize()


class DiscoveryScreen(CargoScreen):
    crumbs = ("Discovery",)
    AUTO_FOCUS = "#resources"
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("y", "copy_uuid", "Copy uuid", id="copy-uuid"),
        Binding("w", "copy_web_url", "Web URL", id="copy-web-url"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("s", "app.open_sql", "SQL", id="open-sql"),
        Binding("e", "export", "Export", id="export", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found: Discovery | None = None
        self.cached_at: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="discovery"):
            with Vertical(id="resources-pane", classes="panel") as pane:
                pane.border_title = "Resources"
                yield Input(placeholder="/ filter by name or uuid", id="filter")
                tree: ListTree[NodeData] = ListTree("Resources", id="resources")
                tree.show_root = False
                tree.guide_depth = 2
                yield tree
            with VerticalScroll(id="details", classes="panel") as details:
                details.border_title = "Details"
                yield Static("", id="details-body")
        yield Footer()

    @property
    def resources(self) -> Tree[NodeData]:
        return self.query_one("#resources", Tree)

    def on_mount(self) -> None:
        super().on_mount()
        self._paint_cache()
        if self.found is None:
            self.resources.loading = True
        self.load()

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
        client = await self.session.connect()
        found = await discover(client)
        key, who = self._cache_key(), self.session.whoami
        if key and who and not found.errors:
            discovery_cache.save(key, who.workspace.uuid, who.workspace.name, found.to_cache())
        return found

    @renders(Discovery)
    def _discovered(self, found: Discovery) -> None:
        self.cached_at = None
        self._show(found)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.resources.loading = False
        pane = self.query_one("#resources-pane")
        pane.border_subtitle = "failed · r retry" if self.found is None else "cached · r retry"
        super().show_failure(group, error)

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
        selected = self._selected_entry()
        self._fill(self.query_one("#filter", Input).value)
        if selected is not None:
            self.select(selected.uuid)

    def _fill(self, query: str) -> None:
        found = self.found
        if found is None:
            return
        tree = self.resources
        tree.clear()
        if query.strip():
            self._fill_matches(found, query)
        else:
            for kind in KINDS:
                self._add_kind(found, kind, found.entries(kind), kind in OPEN_KINDS)
            orphans = found.orphan_workflows()
            if orphans:
                label = Text(f"Workflows without a play or tool ({len(orphans)})")
                branch = tree.root.add(label, Kind.WORKFLOW)
                for entry in orphans:
                    branch.add_leaf(Text(entry.name), entry)
        if tree.cursor_line < 0 or tree.cursor_line >= tree.last_line:
            tree.move_cursor_to_line(1 if tree.last_line > 0 else 0)

    def _fill_matches(self, found: Discovery, query: str) -> None:
        by_kind: dict[Kind, list[Entry]] = {}
        for _, entry in found.matching(query, Matcher(query).match):
            by_kind.setdefault(entry.kind, []).append(entry)
        if not by_kind:
            self.resources.root.add_leaf(Text(f"nothing matches {query!r}", style="dim"))
            return
        for kind in [*KINDS, Kind.WORKFLOW]:
            if kind in by_kind:
                self._add_kind(found, kind, by_kind[kind], True, owners=False)

    def _add_kind(
        self, found: Discovery, kind: Kind, entries: list[Entry], expand: bool, owners: bool = True
    ) -> None:
        error = found.errors.get(kind)
        if error is not None:
            label = Text.assemble(f"{heading(kind)}  ", ("✖ failed · r retry", "red"))
            self.resources.root.add_leaf(label, kind)
            return
        branch = self.resources.root.add(
            Text(f"{heading(kind)} ({len(entries)})"), kind, expand=expand
        )
        for entry in entries:
            workflow = found.workflows.get(entry.workflow_uuid or "") if owners else None
            label = self._label(found, entry)
            if workflow is not None and entry.kind in (Kind.PLAY, Kind.TOOL):
                node = branch.add(label, entry)
                node.add_leaf(
                    Text(f"workflow {short_uuid(workflow.uuid)}"), found.find(workflow.uuid)
                )
            else:
                branch.add_leaf(label, entry)

    @staticmethod
    def _label(found: Discovery, entry: Entry) -> Text:
        """Names as plain text (a name may hold brackets), plays and tools with a health mark."""
        if entry.kind not in (Kind.PLAY, Kind.TOOL):
            return Text(entry.name)
        workflow = found.workflows.get(entry.workflow_uuid or "")
        mark, style = batch_health(workflow.last_batch if workflow else None)
        return Text.assemble((mark, TREE_STYLES[style]), " ", entry.name)

    # -- selection and details -----------------------------------------------------------

    def _selected_entry(self) -> Entry | None:
        node = self.resources.cursor_node
        return node.data if node is not None and isinstance(node.data, Entry) else None

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self._describe(event.node)

    def _describe(self, node: TreeNode[NodeData]) -> None:
        body = self.query_one("#details-body", Static)
        details = self.query_one("#details", VerticalScroll)
        data, found = node.data, self.found
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
        node = self._node_for(uuid)
        if node is None:
            self.query_one("#filter", Input).value = ""
            self._fill("")
            node = self._node_for(uuid)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self._move_to(node)
        return True

    def select_kind(self, kind: Kind) -> None:
        """Move the cursor to a kind's branch (or its failure line)."""
        for node in self.resources.root.children:
            if node.data == kind:
                self._move_to(node)
                return

    def _move_to(self, node: TreeNode[NodeData]) -> None:
        # A branch just opened has no line number until the tree rebuilds its lines, which it
        # otherwise does when idle: build them now so the cursor lands where it was sent.
        _ = self.resources._tree_lines
        self.resources.move_cursor(node)
        self.resources.scroll_to_node(node, animate=False)
        self.resources.focus()

    def _node_for(self, uuid: str) -> TreeNode[NodeData] | None:
        stack = list(self.resources.root.children)
        while stack:
            node = stack.pop(0)
            if isinstance(node.data, Entry) and node.data.uuid == uuid:
                return node
            stack.extend(node.children)
        return None

    @on(Tree.NodeSelected, "#resources")
    def _open(self, event: Tree.NodeSelected[NodeData]) -> None:
        entry = event.node.data
        if isinstance(entry, Entry) and entry.workflow_uuid and self.found:
            self.post_message(OpenWorkflow(entry.workflow_uuid))
        elif isinstance(entry, Entry) and entry.kind == Kind.SEGMENT:
            self.post_message(OpenSegments(entry.uuid))

    # -- filter ----------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Focus the filter, its text selected: typing replaces it, arrows keep it."""
        field = self.query_one("#filter", Input)
        self.focus_now(field)
        field.select_all()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.resources.focus()

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
