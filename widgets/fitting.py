"""Text that fits the room it is given: cut with an ellipsis, the longest of several forms
that fits, or at most a few lines. A narrow terminal shows what matters, never a clipped half."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.app import RenderResult as WidgetRender
from textual.reactive import reactive
from textual.widget import Widget


def clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, its end cut to ``…`` when it does not fit."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    cut = Text(text)
    cut.truncate(width - 1)
    return cut.plain.rstrip() + "…"


def first_fitting(forms: Sequence[str], width: int) -> str:
    """The first of ``forms`` (the fullest first) that fits in ``width`` cells; when none
    does, the last one, clipped."""
    for form in forms:
        if cell_len(form) <= width:
            return form
    return clip(forms[-1], width) if forms else ""


class Clamped:
    """A text wrapped to the width it is rendered at, in at most ``lines`` lines: the last
    one shown ends in ``…`` when there was more."""

    def __init__(self, text: Text | str, lines: int) -> None:
        self.text = Text(text) if isinstance(text, str) else text
        self.lines = max(1, lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        wrapped = self.text.wrap(console, width)
        if len(wrapped) <= self.lines:
            yield from wrapped
            return
        shown = list(wrapped)[: self.lines]
        last = shown[-1].copy()
        last.rstrip()
        if last.cell_len >= width:
            last.truncate(width - 1)
        last.append("…")
        yield from shown[:-1]
        yield last

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


class FitLine(Widget):
    """One line that shows the fullest of its ``forms`` its width holds (the last one clipped
    when none does): say a uuid in full when there is room, shortened or left out when not."""

    DEFAULT_CSS = """
    FitLine {
        height: 1;
    }
    """

    forms: reactive[tuple[str, ...]] = reactive(())

    def render(self) -> WidgetRender:
        return Text(first_fitting(self.forms, self.size.width), no_wrap=True, end="")
