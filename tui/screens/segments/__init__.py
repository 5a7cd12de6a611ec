"""Segments: the filter editor that makes Cargo's filter mistakes impossible to miss, a preview of
the records, and an export.

The screen loads when it is first opened (``SegmentsScreen`` is imported on first use), so the
app's palette can import ``tui.screens.segments.palette`` at start for nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.screens.segments.screen import SegmentsScreen

__all__ = ["SegmentsScreen"]


def __getattr__(name: str) -> Any:
    if name == "SegmentsScreen":
        from tui.screens.segments.screen import SegmentsScreen

        return SegmentsScreen
    raise AttributeError(name)
