"""The editor's sidebar: the four tables with their columns and types, and the saved queries.

``enter`` on a table or a column inserts its name at the editor's cursor; on a saved query it
opens the query in a new buffer. Posts messages; the screen does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.state.saved_queries import SavedQuery
from tui.state.schema_cache import KnownSchema
from widgets.list_keys import ListTree


@dataclass(frozen=True)
class Name:
    """A table or column name to insert."""

    text: str


@dataclass(frozen=True)
class Section:
    title: str


NodeData = Name | SavedQuery | Section | None


class SchemaSidebar(Vertical):
    class Insert(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Open(Message):
        def __init__(self, query: SavedQuery) -> None:
            super().__init__()
            self.query = query

    def compose(self) -> ComposeResult:
        tree: ListTree[NodeData] = ListTree("schema", id="sql-tree")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 2
        yield tree

    @property
    def schema_tree(self) -> Tree[NodeData]:
        return self.query_one("#sql-tree", Tree)

    def on_mount(self) -> None:
        self.border_title = "Tables"

    def toggle(self) -> bool:
        """Show the sidebar (its tree focused) or hide it; True when it is shown now."""
        visible = self.display
        self.set_class(not visible, "-shown")
        self.set_class(visible, "-hidden")
        if not visible:
            self.schema_tree.focus()
        return not visible

    def show(self, known: KnownSchema, queries: list[SavedQuery]) -> None:
        tree = self.schema_tree
        opened = {str(node.label) for node in tree.root.children if node.is_expanded}
        line = tree.cursor_line
        tree.clear()
        for table, columns in known.tables.items():
            branch = tree.root.add(Text(table, style="bold"), Name(table))
            width = max((len(name) for name, _ in columns), default=0)
            for name, type_ in columns:
                label = Text.assemble(name.ljust(width + 1), (short_type(type_), "dim"))
                branch.add_leaf(label, Name(name))
            if table in opened or (not opened and table == "runs"):
                branch.expand()
        saved = tree.root.add(Text("Saved queries", style="bold"), Section("Saved queries"))
        for query in queries:
            mark = "◆ " if query.shipped else "◇ "
            saved.add_leaf(Text.assemble((mark, "dim"), query.name), query)
        if "Saved queries" in opened or not opened:
            saved.expand()
        self.border_subtitle = _origin(known)
        tree.cursor_line = max(line, 0)

    @on(Tree.NodeSelected, "#sql-tree")
    def _selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        node: TreeNode[NodeData] = event.node
        data = node.data
        if isinstance(data, Name):
            self.post_message(self.Insert(data.text))
        elif isinstance(data, SavedQuery):
            self.post_message(self.Open(data))
        elif isinstance(data, Section):
            node.toggle()


def short_type(type_: str) -> str:
    """``Nullable(DateTime64(3, 'UTC'))`` -> ``DateTime64?``: the sidebar is narrow."""
    nullable = False
    text = type_
    for wrapper in ("LowCardinality(", "Nullable("):
        if text.startswith(wrapper) and text.endswith(")"):
            nullable = nullable or wrapper == "Nullable("
            text = text[len(wrapper) : -1]
            if text.startswith("Nullable(") and text.endswith(")"):
                nullable, text = True, text[len("Nullable(") : -1]
    text = text.split("(", 1)[0]
    return text + ("?" if nullable else "")


def _origin(known: KnownSchema) -> str:
    sources = set(known.sources.values())
    if sources == {"server"}:
        return "described by the server"
    if sources == {"cache"}:
        return "cached"
    if sources == {"default"}:
        return "default schema"
    return "partly described"
