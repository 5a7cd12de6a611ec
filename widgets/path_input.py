"""A path field whose ``tab`` completes, as a shell does: the one match, else the longest
common start of the matches (which it announces, so the owner can list them). With nothing to
complete, ``tab`` moves on to the next field as usual."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

Completer = Callable[[str], list[str]]


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
