"""Textual's DataTable with the keys every list answers to (:mod:`widgets.list_keys`)."""

from __future__ import annotations

from typing import TypeVar

from textual.widgets import DataTable

from widgets.list_keys import list_keys

CellType = TypeVar("CellType")


class ListTable(DataTable[CellType]):
    BINDINGS = list_keys("scroll_top", "scroll_bottom")  # (its home and end go sideways)
