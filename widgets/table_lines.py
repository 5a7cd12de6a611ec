"""What a paged table paints on each line: the column labels, a row (marked, under the
cursor), a row whose page has not come yet (``…``, or ``✖`` and why it failed), and the lines
a subclass puts between rows. The rows come from the table's pages (:mod:`widgets.table_pages`);
asking for them, moving and the messages are :class:`widgets.paged_table.PagedTable`'s."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from widgets.table_pages import TablePages
from widgets.table_rows import Cell, Column, Row, column_widths, visible_columns


class TableLines(ScrollView):
    """The painting of :class:`widgets.paged_table.PagedTable`: its rows, held by page."""

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(
        self, columns: Sequence[Column], *, page_size: int, max_pages: int, id: str | None
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.total = 0
        self.marked: set[Hashable] = set()
        #: The rows held, a page at a time (and the pages asked for, or failed).
        self.pages = TablePages(page_size, max_pages)
        self.empty_text = "nothing to show"

    @property
    def page_size(self) -> int:
        return self.pages.page_size

    @property
    def max_pages(self) -> int:
        return self.pages.max_pages

    def row(self, index: int) -> Row | None:
        return self.pages.row(index)

    @property
    def cursor_row(self) -> Row | None:
        return self.row(self.cursor) if self.total else None

    def _want(self, index: int) -> None:
        """Row ``index`` is on screen and not held: its page is wanted (the table asks)."""

    def _refresh_rows(self, start: int, end: int) -> None:
        """Repaint rows ``start`` to ``end`` (``end`` excluded) where they are in view."""
        first, last = self.in_view
        start, end = max(start, first), min(end, last)
        if start < end:
            top = self.line_of(start) - int(self.scroll_y) + 1  # under the column labels
            height = self.line_of(end - 1) - self.line_of(start) + 1
            self.refresh(Region(0, top, self.size.width, height))

    # -- lines: a subclass may paint lines between rows (widgets.divided_table) ------------

    def line_of(self, index: int) -> int:
        """The line of the body (0: the first under the labels) that row ``index`` is on."""
        return index

    def row_at(self, line: int) -> int | None:
        """The row on ``line`` of the body; None: a line between rows, or past the last."""
        return line if 0 <= line < self.total else None

    @property
    def body_lines(self) -> int:
        """The lines the rows take, with any between them."""
        return self.total

    def line_between(self, line: int, width: int) -> Strip:
        """What a line between rows shows (none here)."""
        return Strip.blank(width, self.rich_style)

    # -- where the rows are ----------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        return max(1, self.size.height - 1)

    @property
    def in_view(self) -> tuple[int, int]:
        """The rows on screen: ``first`` to ``last`` (0-based, ``last`` excluded)."""
        top, rows = int(self.scroll_y), range(self.total)
        first = bisect_left(rows, top, key=self.line_of)
        return first, bisect_left(rows, top + self._body_height, key=self.line_of)

    # -- rendering -------------------------------------------------------------------------

    def visible_columns(self, width: int) -> list[Column]:
        """The columns that fit in ``width``, dropping the least important first."""
        return visible_columns(self.columns, width)

    def widths(self, width: int) -> list[int]:
        """Each column's width in ``width`` (0 for a hidden one)."""
        return column_widths(self.columns, width)

    def _line(
        self, cells: Sequence[Cell], widths: list[int], style: Style, lead: str = " "
    ) -> Strip:
        text = Text(lead, style=style, no_wrap=True, end="")
        for cell, column, width in zip(cells, self.columns, widths, strict=False):
            if not width:
                continue
            piece = cell.copy() if isinstance(cell, Text) else Text(str(cell))
            piece.truncate(width, overflow="ellipsis", pad=False)
            if column.align == "right":
                piece.pad_left(width - piece.cell_len)
            else:
                piece.pad_right(width - piece.cell_len)
            text.append_text(piece)
            text.append(" ")
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(0, self.size.width, style)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        widths = self.widths(width)
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("paged-table--header")
            return self._line([c.label for c in self.columns], widths, base + header)
        if self.total == 0:
            if y == 1:
                pending = self.get_component_rich_style("paged-table--pending")
                empty = Strip([Segment(f" {self.empty_text}", base + pending)])
                return empty.crop_extend(0, width, base)
            return Strip.blank(width, base)
        line = int(self.scroll_y) + y - 1
        if line >= self.body_lines:
            return Strip.blank(width, base)
        index = self.row_at(line)
        if index is None:
            return self.line_between(line, width)
        row = self.row(index)
        if row is None:
            failed = self.pages.failure(index)
            if failed is None:
                self._want(index)
            pending = self.get_component_rich_style("paged-table--pending")
            said = f" ✖ {failed}" if failed else " …"
            return Strip([Segment(said, base + pending)]).crop_extend(0, width, base)
        style, lead = base, " "
        if row.key in self.marked:
            style += self.get_component_rich_style("paged-table--selected")
            lead = "✓"
        if index == self.cursor:
            style += self.get_component_rich_style("paged-table--cursor")
        return self._line(row.cells, widths, style, lead)
