"""The keys every list and tree answers to (DESIGN's keymap): ``j`` ``k`` beside the arrows,
``g`` ``G`` beside home and end, page up and page down. :class:`ListTree` is
Textual's Tree with them (:class:`widgets.list_table.ListTable` its DataTable, in a module of
its own: Discovery's first frame does without DataTable's import); ``PagedTable`` has its own."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Tree


def list_keys(first: str, last: str) -> list[BindingType]:
    """The keys, ``g`` and ``G`` running the widget's actions ``first`` and ``last``."""
    return [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", first, "First", show=False),
        Binding("G", last, "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]


TreeDataType = TypeVar("TreeDataType")


class ListTree(Tree[TreeDataType]):
    BINDINGS = list_keys("scroll_home", "scroll_end")

    #: True when the cursor moved while the tree had no size: it is scrolled to once it has one.
    _scroll_waits = False

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        # With no size (covered by its loading indicator, or not laid out yet) no line is in
        # view, and Textual would scroll the cursor's line to the top: the lines above it,
        # a branch's header, stayed hidden once the tree was shown.
        if not self.size.height:
            self._scroll_waits = True
            return
        super().scroll_to_line(line, animate=animate)

    def on_resize(self, _: events.Resize) -> None:
        if self._scroll_waits and self.size.height:
            self._scroll_waits = False
            self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        if self.cursor_node is not None:
            self.scroll_to_node(self.cursor_node, animate=False)
