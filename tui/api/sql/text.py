"""Positions in a query text, and edits to it.

Offsets count characters from 0. A :data:`Location` is ``(line, column)``, both from 0, the way
Textual's ``TextArea`` reports its cursor; messages shown to people count from 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

Location = tuple[int, int]


def offset_of(text: str, location: Location) -> int:
    """The offset of ``(line, column)``, clamped to the text and to the line's length."""
    line, column = location
    start = 0
    for _ in range(max(line, 0)):
        newline = text.find("\n", start)
        if newline < 0:
            return len(text)
        start = newline + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return min(start + max(column, 0), end)


def location_of(text: str, offset: int) -> Location:
    """The ``(line, column)`` of ``offset`` (clamped to the text)."""
    offset = min(max(offset, 0), len(text))
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return line, column


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str

    def shifted(self, by: int) -> Edit:
        return Edit(self.start + by, self.end + by, self.replacement)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit made; edits must not overlap (insertions at one point may)."""
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise ValueError(f"overlapping edits: {before} and {after}")
    for edit in reversed(ordered):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text
