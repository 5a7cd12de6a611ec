"""A bar chart drawn with block characters, scaled to the widget's size. It takes plain data.

Two kinds of x axis: times, spaced by time (a time with no point is a gap, marked ``·``; when
there are more steps than columns, each bar holds a round span and shows the sum, mean or max
of its points, and the note says so), or labels, one bar per point in their order (when they
do not all fit, a window of them that follows the cursor, and the note says which). ``←`` ``→``
move a cursor over the bars (marked ``▲`` under the axis) and the last line reads the bar under
it out in full, so nothing depends on colour. Negative values are drawn as zero-height bars,
and the note says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from textual.app import RenderResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from widgets import time_axis

BLOCKS = " ▁▂▃▄▅▆▇█"
#: How a bar holding several points shows them (``a`` cycles).
HOW = ("sum", "mean", "max")
#: Lines around the plot: title, note, axis, tick words, readout.
FRAME = 5
MUTED = "$text-muted"


def number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _scale(value: float) -> str:
    """A mark on the y axis: round, short."""
    return f"{round(value):,}" if abs(value) >= 100 else f"{value:.3g}"


@dataclass(frozen=True)
class Bar:
    value: float | None  # None: no point here (a gap), or its points have no value
    rows: int  # the points it holds
    text: str  # what it stands for, in full: a time, a span of time, a label


@dataclass(frozen=True)
class Bars:
    """Every bar the chart holds at one width, and a note on how to read them."""

    bars: list[Bar]
    note: str
    #: A time axis: how long a bar lasts, and the first bar's index in such spans.
    span: time_axis.Span | None = None
    first: int = 0


def _combine(values: list[float], how: str) -> float | None:
    if not values:
        return None
    if how == "mean":
        return sum(values) / len(values)
    return max(values) if how == "max" else sum(values)


def time_bars(x: Sequence[datetime], values: Sequence[float | None], room: int, how: str) -> Bars:
    """Bars side by side from the first time to the last, at most ``room`` of them."""
    if not x:
        return Bars([], "")
    times = sorted(set(x))
    span = time_axis.span_for(times, room)
    own = span == time_axis.natural(times)
    first = span.index(times[0])
    held: list[list[float | None]] = [[] for _ in range(span.count(times[0], times[-1]))]
    for moment, value in zip(x, values, strict=True):
        held[span.index(moment) - first].append(value)
    bars = [
        Bar(
            _combine([v for v in h if v is not None], how), len(h), time_axis.bar_text(span, i, own)
        )
        for i, h in enumerate(held, start=first)
    ]
    note = f"1 bar = {span.words()}"
    if any(len(h) > 1 for h in held):
        note += f": the {how} of its rows (a changes)"
    if any(not h for h in held):
        note += " · · = no row"
    return Bars(bars, note, span, first)


def widths(count: int, room: int) -> tuple[int, int]:
    """Columns per bar and between bars, for ``count`` bars in ``room`` columns."""
    if count and count * 2 <= room + 1:
        return min(8, (room + 1) // count - 1), 1
    return 1, 0


@dataclass(frozen=True)
class Frame:
    """One rendering's geometry: the bars, which show, how wide, against which scale."""

    bars: Bars
    axis: int  # the y axis's width
    height: int
    width: int
    gap: int
    first: int  # the first bar shown
    fits: int  # how many show
    marks: dict[int, str]  # plot row (1 at the bottom) -> its mark on the y axis
    top: float

    @property
    def shown(self) -> list[Bar]:
        return self.bars.bars[self.first : self.first + self.fits]


class BarChart(Widget, can_focus=True):
    """``BarChart(x, values, title="runs by hour")``: ``x`` all datetimes (a time axis) or
    all labels (one bar per point); a None value draws no bar."""

    DEFAULT_CSS = """
    BarChart {
        height: 1fr;
        padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous bar", show=False, id="chart-previous"),
        Binding("right,l", "move(1)", "Next bar", show=False, id="chart-next"),
        Binding("pageup", "move_page(-1)", "Previous page", show=False, id="chart-page-up"),
        Binding("pagedown", "move_page(1)", "Next page", show=False, id="chart-page-down"),
        Binding("home", "move_to(0)", "First bar", show=False, id="chart-first"),
        Binding("end", "move_to(-1)", "Last bar", show=False, id="chart-last"),
        Binding("a", "next_how", "Sum/mean/max", show=False, id="chart-how"),
    ]

    how: reactive[str] = reactive("sum")
    #: The bar the readout reads (-1: the last).
    cursor: reactive[int] = reactive(-1)

    def __init__(
        self,
        x: Sequence[datetime] | Sequence[str],
        values: Sequence[float | None],
        *,
        title: str | Content = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.plot(x, values, title=title)

    def plot(
        self,
        x: Sequence[datetime] | Sequence[str],
        values: Sequence[float | None],
        *,
        title: str | Content = "",
    ) -> None:
        """New data: the cursor on the last bar of a time axis, on the first label else."""
        self.x, self.values = list(x), [None if v is None else float(v) for v in values]
        self.is_time = bool(self.x) and all(isinstance(t, datetime) for t in self.x)
        self.title = Content.styled(title, "bold") if isinstance(title, str) else title
        self.first_shown = 0
        self._cache: tuple[tuple[int, str], Bars] | None = None
        self.set_reactive(BarChart.cursor, -1 if self.is_time else 0)
        self.refresh()

    # -- what is drawn ---------------------------------------------------------------------

    def bars(self, room: int) -> Bars:
        """The bars for ``room`` columns of plot (kept per width and ``how``)."""
        key = (room, self.how)
        if self._cache is None or self._cache[0] != key:
            if self.is_time:
                bars = time_bars(cast("list[datetime]", self.x), self.values, room, self.how)
            else:
                cells = [Bar(v, 1, str(t)) for t, v in zip(self.x, self.values, strict=True)]
                bars = Bars(cells, "1 bar per row")
            self._cache = (key, bars)
        return self._cache[1]

    def frame(self) -> Frame:
        """Where everything goes at the widget's size. The y axis is as wide as its marks,
        which depend on the bars, which depend on the room the axis leaves."""
        height = max(self.size.height - FRAME, 1)
        axis = len(number(max((v for v in self.values if v is not None), default=0.0)))
        for _ in range(3):
            room = max(self.size.width - axis - 2, 1)
            bars = self.bars(room)
            top = max(max((b.value for b in bars.bars if b.value is not None), default=0), 0)
            marks = {height: number(top), 1: "0"}
            if height >= 6:
                middle = math.ceil(height / 2)
                marks[middle] = _scale(top * middle / height)
            if max(map(len, marks.values())) <= axis:
                break
            axis = max(map(len, marks.values()))
        width, gap = widths(len(bars.bars), room)
        fits = min(len(bars.bars), max(1, (room + gap) // (width + gap)))
        cursor = self._cursor(bars)
        first = min(max(self.first_shown, cursor - fits + 1), cursor, len(bars.bars) - fits)
        self.first_shown = max(first, 0)
        return Frame(bars, axis, height, width, gap, self.first_shown, fits, marks, float(top))

    def _cursor(self, bars: Bars) -> int:
        count = len(bars.bars)
        return count - 1 if self.cursor < 0 or self.cursor >= count else self.cursor

    def render(self) -> RenderResult:
        if not any(v is not None for v in self.values):
            message = "nothing to plot: no row has a number in this column"
            return Content("\n").join([self.title, Content.styled(message, MUTED)])
        frame = self.frame()
        bars, first, fits = frame.bars, frame.first, frame.fits
        cursor = self._cursor(bars) - first
        note = bars.note
        if bars.span is None and fits < len(bars.bars):
            note = f"rows {first + 1:,}–{first + fits:,} of {len(bars.bars):,} (← → scroll)"
        if any(b.value is not None and b.value < 0 for b in bars.bars):
            note += " · below 0 drawn as 0"
        full = self.size.width
        lines = [self.title, Content.styled(_fit(note, full), MUTED)]
        lines += self._plot(frame, cursor)
        lines += self._axis(frame, cursor)
        lines.append(Content.styled(_fit(self._readout(frame.shown[cursor]), full), "bold"))
        return Content("\n").join(lines)

    def _plot(self, frame: Frame, cursor: int) -> list[Content]:
        def eighths(value: float | None) -> int:
            if value is None or value <= 0 or frame.top <= 0:
                return 0
            return max(1, round(value / frame.top * frame.height * 8))  # above 0 always shows

        heights = [eighths(b.value) for b in frame.shown]
        lines = []
        for row in range(frame.height, 0, -1):
            floor = (row - 1) * 8
            parts = [(frame.marks.get(row, "").rjust(frame.axis) + " ┤", MUTED)]
            for index, (bar, tall) in enumerate(zip(frame.shown, heights, strict=True)):
                if index and frame.gap:
                    parts.append((" ", ""))
                if row == 1 and bar.value is None:
                    parts.append(("·" * frame.width, MUTED))
                else:
                    style = "$warning" if index == cursor else "$accent"
                    parts.append((BLOCKS[min(max(tall - floor, 0), 8)] * frame.width, style))
            lines.append(Content.assemble(*parts))
        return lines

    @staticmethod
    def _axis(frame: Frame, cursor: int) -> list[Content]:
        """The x axis, ticked at its words, with ``▲`` under the cursor's bar."""
        shown, width, gap = frame.shown, frame.width, frame.gap
        if frame.bars.span is None:
            ticks = _label_ticks(shown, width, gap)
        else:
            ticks = time_axis.ticks(frame.bars.span, frame.bars.first, len(shown), width + gap)
        step = width + gap
        length = len(shown) * step - gap
        rule, words = ["─"] * length, [" "] * length
        end = -1
        for bar, text in ticks:
            column = bar * step
            if column > end and column + len(text) <= length:
                rule[column] = "┬"
                words[column : column + len(text)] = text
                end = column + len(text)
        marked = cursor * step + (width - 1) // 2
        pad = " " * frame.axis
        return [
            Content.assemble(
                (pad + " └" + "".join(rule[:marked]), MUTED),
                ("▲", "bold $warning"),
                ("".join(rule[marked + 1 :]), MUTED),
            ),
            Content.styled(pad + "  " + "".join(words), MUTED),
        ]

    def _readout(self, bar: Bar) -> str:
        if bar.value is None:
            return f"▲ {bar.text}: " + ("no row" if bar.rows == 0 else "NULL")
        held = f"  ({self.how} of {bar.rows:,} rows)" if bar.rows > 1 else ""
        return f"▲ {bar.text}: {number(bar.value)}{held}"

    # -- keys ------------------------------------------------------------------------------

    def _count(self) -> int:
        return len(self.frame().bars.bars)

    def action_move(self, by: int) -> None:
        count = self._count()
        if count:
            self.cursor = min(max(self._cursor(self.frame().bars) + by, 0), count - 1)

    def action_move_page(self, pages: int) -> None:
        self.action_move(pages * self.frame().fits)

    def action_move_to(self, bar: int) -> None:
        """To bar ``bar``; -1 is the last."""
        self.cursor = bar if bar >= 0 else self._count() - 1

    def action_next_how(self) -> None:
        self.how = HOW[(HOW.index(self.how) + 1) % len(HOW)]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _label_ticks(shown: list[Bar], width: int, gap: int) -> list[tuple[int, str]]:
    """Words under every k-th label, cut to the room they have."""
    step = width + gap
    want = min(max(len(b.text) for b in shown), 16)
    every = max(1, math.ceil((want + 1) / step))
    room = every * step - 1
    return [(i, _fit(shown[i].text, room)) for i in range(0, len(shown), every)]
