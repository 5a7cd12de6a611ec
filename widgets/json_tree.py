"""A collapsible tree of a JSON value: objects and arrays fold, scalars show as JSON.

Children are added when a node is first expanded, so a large output costs nothing until it is
opened, and long arrays show their first items with a count of the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.style import Style
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

#: How a found text shows in its label.
MARK = "bold black on yellow"
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


def key_label(key: str | int) -> Text:
    return Text(key if isinstance(key, str) else f"[{key}]", STYLES["key"])


def excerpt(text: str, mark: str, width: int = MAX_LABEL) -> str:
    """A long string as JSON shows it, cut to ``width`` around the first ``mark`` in it."""
    shown = json.dumps(text, ensure_ascii=False)
    at = shown.lower().find(mark.lower()) if mark else -1
    if len(shown) <= width:
        return shown
    start = max(0, min(at - width // 3, len(shown) - width + 1)) if at > 0 else 0
    head = "…" if start else ""
    body = shown[start : start + width - 1 - len(head)]
    return head + body + ("…" if start + len(body) < len(shown) else "")


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
    #: The node whose label shows a found text, and its label before.
    _marked: tuple[TreeNode[JsonNode], Text] | None = None

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.show_root = True
        self.guide_depth = 2

    def load(self, value: Any, label: str = "") -> None:
        self._marked = None
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
            self._add_value(node, key, child, depth)
        if len(items) > MAX_CHILDREN:
            node.add_leaf(Text(f"… {len(items) - MAX_CHILDREN:,} more", "dim"))

    def _add_value(
        self,
        node: TreeNode[JsonNode],
        key: str | int,
        child: Any,
        depth: int,
        before: TreeNode[JsonNode] | None = None,
    ) -> TreeNode[JsonNode]:
        label = Text.assemble(key_label(key), ": ", summary(child))
        path = (*node.data.path, key) if node.data is not None else (key,)
        if isinstance(child, dict | list) and child:
            # Small containers near the top open at once; big ones wait to be asked.
            open_now = depth + 1 < self.open_depth and len(child) <= OPEN_AT_MOST
            sub = node.add(label, JsonNode(path, child), before=before, expand=open_now)
            if open_now:
                self._fill(sub, depth + 1)
            return sub
        return node.add_leaf(label, JsonNode(path, child), before=before)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[JsonNode]) -> None:
        self._fill(event.node, depth=self.open_depth)

    # -- finding: open the branches down to a value and mark it ---------------------------------

    def reveal(self, path: tuple[str | int, ...], mark: str = "") -> bool:
        """Open the branches down to the value at ``path`` (from the root's value), put the
        cursor on it and highlight ``mark`` in its label, ignoring case (a value past the
        children shown is added where the "… more" line is). False: no such value here."""
        self._unmark()
        node = self.root
        for depth, key in enumerate(path):
            self._fill(node, depth)
            node.expand()
            child = self._child(node, key, depth)
            if child is None:
                return False
            node = child
        if mark:
            self._mark(node, mark)
        _ = self._tree_lines  # lines are counted lazily, and the cursor goes to this one's line
        self.move_cursor(node)
        return True

    def _child(
        self, node: TreeNode[JsonNode], key: str | int, depth: int
    ) -> TreeNode[JsonNode] | None:
        """The child of ``node`` at ``key``, added if it is past the children shown."""
        for child in node.children:
            if child.data is not None and child.data.path[-1] == key:
                return child
        value: Any = node.data.value if node.data is not None else None
        in_object = isinstance(value, dict) and isinstance(key, str) and key in value
        in_array = isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value)
        if not (in_object or in_array):
            return None
        more = node.children[-1] if node.children and node.children[-1].data is None else None
        return self._add_value(node, key, value[key], depth, before=more)

    def _mark(self, node: TreeNode[JsonNode], mark: str) -> None:
        data = node.data
        assert data is not None
        before = node.label if isinstance(node.label, Text) else Text(node.label)
        self._marked = (node, before)
        label = before.copy()
        value = data.value
        if data.path and isinstance(value, str) and len(value) > MAX_LABEL:  # cut around it
            shown = Text(excerpt(value, mark), STYLES["str"])
            label = Text.assemble(key_label(data.path[-1]), ": ", shown)
        label.highlight_words([mark], MARK, case_sensitive=False)
        node.set_label(label)

    def render_label(self, node: TreeNode[JsonNode], base_style: Style, style: Style) -> Text:
        """The found text stays marked on the cursor's line too (its style covers the label)."""
        text = super().render_label(node, base_style, style)
        label = node.label
        if self._marked is not None and node is self._marked[0] and isinstance(label, Text):
            start = len(text) - len(label)
            for span in label.spans:
                if span.style == MARK:
                    text.stylize(MARK, start + span.start, start + span.end)
        return text

    def _unmark(self) -> None:
        marked, self._marked = self._marked, None
        if marked is not None and marked[0].tree is self:
            marked[0].set_label(marked[1])

    @property
    def selected_value(self) -> Any:
        node = self.cursor_node
        return node.data.value if node is not None and node.data is not None else None
