"""What a :class:`~widgets.paged_table.PagedTable` shows: its columns, its rows, and what
find matches in a row."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.text import Text

Cell = str | Text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    align: Literal["left", "right"] = "left"
    #: Flexible columns share what the fixed ones leave, in proportion to their ``flex``
    #: (``True`` counts as 1): a column of ``flex=2`` grows twice as fast as one of 1.
    flex: int = 0
    #: When the table is too narrow, columns of the lowest priority are hidden first.
    priority: int = 5


def visible_columns(columns: Sequence[Column], width: int) -> list[Column]:
    """The columns that fit in ``width``, dropping the least important first."""
    shown = list(columns)
    while len(shown) > 1 and sum(c.width + 1 for c in shown) + 1 > width:
        shown.remove(min(shown, key=lambda c: c.priority))
    return shown


def column_widths(columns: Sequence[Column], width: int) -> list[int]:
    """Each column's width (0 for a hidden one): flexible ones share what is left over
    their own widths, by their ``flex``."""
    shown = visible_columns(columns, width)
    spare = max(0, width - sum(c.width + 1 for c in shown) - 1)
    flexible = [c for c in shown if c.flex]
    weight = sum(c.flex for c in flexible)
    extra = {id(c): spare * c.flex // weight for c in flexible}
    if flexible:  # what the rounding left goes to the last
        extra[id(flexible[-1])] += spare - sum(extra.values())
    return [c.width + extra.get(id(c), 0) if c in shown else 0 for c in columns]


@dataclass(frozen=True)
class Row:
    key: Hashable
    cells: Sequence[Cell]
    #: What the row shows, for its owner; dropped with its page, so memory stays bounded.
    data: Any = None


#: A uuid is found by its first characters from this many on (fewer find most rows).
KEY_PREFIX = 4


def finder(needle: str) -> Callable[[Row], bool]:
    """What find matches, whatever the case: a row where ``needle`` starts a word of a cell's
    text (``unhealthy``, ``nov 24``, ``02:39``; ``healthy`` is not found in ``unhealthy``), or
    starts the row's key (a uuid) once it is :data:`KEY_PREFIX` characters or more."""
    needle = needle.strip().lower()
    word = re.compile(r"(?<!\w)" + re.escape(needle))

    def found(row: Row) -> bool:
        if not needle:
            return False
        if len(needle) >= KEY_PREFIX and str(row.key).lower().startswith(needle):
            return True
        texts = (cell.plain if isinstance(cell, Text) else str(cell) for cell in row.cells)
        return any(word.search(text.lower()) for text in texts)

    return found
