"""What a result can chart: the columns that may go along the x axis (times, then text, then
numbers named like a time, then the row's number, then other numbers) and those that may be
plotted (numbers), read from the result's Arrow table; and the points for one pick. No Textual
here: the chart dialog uses it.

ClickHouse's Date and DateTime types arrive as ISO text: a text column whose every value reads
as a date or a time is a time axis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pyarrow as pa

Kind = Literal["time", "text", "number", "row"]
#: A number column named like one of these goes along the x axis before other numbers.
_TIME_NAME = re.compile(r"(^|_)(hour|day|minute|week|month|year|weekday|dow|date)$", re.I)
#: The suffix ``names.with_names`` gives the column of names beside a uuid column.
_NAMES = " · name"


@dataclass(frozen=True)
class Axis:
    """A column of the result (``column`` None: the row's number, from 1)."""

    name: str
    column: int | None
    kind: Kind


@dataclass(frozen=True)
class Choices:
    xs: list[Axis]
    ys: list[Axis]

    def ys_for(self, x: Axis) -> list[Axis]:
        """The columns that may be plotted along ``x``: every number column but ``x``."""
        return [y for y in self.ys if y != x]


def _as_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not 8 <= len(value) <= 40 or not value[:4].isdigit():
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _kind(table: pa.Table, index: int) -> Kind | None:
    import pyarrow as pa

    kind = table.schema.field(index).type
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return "number"
    if pa.types.is_null(kind):
        return None
    values = [v for v in table.column(index).to_pylist() if v is not None]
    if values and all(_as_time(v) is not None for v in values):
        return "time"
    return "text"


def choices(table: pa.Table) -> Choices | None:
    """The x and y columns ``table`` offers, the best of each first; None without a number
    column (nothing to plot)."""
    columns: dict[Kind, list[Axis]] = {"time": [], "text": [], "number": []}
    for index, name in enumerate(table.column_names):
        kind = _kind(table, index)
        if kind is not None:
            columns[kind].append(Axis(name, index, kind))
    numbers = columns["number"]
    if not numbers:
        return None

    def place(axis: Axis) -> tuple[int, bool]:  # a column of names before the uuids it names
        uuids = axis.name.removesuffix(_NAMES)
        named = uuids != axis.name and uuids in table.column_names
        return (table.column_names.index(uuids) if named else axis.column or 0), not named

    text = sorted(columns["text"], key=place)
    # A number column goes along the axis only when another is left to plot; one named like
    # a time (hour, day...) before the row's number, the others after it.
    along = numbers if len(numbers) > 1 else []
    timely = [a for a in along if _TIME_NAME.search(a.name)]
    row = Axis("row", None, "row")
    xs = [*columns["time"], *text, *timely, row, *(a for a in along if a not in timely)]
    return Choices(xs, numbers)


def points(
    table: pa.Table, x: Axis, y: Axis
) -> tuple[list[datetime] | list[str], list[float | None]]:
    """The chart's x and values: for a time axis, the rows that have a time, in any order;
    else every row, in the result's order."""
    assert y.column is not None
    values = [None if v is None else float(v) for v in table.column(y.column).to_pylist()]
    if x.column is None:
        return [f"{n:,}" for n in range(1, len(values) + 1)], values
    cells = table.column(x.column).to_pylist()
    if x.kind == "time":
        timed = [(_as_time(c), v) for c, v in zip(cells, values, strict=True)]
        kept = [(t, v) for t, v in timed if t is not None]
        return [t for t, _ in kept], [v for _, v in kept]
    return ["NULL" if c is None else _text(c) for c in cells], values


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
