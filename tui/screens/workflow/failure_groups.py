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

#: (pattern, replacement), applied in order: the specific before the general.
RULES: list[tuple[str, str]] = [
    (r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<uuid>"),
    (r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}", "<email>"),
    (r"(https?://)?([A-Za-z0-9-]+[.])+[A-Za-z]{2,}(/[^ ]*)?", "<domain>"),
    (r'"[^"]*"', '"…"'),
    # A quoted value, not an apostrophe ("can't"): the quote follows a non-letter.
    (r"(^|[^A-Za-z0-9])'[^']*'", r"\1'…'"),
    (r"[0-9]+([.][0-9]+)?", "<n>"),
]


def normalise(message: str | None) -> str:
    text = message or ""
    for pattern, replacement in RULES:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())[:300]


#: Each placeholder of :data:`RULES` as the screen shows it.
READABLE = {"<uuid>": "…", "<email>": "…", "<domain>": "…", "<n>": "N"}


def readable(message: str) -> str:
    """A normalised message as people read it: ``N Too Many Requests: rate limit (N/Ns)``."""
    return re.sub("|".join(READABLE), lambda m: READABLE[m.group(0)], message)


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def normalise_sql(column: str) -> str:
    expression = f"ifNull({column}, '')"
    for pattern, replacement in RULES:
        expression = f"replaceRegexpAll({expression}, {_literal(pattern)}, {_literal(replacement)})"
    return f"substring(trimBoth(replaceRegexpAll({expression}, '\\\\s+', ' ')), 1, 300)"


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
