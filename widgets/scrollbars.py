"""Scrollbars whose thumbs are whole cells.

Textual draws a thumb's two ends with eighth blocks (``▊ ▌ ▎``, ``▄ ▆``) to place it finer
than a cell. Where the thumb's colour is close to its track's, and the more so dimmed under a
dialog, only those ends show, as stray blocks beside the text. Whole cells read as a bar.
"""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBarRender
from textual.widget import Widget


class WholeCells(ScrollBarRender):
    """No partial blocks: a thumb's ends are rounded to whole cells (the blank is the track)."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def whole_cell_scrollbars(*widgets: Widget) -> None:
    """Draw the scrollbars of ``widgets`` with whole cells (Textual's documented per-widget
    hook: ``widget.horizontal_scrollbar.renderer = ...``)."""
    for widget in widgets:
        for bar in (widget.vertical_scrollbar, widget.horizontal_scrollbar):
            bar.renderer = WholeCells  # type: ignore[misc]
