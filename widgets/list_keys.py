"""The keys every list and tree answers to (DESIGN's keymap): ``j`` ``k`` beside the arrows,
``g`` ``G`` beside home and end, page up and page down. :class:`ListTable` and
:class:`ListTree` are Textual's DataTable and Tree with them; ``PagedTable`` has its own."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Tree


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


CellType = TypeVar("CellType")
TreeDataType = TypeVar("TreeDataType")


class ListTable(DataTable[CellType]):
    BINDINGS = list_keys("scroll_top", "scroll_bottom")  # (its home and end go sideways)


class ListTree(Tree[TreeDataType]):
    BINDINGS = list_keys("scroll_home", "scroll_end")
