"""Scrollbars whose thumbs are whole cells (the app sets ``ScrollBar.renderer``, Textual's
documented hook, so every scrollbar of every screen draws so).

Textual draws a thumb's two ends with eighth blocks (``▊ ▌ ▎``, ``▄ ▆``) to place it finer
than a cell. Where the thumb's colour is close to its track's, and the more so dimmed under a
dialog, only those ends show, as stray blocks beside the text. Whole cells read as a bar.
"""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBarRender


class WholeCells(ScrollBarRender):
    """No partial blocks: a thumb's ends are rounded to whole cells (the blank is the track)."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8
