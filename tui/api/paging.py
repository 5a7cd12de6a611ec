"""Async iteration over ``limit``/``offset`` pages, so long lists never load whole."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

#: ``fetch(limit, offset)`` -> (items of the page, total count if the API gives one).
PageFetcher = Callable[[int, int], Awaitable[tuple[Sequence[T], int | None]]]


async def pages(
    fetch: PageFetcher[T], *, page_size: int = 100, offset: int = 0, max_items: int | None = None
) -> AsyncIterator[list[T]]:
    """Yield pages until the list ends, the total is reached, or ``max_items`` were given."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    given = 0
    while max_items is None or given < max_items:
        limit = page_size if max_items is None else min(page_size, max_items - given)
        items, total = await fetch(limit, offset)
        if not items:
            return
        given += len(items)
        offset += len(items)
        yield list(items)
        if len(items) < limit or (total is not None and offset >= total):
            return
