"""What a run of the editor ends with, and what can be read from a result: a cell's whole text,
the columns a chart can use. No Textual here: the panes render these."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

    from tui.api.models.query import QueryResult
    from tui.api.sql import Finding, ServerError


@dataclass(frozen=True)
class Sent:
    """A query on its way: its text, and where it sits in which buffer (to mark errors)."""

    number: int
    sql: str
    #: The editor's id and buffer's name, the buffer text when sent, the query's offset in it.
    editor_id: str
    buffer_name: str
    buffer_text: str
    start: int
    #: What the linter advised, not refused (placed in the buffer): shown with the result.
    findings: tuple[Finding, ...] = ()

    @property
    def fixable(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.fix is not None]


@dataclass
class Ran:
    sent: Sent
    result: QueryResult
    table: pa.Table
    #: What the uuid columns name (``names.Names``), and the table as shown, with them.
    names: Any = None
    shown: pa.Table | None = None


@dataclass
class Failed:
    sent: Sent
    error: ServerError


def cell_text(value: Any) -> str:
    """A cell's whole value: JSON pretty-printed (also JSON held in text), else as it is."""
    if value is None:
        return "NULL"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, indent=2)
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.dumps(json.loads(value), ensure_ascii=False, indent=2)
        except ValueError:
            return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_TIME_NAME = re.compile(
    r"(^|_)(at|time|timestamp|date|day|hour|minute|week|month|year|ts)$|^(t|ts|bucket)$", re.I
)
_SAMPLE = 50


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_time(value: Any) -> bool:
    if not isinstance(value, str) or not 8 <= len(value) <= 40 or not value[:4].isdigit():
        return False
    try:
        datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return False
    return True


def chart_columns(columns: list[str], rows: list[tuple[Any, ...]]) -> tuple[int, int] | None:
    """``(time column, value column)`` of a time series, or None.

    The time column holds dates or times (ClickHouse DateTime types arrive as ISO text), or is
    named like one (``*_at``, ``hour``, ``day``...); the value column is the first other one
    whose values are all numbers.
    """
    sample = rows[:_SAMPLE]
    if not sample:
        return None

    def values(index: int) -> list[Any]:
        return [row[index] for row in sample if row[index] is not None]

    times = [i for i, name in enumerate(columns) if values(i) and all(map(_is_time, values(i)))]
    named = [i for i, name in enumerate(columns) if _TIME_NAME.search(name)]
    time = next(iter(times + [i for i in named if not all(map(_is_number, values(i)))]), None)
    if time is None:
        return None
    numeric = [
        i
        for i in range(len(columns))
        if i != time and values(i) and all(map(_is_number, values(i)))
    ]
    return (time, numeric[0]) if numeric else None
