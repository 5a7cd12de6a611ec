"""Where you are: ``Plays › Enrich new companies › Batch today 11:40 › Failed``.

When the trail is wider than the screen, the leading crumbs are cut short (the longest first)
and, if need be, left out behind ``…``; the last ones stay whole: they say where you are. The
ones cut short are the screens behind, one ``escape`` away.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from widgets.fitting import clip

SEPARATOR = " › "
#: Kept whole while anything else can be cut: the screen you are on and the one before it.
KEEP = 2
#: A leading crumb is cut no shorter than this (``Enric…``); past it, crumbs are left out.
SHORTEST = 6


def _width(parts: Sequence[str]) -> int:
    return sum(cell_len(p) for p in parts) + cell_len(SEPARATOR) * max(0, len(parts) - 1)


def _capped(parts: Sequence[str], room: int) -> list[str] | None:
    """``parts`` each cut to one common length (the longest cut first) so that they fit in
    ``room`` cells, separators included; None if even :data:`SHORTEST` is too long."""
    room -= cell_len(SEPARATOR) * max(0, len(parts) - 1)
    longest = max((cell_len(p) for p in parts), default=0)
    for cap in range(longest, SHORTEST - 1, -1):
        if sum(min(cell_len(p), cap) for p in parts) <= room:
            return [clip(p, cap) for p in parts]
    return None


def fit_crumbs(parts: Sequence[str], width: int, keep: int = KEEP) -> tuple[str, ...]:
    """The trail in ``width`` cells: whole if it fits; else the leading crumbs cut short,
    then left out from the first on (``…`` in their place); the last ``keep`` stay whole
    while anything else can give, and only then are cut too."""
    parts = tuple(parts)
    if _width(parts) <= width:
        return parts
    head, tail = list(parts[:-keep]), list(parts[-keep:])
    for dropped in range(len(head) + 1):
        lead = ["…"] if dropped else []
        rest = head[dropped:]
        room = width - _width([*lead, *tail]) - (cell_len(SEPARATOR) if rest else 0)
        if not rest and room >= 0:
            return (*lead, *tail)
        capped = _capped(rest, room) if rest else None
        if capped is not None:
            return (*lead, *capped, *tail)
    if keep > 1:  # not even the last ones fit whole: the one before the last gives first
        return fit_crumbs(parts, width, keep - 1)
    return (clip(parts[-1], width),) if parts else ()


class Breadcrumb(Widget):
    DEFAULT_CSS = """
    Breadcrumb {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    parts: reactive[tuple[str, ...]] = reactive(())

    def __init__(self, parts: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Breadcrumb.parts, tuple(parts))

    def render(self) -> RenderResult:
        if not self.parts:
            return ""
        parts = fit_crumbs(self.parts, self.size.width)
        pieces: list[Content | str | tuple[str, str]] = []
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            pieces.append((part, "bold $foreground") if last else part)
            if not last:
                pieces.append(SEPARATOR)
        return Content.assemble(*pieces)
