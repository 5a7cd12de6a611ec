"""Saved queries: a library shipped with the app, and the user's own.

The user's live in ``data_dir()/saved_queries.json``:
``{"version": 1, "queries": [{"name", "sql", "description", "created_at", "updated_at"}]}``,
rewritten atomically on every change and re-read before it, so two windows do not undo each
other's saves. Names are unique, ignoring case, across the library and the user's queries; the
library's own cannot be renamed or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.api.files import DestinationError
from tui.state.jsonfiles import read_json, write_json
from tui.state.paths import data_dir

VERSION = 1
MAX_NAME = 80


def saved_queries_path() -> Path:
    return data_dir() / "saved_queries.json"


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    sql: str
    description: str = ""
    #: True for the library's own (read-only) queries.
    shipped: bool = False


LIBRARY: tuple[SavedQuery, ...] = (
    SavedQuery(
        "Error rate over the last day",
        "SELECT countIf(status='error') / count() AS error_rate FROM runs "
        "WHERE created_at > now() - INTERVAL 1 DAY",
        "Share of runs that failed in the last 24 hours.",
        shipped=True,
    ),
    SavedQuery(
        "Failed runs per workflow this week",
        "SELECT workflow_uuid, count() AS errors FROM runs WHERE status='error' "
        "AND created_at > now() - INTERVAL 7 DAY GROUP BY workflow_uuid ORDER BY errors DESC",
        "Which workflows fail most, over the last 7 days.",
        shipped=True,
    ),
    SavedQuery(
        "Per-node failures in 24 h",
        "SELECT node_slug, count() AS failures FROM spans WHERE execution_status='error' "
        "AND execution_started_at > now() - INTERVAL 1 DAY GROUP BY node_slug "
        "ORDER BY failures DESC",
        "Which nodes fail most, over the last 24 hours.",
        shipped=True,
    ),
    SavedQuery(
        "Credits by workflow this month",
        "SELECT workflow_uuid, sum(credits_used_count) AS credits FROM batches "
        "WHERE created_at >= toStartOfMonth(now()) GROUP BY workflow_uuid ORDER BY credits DESC",
        "Credits spent per workflow since the first of the month.",
        shipped=True,
    ),
    SavedQuery(
        "p95 node duration per node",
        "SELECT\n"
        "  node_slug,\n"
        "  quantile(0.95)(dateDiff('millisecond', execution_started_at, execution_finished_at))"
        " AS p95_ms,\n"
        "  count() AS executions\n"
        "FROM spans\n"
        "WHERE execution_started_at > now() - INTERVAL 7 DAY\n"
        "  AND execution_finished_at IS NOT NULL\n"
        "GROUP BY node_slug\n"
        "ORDER BY p95_ms DESC",
        "The slowest nodes: 95th percentile of execution time over the last 7 days.",
        shipped=True,
    ),
    SavedQuery(
        "Error rate by hour",
        "SELECT\n"
        "  toStartOfHour(created_at) AS hour,\n"
        "  countIf(status = 'error') AS errors,\n"
        "  count() AS total,\n"
        "  round(errors / total, 4) AS error_rate\n"
        "FROM runs\n"
        "WHERE created_at > now() - INTERVAL 1 DAY\n"
        "GROUP BY hour\n"
        "ORDER BY hour",
        "Runs, failures and error rate per hour over the last 24 hours (chart it with c).",
        shipped=True,
    ),
)


class SavedQueryError(Exception):
    """A name is taken, empty or unknown; the message says which and what to do."""


class SavedQueries:
    """The library plus the user's saved queries."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or saved_queries_path()
        self.warnings: list[str] = []

    def all(self) -> list[SavedQuery]:
        """The library's queries, then the user's, each in name order."""
        return list(LIBRARY) + sorted(self.user(), key=lambda q: q.name.lower())

    def user(self) -> list[SavedQuery]:
        return [query for query, _ in self._load()]

    def get(self, name: str) -> SavedQuery | None:
        wanted = name.strip().lower()
        return next((q for q in self.all() if q.name.lower() == wanted), None)

    def save(
        self, name: str, sql: str, description: str = "", *, replace: bool = False
    ) -> SavedQuery:
        """Save a query under a new name, or over the user's own of that name if ``replace``."""
        name = _valid_name(name)
        records = self._load()
        _not_shipped(name)
        now = _now()
        created = now
        for index, (query, stamps) in enumerate(records):
            if query.name.lower() == name.lower():
                if not replace:
                    raise SavedQueryError(
                        f"A saved query is already named {query.name!r}; "
                        "pick another name or replace it."
                    )
                created = stamps[0]
                del records[index]
                break
        saved = SavedQuery(name, sql, description)
        records.append((saved, (created, now)))
        self._store(records)
        return saved

    def rename(self, old: str, new: str) -> SavedQuery:
        new = _valid_name(new)
        records = self._load()
        _not_shipped(old)
        index = _index(records, old)
        if new.lower() != old.strip().lower():
            _not_shipped(new)
            if any(q.name.lower() == new.lower() for q, _ in records):
                raise SavedQueryError(f"A saved query is already named {new!r}.")
        query, (created, _) = records[index]
        renamed = SavedQuery(new, query.sql, query.description)
        records[index] = (renamed, (created, _now()))
        self._store(records)
        return renamed

    def delete(self, name: str) -> None:
        records = self._load()
        _not_shipped(name)
        del records[_index(records, name)]
        self._store(records)

    def _load(self) -> list[tuple[SavedQuery, tuple[str, str]]]:
        data, warnings = read_json(self.path, VERSION)
        self.warnings.extend(w for w in warnings if w not in self.warnings)
        records = []
        for item in (data or {}).get("queries", []):
            try:
                query = SavedQuery(
                    str(item["name"]), str(item["sql"]), str(item.get("description", ""))
                )
                stamps = (str(item.get("created_at", "")), str(item.get("updated_at", "")))
            except (KeyError, TypeError):
                continue
            records.append((query, stamps))
        return records

    def _store(self, records: list[tuple[SavedQuery, tuple[str, str]]]) -> None:
        body: dict[str, Any] = {
            "version": VERSION,
            "queries": [
                {
                    "name": query.name,
                    "sql": query.sql,
                    "description": query.description,
                    "created_at": created,
                    "updated_at": updated,
                }
                for query, (created, updated) in records
            ],
        }
        try:
            write_json(self.path, body)
        except (OSError, DestinationError) as failure:
            raise SavedQueryError(f"Cannot save to {self.path}: {failure}") from failure


def _valid_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SavedQueryError("Give the query a name.")
    if len(name) > MAX_NAME:
        raise SavedQueryError(f"Names are at most {MAX_NAME} characters.")
    return name


def _not_shipped(name: str) -> None:
    wanted = " ".join(name.split()).lower()
    if any(query.name.lower() == wanted for query in LIBRARY):
        raise SavedQueryError(
            f"{name!r} is one of the app's own queries; save a copy under another name."
        )


def _index(records: list[tuple[SavedQuery, tuple[str, str]]], name: str) -> int:
    wanted = " ".join(name.split()).lower()
    for index, (query, _) in enumerate(records):
        if query.name.lower() == wanted:
            return index
    raise SavedQueryError(f"No saved query is named {name!r}.")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
