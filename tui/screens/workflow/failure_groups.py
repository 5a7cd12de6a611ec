"""Failures grouped by node and normalised error message, aggregated on the server in one query.

Normalising strips what varies between occurrences of one cause (uuids, emails, domains and
URLs, quoted values, numbers), so "Invalid domain: "globex"" and "Invalid domain: "initech""
are one group. The same rules run in ClickHouse (the query) and here (for tests and labels).
On screen a group reads as people read a template (:func:`readable`): ``N`` where a number
varies, ``…`` where a uuid, an email or a domain does, as quoted values already read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tui.session.discovery import UUID
from tui.state.error_text import RULES, normalise, normalise_sql, readable

__all__ = ["RULES", "FailureGroup", "failures_sql", "normalise", "normalise_sql", "readable"]


def failures_sql(workflow_uuid: str, since: datetime, batch_uuid: str | None = None) -> str:
    """Groups of failed executions of a workflow (or one batch) since a moment, largest first."""
    for uuid in (workflow_uuid, batch_uuid):
        if uuid is not None and not UUID.fullmatch(uuid):
            raise ValueError(f"not a uuid: {uuid!r}")
    scope = f"workflow_uuid = '{workflow_uuid}'"
    if batch_uuid:
        scope += f" AND batch_uuid = '{batch_uuid}'"
    moment = since.strftime("%Y-%m-%d %H:%M:%S")
    return f"""SELECT
    node_slug,
    {normalise_sql("execution_error_message")} AS message,
    count() AS failures,
    uniqExact(run_uuid) AS runs,
    min(execution_started_at) AS first_seen,
    max(execution_started_at) AS last_seen,
    any(execution_error_message) AS example,
    any(run_uuid) AS example_run
FROM spans
WHERE {scope}
  AND execution_status = 'error'
  AND execution_started_at >= toDateTime64('{moment}', 3, 'UTC')
GROUP BY node_slug, message
ORDER BY failures DESC, node_slug
LIMIT 500"""  # noqa: S608 - every value in it is a checked uuid or a formatted datetime


@dataclass(frozen=True)
class FailureGroup:
    node_slug: str
    message: str
    failures: int
    runs: int
    first_seen: str
    last_seen: str
    example: str
    example_run: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> FailureGroup:
        return cls(
            node_slug=str(row.get("node_slug") or "–"),
            message=str(row.get("message") or ""),
            failures=int(row.get("failures") or 0),
            runs=int(row.get("runs") or 0),
            first_seen=str(row.get("first_seen") or ""),
            last_seen=str(row.get("last_seen") or ""),
            example=str(row.get("example") or ""),
            example_run=str(row.get("example_run") or ""),
        )

    @property
    def label(self) -> str:
        """The group's message as the screen shows it (:func:`readable`)."""
        return readable(self.message)

    @property
    def contains(self) -> str:
        """The longest literal part of the message: what the server can match runs on."""
        parts = re.split(r"<uuid>|<email>|<domain>|<n>|\"…\"|'…'", self.message)
        return max((p.strip(" :,;-") for p in parts), key=len, default="")
