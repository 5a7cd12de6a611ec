"""A path field whose ``tab`` completes, as a shell does: the one match, else the longest
common start of the matches (which it announces, so the owner can list them). With nothing to
complete, ``tab`` moves on to the next field as usual.

A path longer than the field keeps its start and its end in sight: it is painted abridged,
``/tmp/…/november/failed-runs.csv``, while the field is not focused, and while it is with the
cursor at the end (as it opens, after a completion, while typing a name). Moving the cursor
into the text (``home``, ``left``) shows it whole, scrolled to the cursor, as any field does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input

Completer = Callable[[str], list[str]]
ELLIPSIS = "…"


def abridged(path: str, width: int) -> str:
    """``path`` in ``width`` cells: its first folder, ``…``, and as many of the folders around
    the gap as fit, nearest the name first (``/tmp/…/november/failed-runs.csv``); with no room
    for the name whole, the end of the path."""
    if cell_len(path) <= width:
        return path
    parts = path.split("/")
    lead = 2 if path.startswith("/") else 1  # "/tmp", "~", "reports"
    head, middle, name = parts[:lead], parts[lead:-1], parts[-1]

    def joined(front: int, back: int) -> str:
        kept_front, kept_back = middle[:front], middle[len(middle) - back :]
        return "/".join([*head, *kept_front, ELLIPSIS, *kept_back, name])

    if len(parts) > lead and cell_len(joined(0, 0)) <= width:
        front = back = 0
        grew = True
        while grew:
            grew = False
            if front + back < len(middle) and cell_len(joined(front, back + 1)) <= width:
                back, grew = back + 1, True
            if front + back < len(middle) and cell_len(joined(front + 1, back)) <= width:
                front, grew = front + 1, True
        return joined(front, back)
    end = path
    while end and cell_len(end) > width - 1:
        end = end[1:]
    return ELLIPSIS + end


class PathInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "Complete path", show=False, id="complete-path"),
    ]

    class Completed(Message):
        """``tab`` found these ``candidates`` (several: the owner may list them)."""

        def __init__(self, field: PathInput, candidates: list[str]) -> None:
            super().__init__()
            self.field = field
            self.candidates = candidates

        @property
        def control(self) -> PathInput:
            return self.field

    def __init__(self, value: str = "", *, complete: Completer, **kw: object) -> None:
        super().__init__(value, **kw)  # type: ignore[arg-type]
        self.complete = complete

    def action_complete(self) -> None:
        typed = self.value
        candidates = self.complete(typed)
        if not candidates or candidates == [typed]:
            self.screen.focus_next()
            return
        # Character by character on purpose: "runs-" completes runs-a.csv and runs-b.csv.
        common = candidates[0] if len(candidates) == 1 else os.path.commonprefix(candidates)  # noqa: RUF071
        if len(common) > len(typed):
            self.value = common
            self.cursor_position = len(common)
        self.post_message(self.Completed(self, candidates))

    # -- painting --------------------------------------------------------------------------

    def shown(self) -> str | None:
        """The abridged path being painted, or None when the field shows its text as is."""
        width = self.scrollable_content_region.width
        editing = self.has_focus
        if editing and not (self.cursor_at_end and self.selection.is_empty):
            return None
        room = width - 1 if editing else width  # the cursor's cell, after the text
        if not self.value or self.password or cell_len(self.value) <= room or room < 2:
            return None
        return abridged(self.value, room)

    def render_line(self, y: int) -> Strip:
        shown = self.shown() if y == 0 else None
        if shown is None:
            return super().render_line(y)
        text = Text(shown, no_wrap=True, end="")
        if self.has_focus and self._cursor_visible:  # blinks as Input's own cursor does
            text.append(" ", self.get_component_rich_style("input--cursor"))
        width = self.scrollable_content_region.width
        strip = Strip(list(text.render(self.app.console))).extend_cell_length(width)
        return strip.apply_style(self.rich_style)
