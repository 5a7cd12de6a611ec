"""Moments as the Cargo API writes them: ISO 8601 in UTC, to the millisecond, with ``Z``
(JavaScript's ``Date.prototype.toISOString``, which the official client sends)."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_moment(moment: datetime) -> str:
    """``2026-11-27T15:00:00.000Z``; a naive moment is taken as UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    text = aware.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.removesuffix("+00:00") + "Z"
