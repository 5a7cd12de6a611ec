"""The pages a paged table holds: the rows that came, a page at a time, the pages asked for
and not come yet, and those whose fetch failed. At most ``max_pages`` are held: the least
recently used drop first, so memory stays bounded whatever the total."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence

from widgets.table_rows import Row


class TablePages:
    """The page cache of :class:`widgets.paged_table.PagedTable` (rows by index)."""

    def __init__(self, page_size: int, max_pages: int) -> None:
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._pending: set[int] = set()
        #: Pages whose fetch failed, with what to show in their place until a refetch.
        self._failed: dict[int, str] = {}

    def clear(self) -> None:
        """Forget every page held, asked for, or failed."""
        self._pages.clear()
        self._pending.clear()
        self._failed.clear()

    def store(self, offset: int, rows: Sequence[Row]) -> None:
        """Rows from ``offset`` arrived (may span pages); the oldest pages past
        ``max_pages`` drop."""
        for start in range(0, len(rows), self.page_size):
            page = (offset + start) // self.page_size
            self._pending.discard(page)
            self._failed.pop(page, None)
            self._pages[page] = list(rows[start : start + self.page_size])
            self._pages.move_to_end(page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)

    def fail(self, offset: int, message: str) -> int:
        """The page at ``offset`` could not be fetched: ``message`` in its place; its number."""
        page = offset // self.page_size
        self._pending.discard(page)
        self._failed[page] = message
        return page

    def failure(self, index: int) -> str | None:
        """What the failed page of row ``index`` says (None: it has not failed)."""
        return self._failed.get(index // self.page_size)

    def replace(self, index: int, row: Row) -> bool:
        """Row ``index`` is ``row`` now, if its page is held (whether it was)."""
        page = self._pages.get(index // self.page_size)
        if page is not None and index % self.page_size < len(page):
            page[index % self.page_size] = row
            return True
        return False

    def row(self, index: int) -> Row | None:
        page = self._pages.get(index // self.page_size)
        if page is None:
            return None
        within = index % self.page_size
        return page[within] if within < len(page) else None

    @property
    def loaded_rows(self) -> int:
        return sum(len(page) for page in self._pages.values())

    def held(self) -> dict[int, list[Row]]:
        """The pages held, by number, copied."""
        return {page: list(rows) for page, rows in self._pages.items()}

    def loaded(self) -> Iterator[Row]:
        """The rows held, page by page (not in table order)."""
        for page in list(self._pages.values()):
            yield from page

    def want(self, index: int, total: int) -> int | None:
        """Row ``index`` is wanted: the number of its page if it is to be asked for now (None:
        held, it counts as used; already asked for; or past the ``total``)."""
        page = index // self.page_size
        if page in self._pages:
            self._pages.move_to_end(page)
            return None
        if page in self._pending or index >= total:
            return None
        self._pending.add(page)
        return page

    def pending(self, page: int) -> bool:
        """Whether ``page`` is asked for and not come (nor forgotten) yet."""
        return page in self._pending
