"""Where points fall on a time axis, and what the axis says. Plain Python, no Textual.

A bar lasts a :class:`Span` (the data's own step, or a round one: 5 minutes, an hour, a day, a
month); bars sit side by side from the first point to the last, so a time with no point is a
gap, not a bar missing. When the data's step makes more bars than fit, the span grows to the
next round one that fits and each bar holds several points.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from widgets.humanize import plural

#: A Monday at midnight: round spans count from it, so an hour starts on the hour, a day at
#: midnight and a week on Monday.
MONDAY = datetime(1970, 1, 5)
_MONTH = timedelta(days=30.44)


@dataclass(frozen=True)
class Span:
    """How long a bar lasts: a fixed ``length`` counted from ``origin``, or calendar months."""

    length: timedelta = timedelta(0)
    months: int = 0
    origin: datetime = MONDAY

    @property
    def duration(self) -> timedelta:
        return self.months * _MONTH if self.months else self.length

    def index(self, moment: datetime) -> int:
        if self.months:
            return (moment.year * 12 + moment.month - 1) // self.months
        return (moment - self.origin) // self.length

    def start(self, index: int) -> datetime:
        if self.months:
            month = index * self.months
            return datetime(month // 12, month % 12 + 1, 1)
        return self.origin + index * self.length

    def count(self, first: datetime, last: datetime) -> int:
        """Bars from ``first`` to ``last``, both included."""
        return self.index(last) - self.index(first) + 1

    def words(self) -> str:
        """``1 hour``, ``15 minutes``, ``3 months``."""
        if self.months:
            yearly = self.months % 12 == 0
            return plural(*((self.months // 12, "year") if yearly else (self.months, "month")))
        return plural(*_in_units(self.length))


def _in_units(length: timedelta) -> tuple[float, str]:
    seconds = length.total_seconds()
    for unit, size in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            return seconds // size, unit
    if seconds >= 1 and seconds == int(seconds):
        return seconds, "second"
    return round(seconds * 1000, 3), "millisecond"


def _fixed(*lengths: timedelta) -> list[Span]:
    return [Span(length) for length in lengths]


_MS, _S, _MIN, _H, _D = (
    timedelta(milliseconds=1),
    timedelta(seconds=1),
    timedelta(minutes=1),
    timedelta(hours=1),
    timedelta(days=1),
)
#: The round spans a bar may last, shortest first.
ROUND: list[Span] = [
    *_fixed(*(n * _MS for n in (1, 10, 100, 500))),
    *_fixed(*(n * _S for n in (1, 2, 5, 10, 15, 30))),
    *_fixed(*(n * _MIN for n in (1, 2, 5, 10, 15, 30))),
    *_fixed(*(n * _H for n in (1, 2, 3, 6, 12))),
    *_fixed(_D, 2 * _D, 7 * _D, 14 * _D),
    *(Span(months=n) for n in (1, 3, 6, 12, 24, 60, 120, 600, 1200)),
]


def _month_starts(times: Sequence[datetime]) -> bool:
    return all(t.day == 1 and t.time() == datetime.min.time() for t in times)


def natural(times: Sequence[datetime]) -> Span:
    """The data's own step: the smallest distance between two of its (sorted, distinct) times,
    in calendar months when every time starts a month."""
    if len(times) < 2:
        midnight = times[0].time() == datetime.min.time() if times else True
        return Span(_D if midnight else _H, origin=times[0] if times else MONDAY)
    if _month_starts(times):
        months = [t.year * 12 + t.month for t in times]
        return Span(months=min(b - a for a, b in pairwise(months)))
    step = min(b - a for a, b in pairwise(times))
    return Span(step, origin=times[0])


def span_for(times: Sequence[datetime], room: int) -> Span:
    """The span that puts ``times`` (sorted, distinct) in at most ``room`` bars: the data's
    own step if it fits, else the shortest round span at least as long that does."""
    own = natural(times)
    first, last = times[0], times[-1]
    if own.count(first, last) <= room:
        return own
    for span in ROUND:
        if span.duration >= own.duration and span.count(first, last) <= room:
            return span
    return ROUND[-1]


# -- what the axis says --------------------------------------------------------------------

_MIDNIGHT = datetime.min.time()


def label(moment: datetime, every: Span) -> str:
    """A tick's words, as short as ``every`` allows: ``14:00``, ``Nov 27`` at midnight,
    ``Nov`` for months, the year in January."""
    if every.months:
        return f"{moment:%Y}" if every.months >= 12 or moment.month == 1 else f"{moment:%b}"
    if every.length < _MIN:
        return f"{moment:%H:%M:%S}"
    if every.length < _D and moment.time() != _MIDNIGHT:
        return f"{moment:%H:%M}"
    return f"{moment:%b} {moment.day}"


def _label_width(every: Span) -> int:
    if every.months:
        return 4
    return 8 if every.length < _MIN else 6


def ticks(span: Span, first: int, bars: int, columns_per_bar: int) -> list[tuple[int, str]]:
    """``(bar, words)`` at round times along ``bars`` bars from bar ``first``, spaced so their
    words never touch."""
    for every in (s for s in ROUND if s.duration >= span.duration):
        apart = every.duration / span.duration * columns_per_bar
        if apart >= _label_width(every) + 2:
            return list(_ticks(span, first, bars, every))
    return []


def _ticks(span: Span, first: int, bars: int, every: Span) -> Iterator[tuple[int, str]]:
    start, end = span.start(first), span.start(first + bars)
    index = every.index(start)
    while (moment := every.start(index)) < end:
        if moment >= start:
            yield span.index(moment) - first, label(moment, every)
        index += 1


def moment_text(moment: datetime, span: Span) -> str:
    """A time in full, to the precision the span calls for."""
    if span.months:
        return f"{moment:%Y}" if span.months % 12 == 0 else f"{moment:%Y-%m}"
    if span.duration >= _D and moment.time() == _MIDNIGHT:
        return f"{moment:%Y-%m-%d}"
    if span.duration < _S:
        return moment.isoformat(sep=" ", timespec="milliseconds")
    return moment.isoformat(sep=" ", timespec="seconds" if span.duration < _MIN else "minutes")


def bar_text(span: Span, index: int, whole: bool) -> str:
    """What bar ``index`` covers: its time, or (``whole`` False: a round span holding several
    of the data's steps) from when to when: ``06:00–09:00``, ``2026-11-23 – 2026-11-29``."""
    start = span.start(index)
    if whole:
        return moment_text(start, span)
    end = span.start(index + 1)
    if span.months or span.duration >= _D:  # whole days or months: the last one it holds
        return f"{moment_text(start, span)} – {moment_text(end - _D, span)}"
    if end.date() == start.date() or end == datetime.combine(end.date(), _MIDNIGHT):
        until = "24:00" if end.date() != start.date() else f"{end:%H:%M}"
        if span.duration < _MIN:
            until = f"{end:%H:%M:%S}"
        return f"{moment_text(start, span)}–{until}"
    return f"{moment_text(start, span)} – {moment_text(end, span)}"
