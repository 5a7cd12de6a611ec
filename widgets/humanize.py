"""Numbers, times and durations as people read them at a glance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def count(value: float | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def plural_of(noun: str) -> str:
    """``run`` -> ``runs``, ``batch`` -> ``batches``, ``query`` -> ``queries``; a phrase
    (``failed execution``) takes it on its last word."""
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return f"{noun}es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return f"{noun[:-1]}ies"
    return f"{noun}s"


def plural(value: float | None, noun: str, many: str | None = None) -> str:
    """``1 run``, ``2 runs``, ``1,204 batches``: the count as :func:`count` writes it, and the
    noun agreeing with it (``many``: a plural the rule gets wrong)."""
    return f"{count(value)} {noun if value == 1 else many or plural_of(noun)}"


def showing(first: int, last: int, total: int) -> str:
    """``showing 1-17 of 78``: which rows of how many are in view (``first`` counts from 1)."""
    return f"showing {count(first)}-{count(last)} of {count(total)}"


def ago(moment: datetime | None, now: datetime) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, ``2 d ago``, then the date."""
    if moment is None:
        return "never"
    seconds = (now - moment).total_seconds()
    if seconds < 0:
        return "in the future"
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 86400 * 14:
        return f"{int(seconds // 86400)} d ago"
    return moment.astimezone(UTC).strftime("%b %d, %Y")


def when(moment: datetime | None, now: datetime) -> str:
    """``today 14:02``, ``yesterday 09:00``, ``Nov 25 17:31`` (UTC)."""
    if moment is None:
        return "–"
    local, today = moment.astimezone(UTC), now.astimezone(UTC).date()
    if local.date() == today:
        return f"today {local:%H:%M}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday {local:%H:%M}"
    if local.year == today.year:
        return f"{local:%b %d %H:%M}"
    return f"{local:%Y-%m-%d}"


def duration(seconds: float | None) -> str:
    """``0.4s``, ``9m12s``, ``2h05m``."""
    if seconds is None:
        return "–"
    if seconds < 10:
        return f"{seconds:.1f}s"
    if seconds < 60:
        return f"{seconds:.0f}s"
    minutes, secs = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def short_uuid(uuid: str) -> str:
    """``8c1f…2d41``: enough to recognise, too short to mistake for the whole."""
    return f"{uuid[:4]}…{uuid[-4:]}" if len(uuid) > 12 else uuid
