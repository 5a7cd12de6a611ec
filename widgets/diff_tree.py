"""Changes to a nested value as a tree: each change's path folds under its parents
(``config › scoring › minimumScore``) and its leaf reads ``old → new``; an added key shows only
its new value (``+``), a removed one only its old (``−``). It takes plain text, nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets.tree import TreeNode

from widgets.list_keys import ListTree

OLD, NEW, KEY, ARROW = "red", "green", "bold", "dim"


@dataclass(frozen=True)
class DiffLeaf:
    """One change: where (``path``, its last part the key), and the values as text (None:
    the side where the key is not)."""

    path: tuple[str, ...]
    old: str | None
    new: str | None

    @property
    def label(self) -> Text:
        key = Text(self.path[-1] if self.path else "", KEY)
        if self.old is None:
            return Text.assemble(("+ ", NEW), key, ": ", (self.new or "", NEW))
        if self.new is None:
            return Text.assemble(("− ", OLD), key, ": ", (self.old, OLD))
        return Text.assemble("  ", key, ": ", (self.old, OLD), (" → ", ARROW), (self.new, NEW))


class DiffTree(ListTree[DiffLeaf]):
    """``DiffTree().load("qualify", leaves)``: every branch open (a diff is read whole)."""

    DEFAULT_CSS = """
    DiffTree {
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.show_root = True
        self.guide_depth = 2

    def load(self, title: Text | str, leaves: Sequence[DiffLeaf], empty: str = "") -> None:
        self.clear()
        self.root.set_label(title)
        branches: dict[tuple[str, ...], TreeNode[DiffLeaf]] = {(): self.root}
        for leaf in leaves:
            parent = self.root
            for depth in range(1, len(leaf.path)):
                prefix = leaf.path[:depth]
                if prefix not in branches:
                    branches[prefix] = parent.add(Text(prefix[-1], KEY), expand=True)
                parent = branches[prefix]
            parent.add_leaf(leaf.label, leaf)
        if not leaves and empty:
            self.root.add_leaf(Text(empty, "dim"))
        self.root.expand()
        self.move_cursor(self.root)

    @property
    def lines(self) -> list[str]:
        """Each line of the tree as plain text, depth first (what a test reads)."""
        found: list[str] = []

        def walk(node: TreeNode[DiffLeaf]) -> None:
            found.append(str(node.label))
            for child in node.children:
                walk(child)

        walk(self.root)
        return found
