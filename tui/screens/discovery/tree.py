"""Discovery's tree: every resource by kind, or those a filter matches, the cursor kept on the
resource it was on and the branches the user opened kept open whatever the filter does."""

from __future__ import annotations

from rich.text import Text
from textual.fuzzy import Matcher
from textual.widgets.tree import TreeNode

from tui.screens.discovery.details import batch_health
from tui.session.discovery import KINDS, Discovery, Entry, Kind
from widgets.humanize import plural_of, short_uuid
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


class ResourcesTree(ListTree[NodeData]):
    def __init__(self, *, id: str) -> None:
        super().__init__("Resources", id=id)
        self.show_root = False
        self.guide_depth = 2
        #: Whether the tree holds every resource (no filter), and what is open in it: kept
        #: while a filter shows matches, so that clearing the filter puts it back as it was.
        self.all_shown = False
        self._opened: set[Kind | str] = set(OPEN_KINDS)

    @property
    def selected(self) -> Entry | None:
        node = self.cursor_node
        return node.data if node is not None and isinstance(node.data, Entry) else None

    def fill(self, found: Discovery, query: str, keep: Entry | None = None) -> None:
        """The resources ``query`` matches (every one when empty), the cursor on ``keep`` if
        it is among them, else on the first."""
        if self.all_shown:
            self._opened = self._open_keys()
        self.clear()
        self.cursor_line = -1  # (clear keeps the line number, and with it the old node)
        self.all_shown = not query.strip()
        if self.all_shown:
            self._fill_all(found)
        else:
            self._fill_matches(found, query)
        node = self.node_for(keep.uuid) if keep is not None else None
        if node is not None:
            self.move_to(node)
        elif self.last_line > 0:
            self.move_cursor_to_line(1)

    def node_for(self, uuid: str) -> TreeNode[NodeData] | None:
        stack = list(self.root.children)
        while stack:
            node = stack.pop(0)
            if isinstance(node.data, Entry) and node.data.uuid == uuid:
                return node
            stack.extend(node.children)
        return None

    def move_to(self, node: TreeNode[NodeData]) -> None:
        """The cursor on ``node``, its branch opened."""
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        # A branch just opened has no line number until the tree rebuilds its lines, which it
        # otherwise does when idle: build them now so the cursor lands where it was sent.
        _ = self._tree_lines
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def _open_keys(self) -> set[Kind | str]:
        """What is open: branches by kind, plays and tools by uuid."""
        opened: set[Kind | str] = set()
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            data = node.data
            if node.is_expanded and data is not None:
                opened.add(data.uuid if isinstance(data, Entry) else data)
            stack.extend(node.children)
        return opened

    def _fill_all(self, found: Discovery) -> None:
        for kind in KINDS:
            self._add_kind(found, kind, found.entries(kind), kind in self._opened)
        orphans = found.orphan_workflows()
        if orphans:
            label = Text(f"Workflows without a play or tool ({len(orphans)})")
            branch = self.root.add(label, Kind.WORKFLOW, expand=Kind.WORKFLOW in self._opened)
            for entry in orphans:
                branch.add_leaf(Text(entry.name), entry)

    def _fill_matches(self, found: Discovery, query: str) -> None:
        by_kind: dict[Kind, list[Entry]] = {}
        for _, entry in found.matching(query, Matcher(query).match):
            by_kind.setdefault(entry.kind, []).append(entry)
        if not by_kind:
            self.root.add_leaf(Text(f"nothing matches {query!r}", style="dim"))
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
            self.root.add_leaf(label, kind)
            return
        branch = self.root.add(Text(f"{heading(kind)} ({len(entries)})"), kind, expand=expand)
        for entry in entries:
            workflow = found.workflows.get(entry.workflow_uuid or "") if owners else None
            label = _label(found, entry)
            if workflow is not None and entry.kind in (Kind.PLAY, Kind.TOOL):
                node = branch.add(label, entry, expand=entry.uuid in self._opened)
                node.add_leaf(
                    Text(f"workflow {short_uuid(workflow.uuid)}"), found.find(workflow.uuid)
                )
            else:
                branch.add_leaf(label, entry)


def _label(found: Discovery, entry: Entry) -> Text:
    """Names as plain text (a name may hold brackets), plays and tools with a health mark."""
    if entry.kind not in (Kind.PLAY, Kind.TOOL):
        return Text(entry.name)
    workflow = found.workflows.get(entry.workflow_uuid or "")
    mark, style = batch_health(workflow.last_batch if workflow else None)
    return Text.assemble((mark, TREE_STYLES[style]), " ", entry.name)
