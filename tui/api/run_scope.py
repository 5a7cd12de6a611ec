"""Which runs of a workflow: the filter the ``cargo-ai`` run commands take, as people type it.

One :class:`RunScope` is what the Runs view's filter bar, the Metrics tab, a pasted
``cargo-ai orchestration run ...`` line and ``cargo-tui orchestration run ...`` all describe;
:meth:`RunScope.filter` is the request's :class:`~tui.api.run_filters.RunFilter`. Values are
checked as they are parsed, and a ``ValueError`` says what is wrong and what to type instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tui.api.statuses import RUN_STATUSES as RUN_STATUSES

if TYPE_CHECKING:
    from tui.api.run_filters import RunFilter

#: Words people reach for that are not run statuses, and what they mean instead.
NOT_STATUSES = {
    "finished": "--is-finished",
    "done": "--is-finished",
    "completed": "--is-finished",
    "unfinished": "--no-is-finished",
    "failed": "error",
    "failure": "error",
    "succeeded": "success",
    "ok": "success",
    "canceled": "cancelled",
}
_AGO = re.compile(r"(\d+)\s*(m|min|h|d|w)", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_statuses(text: str | Sequence[str]) -> tuple[str, ...]:
    """``error,cancelled`` (or a list of them) as run statuses; a word that is not one is
    refused, naming the statuses and, for ``finished`` and the like, what to use instead."""
    words = text.split(",") if isinstance(text, str) else [w for t in text for w in t.split(",")]
    picked: list[str] = []
    for word in (w.strip().lower() for w in words):
        if not word:
            continue
        if word not in RUN_STATUSES:
            instead = NOT_STATUSES.get(word)
            hint = ""
            if instead and instead.startswith("--"):
                which = "not finished" if "no-" in instead else "finished"
                hint = f" For the runs that have {which}, use {instead}."
            elif instead:
                hint = f" Did you mean {instead}?"
            raise ValueError(
                f"{word!r} is not a run status: one of {', '.join(RUN_STATUSES)}.{hint}"
            )
        if word not in picked:
            picked.append(word)
    return tuple(picked)


def parse_moment(text: str, now: datetime | None = None) -> datetime | None:
    """An ISO date or date-time (UTC when no zone is given), or a time ago: ``30m``, ``24h``,
    ``7d``, ``2w``; ``now``; None if empty. ValueError says how to type one."""
    text = text.strip()
    if not text:
        return None
    if text.lower() == "now":
        return now or datetime.now(UTC)
    if found := _AGO.fullmatch(text):
        amount, unit = int(found.group(1)), _UNITS[found.group(2).lower()]
        return (now or datetime.now(UTC)) - timedelta(**{unit: amount})
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date: type 2026-11-01, 2026-11-01T08:00, or a time ago such as "
            "30m, 24h, 7d or 2w."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _short(moment: datetime) -> str:
    if moment.hour == moment.minute == moment.second == 0:
        return f"{moment:%Y-%m-%d}"
    return f"{moment:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class RunScope:
    """The runs of one workflow that a filter keeps; every field None (or empty): all."""

    statuses: tuple[str, ...] = ()
    batch_uuid: str | None = None
    release_uuid: str | None = None
    is_finished: bool | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    record_id: str | None = None
    record_title: str | None = None

    def __post_init__(self) -> None:
        after, before = self.created_after, self.created_before
        if after is not None and before is not None and after >= before:
            raise ValueError(
                f"created after {_short(after)} and before {_short(before)} keeps no run: "
                "the start must come before the end."
            )

    @property
    def is_everything(self) -> bool:
        return self == RunScope()

    def with_(self, **changes: object) -> RunScope:
        return replace(self, **changes)  # type: ignore[arg-type]

    def filter(self, workflow_uuid: str) -> RunFilter:
        """The request's filter: only what is set, so the server's defaults stand."""
        found: RunFilter = {"workflow_uuid": workflow_uuid}
        if self.statuses:
            found["statuses"] = list(self.statuses)
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name != "statuses" and value is not None:
                found[field.name] = value  # type: ignore[literal-required]
        return found

    def describe(self, names: dict[str, str] | None = None) -> str:
        """``error, cancelled · release v7 · finished · after 2026-11-01``, or ``all runs``;
        ``names`` gives a uuid's words (a release's version, a batch's date)."""
        names = names or {}
        parts: list[str] = []
        if self.statuses:
            parts.append(", ".join(self.statuses))
        if self.batch_uuid:
            parts.append(f"batch {names.get(self.batch_uuid, self.batch_uuid[:8])}")
        if self.release_uuid:
            parts.append(f"release {names.get(self.release_uuid, self.release_uuid[:8])}")
        if self.is_finished is not None:
            parts.append("finished" if self.is_finished else "not finished")
        if self.created_after:
            parts.append(f"after {_short(self.created_after)}")
        if self.created_before:
            parts.append(f"before {_short(self.created_before)}")
        if self.record_id:
            parts.append(f"record id {self.record_id}")
        if self.record_title:
            parts.append(f"title {self.record_title!r}")
        return " · ".join(parts) or "all runs"
