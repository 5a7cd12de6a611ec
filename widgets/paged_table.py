"""A table over rows it does not hold: it knows the total, shows what is loaded, and asks for
the pages that scroll into view. A million rows cost as much as the pages kept in memory.

The owner answers :class:`PagedTable.PageNeeded` by calling :meth:`PagedTable.fill`; pages far
from the view are dropped (least recently used) so memory stays bounded whatever the total.

Here: asking for pages, moving, and what the table tells its owner. What each line paints is
:mod:`widgets.table_lines`; the pages held, :mod:`widgets.table_pages`; the columns and rows,
:mod:`widgets.table_rows`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.signal import Signal

from widgets.table_lines import TableLines
from widgets.table_rows import KEY_PREFIX, Cell, Column, Row, finder

__all__ = ["KEY_PREFIX", "Cell", "Column", "PagedTable", "Row", "finder"]


class PagedTable(TableLines, can_focus=True):
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
        super().__init__(columns, page_size=page_size, max_pages=max_pages, id=id)
        self.generation = 0
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
        self.pages.clear()
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
        self.pages.store(offset, rows)
        # Only the rows of the page that are on screen are repainted: a page fetched ahead
        # of the view costs no paint at all.
        end = offset + (-(-max(1, len(rows)) // self.page_size)) * self.page_size
        self._refresh_rows(offset, end)
        if offset <= self.cursor < end:
            self._announce()

    def fail(self, offset: int, message: str, generation: int | None = None) -> None:
        """The page at ``offset`` could not be fetched: say so in its rows until a refetch."""
        if generation is not None and generation != self.generation:
            return
        page = self.pages.fail(offset, message)
        self._refresh_rows(page * self.page_size, (page + 1) * self.page_size)

    def replace_row(self, index: int, row: Row) -> None:
        if self.pages.replace(index, row):
            self._refresh_rows(index, index + 1)

    @property
    def loaded_rows(self) -> int:
        """Rows held in memory now (bounded by ``max_pages * page_size``)."""
        return self.pages.loaded_rows

    def pages_held(self) -> dict[int, list[Row]]:
        """The pages held in memory now, by number (``page_size`` rows each, the last maybe
        fewer), copied: what a search looks at before it asks for the others."""
        return self.pages.held()

    def loaded(self) -> Iterator[Row]:
        """The rows held in memory now, page by page (not in table order)."""
        yield from self.pages.loaded()

    def _want(self, index: int) -> None:
        page = self.pages.want(index, self.total)
        if page is None:
            return
        # Not posted from here: during a render the sender would be the screen, and a message
        # is never bubbled back to its sender's parents.
        self.call_later(self._ask, page)

    def _ask(self, page: int) -> None:
        if self.pages.pending(page):
            offset = page * self.page_size
            self.post_message(self.PageNeeded(self, offset, self.page_size, self.generation))

    def refetch(self) -> None:
        """Ask again for the pages in view (after a failed fetch, or to refresh them)."""
        self.generation += 1
        self.pages.clear()
        self.refresh()

    # -- movement --------------------------------------------------------------------------

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
        if 0 <= index < self.total and self.pages.failure(index) is None:
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
