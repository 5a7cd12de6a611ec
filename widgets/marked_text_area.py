"""A TextArea that marks spans of its text (problems a checker found) without moving the cursor.

The owner hands it plain marks, ``(start, end, severity)`` with 0-based ``(row, column)``
locations, whenever it has checked the text again; the marks are drawn over the text (and the
syntax highlighting, when there is any) until the next call. ``mark_at`` says which mark holds
a location, so the owner can act on the problem under the cursor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual.widgets import TextArea

Location = tuple[int, int]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Mark:
    """A span of the text, end excluded, and how bad what it marks is."""

    start: Location
    end: Location
    severity: Severity = "error"

    def contains(self, location: Location) -> bool:
        """Whether ``location`` is inside the span (its end counts: the cursor sits after it)."""
        return self.start <= location <= self.end


class MarkedTextArea(TextArea):
    DEFAULT_CSS = """
    MarkedTextArea > .marked-text-area--error {
        text-style: underline;
        background: $error 35%;
    }
    MarkedTextArea > .marked-text-area--warning {
        text-style: underline;
        background: $warning 30%;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *TextArea.COMPONENT_CLASSES,
        "marked-text-area--error",
        "marked-text-area--warning",
    }

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self._marks: tuple[Mark, ...] = ()

    @property
    def marks(self) -> tuple[Mark, ...]:
        return self._marks

    def set_marks(self, marks: Iterable[Mark]) -> None:
        """Replace the marks (an empty list clears them) and redraw."""
        marks = tuple(marks)
        if marks == self._marks:
            return
        self._marks = marks
        # Rendered lines are cached by what TextArea knows changes them; marks are not in it.
        self.notify_style_update()
        self.refresh()

    def mark_at(self, location: Location) -> int | None:
        """The index of the first mark holding ``location``, the narrowest when they nest."""
        found = [(_extent(mark), index) for index, mark in enumerate(self._marks)]
        holding = [pair for pair in found if self._marks[pair[1]].contains(location)]
        return min(holding)[1] if holding else None

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if not self._marks:
            return line
        length = len(line.plain)
        for mark in self._marks:
            (top, left), (bottom, right) = mark.start, mark.end
            if not top <= line_index <= bottom:
                continue
            start = left if line_index == top else 0
            end = right if line_index == bottom else length
            if end <= start:
                end = start + 1  # an empty span (a missing key) still shows one cell
            style = self.get_component_rich_style(f"marked-text-area--{mark.severity}")
            line.stylize(style, start, end)
        return line


def _extent(mark: Mark) -> tuple[int, int]:
    """How far a mark reaches (rows, then columns), to prefer the narrowest of nested marks."""
    return (mark.end[0] - mark.start[0], mark.end[1] - mark.start[1])
