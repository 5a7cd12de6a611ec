"""ISO-8601 dates: recognise them, and repair the common near-misses when that is unambiguous."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

#: 2024/1/5, 2024.01.05, 2024-1-5: year first, so day and month cannot be confused.
_YEAR_FIRST = re.compile(
    r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\Z"
)
#: Unix timestamps in seconds or milliseconds between 2001 and 2286.
_EPOCH_SECONDS = (1_000_000_000, 9_999_999_999)


def parse_iso(value: object) -> datetime | None:
    """The moment an ISO-8601 string names (a date alone is midnight), or None."""
    if not isinstance(value, str) or not value[:1].isdigit():
        return None
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def is_iso(value: object) -> bool:
    """Whether ``value`` is an ISO-8601 date or date-time string."""
    return parse_iso(value) is not None


def suggest_iso(value: object) -> str | None:
    """The ISO-8601 spelling of a date written another unambiguous way, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > _EPOCH_SECONDS[1] else value
        if _EPOCH_SECONDS[0] <= seconds <= _EPOCH_SECONDS[1]:
            moment = datetime.fromtimestamp(seconds, tz=UTC)
            return moment.isoformat().replace("+00:00", "Z")
        return None
    if not isinstance(value, str):
        return None
    match = _YEAR_FIRST.match(value.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        day_value = date(int(year), int(month), int(day))
        if hour is None:
            return day_value.isoformat()
        moment = datetime(
            day_value.year, day_value.month, day_value.day, int(hour), int(minute), int(second or 0)
        )
    except ValueError:
        return None
    return moment.isoformat()


def comparable(first: datetime, second: datetime) -> bool:
    """Whether two datetimes can be ordered (both naive or both aware)."""
    return (first.tzinfo is None) == (second.tzinfo is None)
