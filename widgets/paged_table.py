"""A table over rows it does not hold: it knows the total, shows what is loaded, and asks for
the pages that scroll into view. A million rows cost as much as the pages kept in memory.

The owner answers :class:`PagedTable.PageNeeded` by calling :meth:`PagedTable.fill`; pages far
from the view are dropped (least recently used) so memory stays bounded whatever the total.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Hashable, Iterator, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.signal import Signal
from textual.strip import Strip

from widgets.table_rows import KEY_PREFIX, Cell, Column, Row, finder

__all__ = ["KEY_PREFIX", "Cell", "Column", "PagedTable", "Row", "finder"]


class PagedTable(ScrollView, can_focus=True):
    """A keyboard-driven table whose rows arrive a page at a time."""

    DEFAULT_CSS = """
    PagedTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    PagedTable > .paged-table--header {
        text-style: bold;
        color: $text-muted;
        background: $surface;
    }
    PagedTable > .paged-table--cursor {
        background: $block-cursor-blurred-background;
    }
    PagedTable:focus > .paged-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    PagedTable > .paged-table--selected {
        color: $text-accent;
    }
    PagedTable > .paged-table--pending {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-table--header",
        "paged-table--cursor",
        "paged-table--selected",
        "paged-table--pending",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select_row", "Open", show=False),
        Binding("space", "toggle_mark", "Select", show=False, id="select-row"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class PageNeeded(Message):
        """Rows ``offset`` to ``offset + limit`` are wanted on screen."""

        def __init__(self, table: PagedTable, offset: int, limit: int, generation: int) -> None:
            super().__init__()
            self.table = table
            self.offset = offset
            self.limit = limit
            #: Pass back to :meth:`PagedTable.fill`: rows of an older generation are dropped.
            self.generation = generation

        @property
        def control(self) -> PagedTable:
            return self.table

    class RowHighlighted(Message):
        def __init__(self, table: PagedTable, index: int, row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.row = row

        @property
        def control(self) -> PagedTable:
            return self.table

    class RowSelected(RowHighlighted):
        """``enter`` on a loaded row."""

    class InView(Message):
        """Other rows are in view (scrolled, resized, or the total changed): rows ``first`` to
        ``last`` (0-based, ``last`` excluded) of ``total``."""

        def __init__(self, table: PagedTable, first: int, last: int, total: int) -> None:
            super().__init__()
            self.table = table
            self.first, self.last, self.total = first, last, total

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column] = (),
        *,
        page_size: int = 100,
        max_pages: int = 12,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.page_size = page_size
        self.max_pages = max_pages
        self.total = 0
        self.marked: set[Hashable] = set()
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._pending: set[int] = set()
        #: Pages whose fetch failed, with what to show in their place until a refetch.
        self._failed: dict[int, str] = {}
        self.generation = 0
        self.empty_text = "nothing to show"
        #: The rows in view last announced (:class:`InView`), so each change is said once.
        self._told: tuple[int, int, int] | None = None
        #: ``(first, last, total)`` as :class:`InView` says it, but at once, for what must be
        #: painted in the same frame as the rows (a status line saying which are in view).
        self.view_changed: Signal[tuple[int, int, int]] = Signal(self, "view-changed")

    # -- data ------------------------------------------------------------------------------

    def reset(self, total: int, columns: Sequence[Column] | None = None) -> None:
        """Forget every row; the table now has ``total`` rows to fetch."""
        if columns is not None:
            self.columns = list(columns)
        self.total = max(0, total)
        self.generation += 1
        self._pages.clear()
        self._pending.clear()
        self._failed.clear()
        self.marked.clear()
        self.virtual_size = Size(self.size.width, self.body_lines + 1)
        self.cursor = min(self.cursor, max(0, self.total - 1))
        self.scroll_to(y=0, animate=False)
        if self.total:
            self._want(0)  # not left to rendering: a loading overlay renders no line
        self.refresh()
        self._tell_view()

    def set_total(self, total: int) -> None:
        total = max(0, total)
        if total == self.total:
            return  # every page says the total: repainting for each would redraw the view
        self.total = total
        self.virtual_size = Size(self.size.width, self.body_lines + 1)
        self.refresh()
        self._tell_view()

    def fill(self, offset: int, rows: Sequence[Row], generation: int | None = None) -> None:
        """Rows from ``offset`` arrived (may span pages); an older generation is dropped."""
        if generation is not None and generation != self.generation:
            return
        for start in range(0, len(rows), self.page_size):
            page = (offset + start) // self.page_size
            self._pending.discard(page)
            self._failed.pop(page, None)
            self._pages[page] = list(rows[start : start + self.page_size])
            self._pages.move_to_end(page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        # Only the rows of the page that are on screen are repainted: a page fetched ahead
        # of the view costs no paint at all.
        end = offset + (-(-max(1, len(rows)) // self.page_size)) * self.page_size
        self._refresh_rows(offset, end)
        if offset <= self.cursor < end:
            self._announce()

    def _refresh_rows(self, start: int, end: int) -> None:
        """Repaint rows ``start`` to ``end`` (``end`` excluded) where they are in view."""
        first, last = self.in_view
        start, end = max(start, first), min(end, last)
        if start < end:
            top = self.line_of(start) - int(self.scroll_y) + 1  # under the column labels
            height = self.line_of(end - 1) - self.line_of(start) + 1
            self.refresh(Region(0, top, self.size.width, height))

    def fail(self, offset: int, message: str, generation: int | None = None) -> None:
        """The page at ``offset`` could not be fetched: say so in its rows until a refetch."""
        if generation is not None and generation != self.generation:
            return
        page = offset // self.page_size
        self._pending.discard(page)
        self._failed[page] = message
        self._refresh_rows(page * self.page_size, (page + 1) * self.page_size)

    def replace_row(self, index: int, row: Row) -> None:
        page = self._pages.get(index // self.page_size)
        if page is not None and index % self.page_size < len(page):
            page[index % self.page_size] = row
            self._refresh_rows(index, index + 1)

    def row(self, index: int) -> Row | None:
        page = self._pages.get(index // self.page_size)
        if page is None:
            return None
        within = index % self.page_size
        return page[within] if within < len(page) else None

    @property
    def loaded_rows(self) -> int:
        """Rows held in memory now (bounded by ``max_pages * page_size``)."""
        return sum(len(page) for page in self._pages.values())

    def pages_held(self) -> dict[int, list[Row]]:
        """The pages held in memory now, by number (``page_size`` rows each, the last maybe
        fewer), copied: what a search looks at before it asks for the others."""
        return {page: list(rows) for page, rows in self._pages.items()}

    def loaded(self) -> Iterator[Row]:
        """The rows held in memory now, page by page (not in table order)."""
        for page in list(self._pages.values()):
            yield from page

    @property
    def cursor_row(self) -> Row | None:
        return self.row(self.cursor) if self.total else None

    def _want(self, index: int) -> None:
        page = index // self.page_size
        if page in self._pages:
            self._pages.move_to_end(page)
            return
        if page in self._pending or index >= self.total:
            return
        self._pending.add(page)
        # Not posted from here: during a render the sender would be the screen, and a message
        # is never bubbled back to its sender's parents.
        self.call_later(self._ask, page)

    def _ask(self, page: int) -> None:
        if page in self._pending:
            offset = page * self.page_size
            self.post_message(self.PageNeeded(self, offset, self.page_size, self.generation))

    def refetch(self) -> None:
        """Ask again for the pages in view (after a failed fetch, or to refresh them)."""
        self.generation += 1
        self._pending.clear()
        self._pages.clear()
        self._failed.clear()
        self.refresh()

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

    # -- movement --------------------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        return max(1, self.size.height - 1)

    @property
    def in_view(self) -> tuple[int, int]:
        """The rows on screen: ``first`` to ``last`` (0-based, ``last`` excluded)."""
        top, rows = int(self.scroll_y), range(self.total)
        first = bisect_left(rows, top, key=self.line_of)
        return first, bisect_left(rows, top + self._body_height, key=self.line_of)

    def _tell_view(self) -> None:
        first, last = self.in_view
        if self._told != (first, last, self.total):
            self._told = (first, last, self.total)
            self.view_changed.publish((first, last, self.total))
            self.post_message(self.InView(self, first, last, self.total))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._tell_view()
        self._prefetch(forward=new_value > old_value)

    def _prefetch(self, *, forward: bool) -> None:
        """Once the view moves, the page a page beyond it, the way it moves, is asked for:
        paging through it then rarely waits on the network (a failed one waits for ``r``)."""
        first, last = self.in_view
        index = last - 1 + self.page_size if forward else first - self.page_size
        if 0 <= index < self.total and index // self.page_size not in self._failed:
            self._want(index)

    def on_resize(self) -> None:
        self._tell_view()

    def watch_cursor(self, old: int, new: int) -> None:
        if self.total == 0:
            return
        clamped = max(0, min(new, self.total - 1))
        if clamped != new:
            self.cursor = clamped
            return
        top, line = int(self.scroll_y), self.line_of(new)
        if line < top:  # (with any line between it and the row above it)
            self.scroll_to(y=self.line_of(new - 1) + 1 if new else 0, animate=False)
        elif line >= top + self._body_height:
            self.scroll_to(y=line - self._body_height + 1, animate=False)
        if int(self.scroll_y) == top:  # the same rows: only the two the cursor left and took
            self._refresh_rows(old, old + 1)
            self._refresh_rows(new, new + 1)
        else:  # (scrolling repaints the whole view)
            self.refresh()
        self._announce()

    def _announce(self) -> None:
        if self.total:
            self.post_message(self.RowHighlighted(self, self.cursor, self.cursor_row))

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._body_height

    def action_page_down(self) -> None:
        self.cursor += self._body_height

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.total - 1

    def action_select_row(self) -> None:
        row = self.cursor_row
        if row is not None:
            self.post_message(self.RowSelected(self, self.cursor, row))

    def action_toggle_mark(self) -> None:
        row = self.cursor_row
        if row is None:
            return
        self.marked.symmetric_difference_update({row.key})
        self.cursor += 1

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", 0)
        index = self.row_at(int(self.scroll_y) + y - 1) if y >= 1 else None
        if index is not None:
            self.cursor = index

    # -- rendering -------------------------------------------------------------------------

    def visible_columns(self, width: int) -> list[Column]:
        """The columns that fit in ``width``, dropping the least important first."""
        shown = list(self.columns)
        while len(shown) > 1 and sum(c.width + 1 for c in shown) + 1 > width:
            shown.remove(min(shown, key=lambda c: c.priority))
        return shown

    def widths(self, width: int) -> list[int]:
        """Each column's width (0 for a hidden one): flexible ones share what is left over
        their own widths, by their ``flex``."""
        shown = self.visible_columns(width)
        spare = max(0, width - sum(c.width + 1 for c in shown) - 1)
        flexible = [c for c in shown if c.flex]
        weight = sum(c.flex for c in flexible)
        extra = {id(c): spare * c.flex // weight for c in flexible}
        if flexible:  # what the rounding left goes to the last
            extra[id(flexible[-1])] += spare - sum(extra.values())
        return [c.width + extra.get(id(c), 0) if c in shown else 0 for c in self.columns]

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
            failed = self._failed.get(index // self.page_size)
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
