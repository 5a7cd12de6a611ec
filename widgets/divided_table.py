"""A paged table with labelled lines between some of its rows (``── v6 deployed ... ──``).

A divider is not a row: the cursor, find, paging and the rows' indices never see it, so
whatever works on the rows (enter, export, refresh) works as in :class:`PagedTable`. Each
divider sits above the row it is keyed by, and takes a line of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from widgets.paged_table import Column, PagedTable


class DividedTable(PagedTable):
    """``set_dividers({12: "v6 deployed 2026-11-23"})``: a line above row 12 saying so."""

    DEFAULT_CSS = """
    DividedTable > .divided-table--divider {
        color: $text-accent;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *PagedTable.COMPONENT_CLASSES,
        "divided-table--divider",
    }

    def __init__(
        self,
        columns: Sequence[Column] = (),
        *,
        page_size: int = 100,
        max_pages: int = 12,
        id: str | None = None,
    ) -> None:
        super().__init__(columns, page_size=page_size, max_pages=max_pages, id=id)
        self.dividers: dict[int, str] = {}
        #: The rows with a divider above them, in order.
        self._above: list[int] = []

    def set_dividers(self, dividers: Mapping[int, str]) -> None:
        """The dividers, each keyed by the row it sits above (row 0 and rows past the end
        have none: a divider is between two rows)."""
        wanted = {index: label for index, label in dividers.items() if index > 0}
        if wanted == self.dividers:
            return
        self.dividers = wanted
        self._above = sorted(wanted)
        self.virtual_size = Size(self.size.width, self.body_lines + 1)
        self.refresh()
        self._tell_view()

    def reset(self, total: int, columns: Sequence[Column] | None = None) -> None:
        self.dividers, self._above = {}, []
        super().reset(total, columns)

    # -- lines -----------------------------------------------------------------------------

    def line_of(self, index: int) -> int:
        return index + bisect_right(self._above, index)

    def row_at(self, line: int) -> int | None:
        if line < 0:
            return None
        # The rows before ``line`` and on it: each row takes its line, a divider one more.
        index = bisect_right(range(self.total), line, key=self.line_of) - 1
        return index if index >= 0 and self.line_of(index) == line else None

    @property
    def body_lines(self) -> int:
        return self.total + bisect_right(self._above, self.total - 1)

    def line_between(self, line: int, width: int) -> Strip:
        below = self.row_at(line + 1)
        label = self.dividers.get(below) if below is not None else None
        base = self.rich_style
        if label is None:
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("divided-table--divider")
        text = Text.assemble(" ── ", (label, "bold"), " ", end="")
        text.truncate(max(0, width - 3), overflow="ellipsis")
        text.append("─" * max(0, width - 1 - text.cell_len))
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(0, width, base)
