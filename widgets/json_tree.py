"""A collapsible tree of a JSON value: objects and arrays fold, scalars show as JSON.

Children are added when a node is first expanded, so a large output costs nothing until it is
opened, and long arrays show their first items with a count of the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from widgets.list_keys import ListTree

#: Children shown per container before a "… N more" line.
MAX_CHILDREN = 200
#: Containers with more children than this stay folded until opened.
OPEN_AT_MOST = 20
#: Characters of a string shown in its label (the whole value stays in the node's data).
MAX_LABEL = 120

STYLES = {"key": "bold", "str": "green", "num": "cyan", "bool": "magenta", "null": "dim italic"}


@dataclass(frozen=True)
class JsonNode:
    path: tuple[str | int, ...]
    value: Any


def scalar(value: Any) -> Text:
    if value is None:
        return Text("null", STYLES["null"])
    if isinstance(value, bool):
        return Text("true" if value else "false", STYLES["bool"])
    if isinstance(value, int | float):
        return Text(json.dumps(value), STYLES["num"])
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1] + "…"
    return Text(text, STYLES["str"])


def summary(value: Any) -> Text:
    if isinstance(value, dict):
        return Text(f"{{{len(value)}}}" if value else "{}", "dim")
    if isinstance(value, list):
        return Text(f"[{len(value)}]" if value else "[]", "dim")
    return scalar(value)


class JsonTree(ListTree[JsonNode]):
    """``JsonTree().load(value, "hubspot_upsert")``; expands the first ``open_depth`` levels."""

    DEFAULT_CSS = """
    JsonTree {
        scrollbar-size-vertical: 1;
    }
    """
    open_depth: ClassVar[int] = 2

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.show_root = True
        self.guide_depth = 2

    def load(self, value: Any, label: str = "") -> None:
        self.clear()
        self.root.data = JsonNode((), value)
        self.root.set_label(Text.assemble((label, STYLES["key"]), " ", summary(value)))
        self._fill(self.root, depth=0)
        self.root.expand()
        self.move_cursor(self.root)

    def _fill(self, node: TreeNode[JsonNode], depth: int) -> None:
        data = node.data
        if data is None or node.children:
            return
        value = data.value
        items: list[tuple[str | int, Any]]
        if isinstance(value, dict):
            items = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            return
        for key, child in items[:MAX_CHILDREN]:
            name = Text(str(key) if isinstance(key, str) else f"[{key}]", STYLES["key"])
            label = Text.assemble(name, ": ", summary(child))
            path = (*data.path, key)
            if isinstance(child, dict | list) and child:
                # Small containers near the top open at once; big ones wait to be asked.
                open_now = depth + 1 < self.open_depth and len(child) <= OPEN_AT_MOST
                sub = node.add(label, JsonNode(path, child), expand=open_now)
                if open_now:
                    self._fill(sub, depth + 1)
            else:
                node.add_leaf(label, JsonNode(path, child))
        if len(items) > MAX_CHILDREN:
            node.add_leaf(Text(f"… {len(items) - MAX_CHILDREN:,} more", "dim"))

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[JsonNode]) -> None:
        self._fill(event.node, depth=self.open_depth)

    @property
    def selected_value(self) -> Any:
        node = self.cursor_node
        return node.data.value if node is not None and node.data is not None else None
