"""The query endpoint's tables as the server describes them, cached per workspace.

``DESCRIBE TABLE runs`` (and ``batches``, ``spans``, ``records``) through the query endpoint
gives the real columns and types; ``cache_dir()/sql-schema/<workspace_uuid>.json`` keeps them:
``{"version": 1, "tables": {"runs": [["uuid", "UUID"], ...]}}``, so the editor's sidebar and
completion have them at once on the next start. A table the server will not describe (the
sandbox refuses anything but SELECT) keeps the default schema's columns, and is not cached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.api.files import DestinationError
from tui.api.sql.schema import DEFAULT_SCHEMA, TABLES
from tui.state.jsonfiles import log, read_json, workspace_file, write_json
from tui.state.paths import cache_dir

if TYPE_CHECKING:
    from tui.api.client import CargoClient

VERSION = 1

Columns = list[tuple[str, str]]


def schema_path(workspace_uuid: str) -> Path:
    return workspace_file(cache_dir() / "sql-schema", workspace_uuid, ".json")


@dataclass
class KnownSchema:
    """table -> [(column, type)] for the four tables, and where each table's columns came from."""

    tables: dict[str, Columns]
    #: table -> "server", "cache" or "default".
    sources: dict[str, str] = field(default_factory=dict)
    #: Why some tables show the default schema (the server's short refusal), if any did.
    note: str = ""

    @property
    def described(self) -> dict[str, Columns]:
        """Only the tables the server described (what is worth caching)."""
        return {t: c for t, c in self.tables.items() if self.sources.get(t) != "default"}

    @classmethod
    def default(cls, note: str = "") -> KnownSchema:
        tables = {table: list(DEFAULT_SCHEMA[table]) for table in TABLES}
        return cls(tables, dict.fromkeys(TABLES, "default"), note)


def load_cached(workspace_uuid: str, *, path: Path | None = None) -> KnownSchema | None:
    """The cached description, completed with the default schema; None when nothing is cached."""
    data, _ = read_json(path or schema_path(workspace_uuid), VERSION)
    tables = (data or {}).get("tables")
    if not isinstance(tables, dict):
        return None
    known = KnownSchema.default()
    for table in TABLES:
        columns = _columns(tables.get(table))
        if columns:
            known.tables[table], known.sources[table] = columns, "cache"
    return known if known.described else None


def save(workspace_uuid: str, known: KnownSchema, *, path: Path | None = None) -> None:
    """Cache what the server described; a failed write only costs a DESCRIBE next time."""
    described = known.described
    if not described:
        return
    tables = {table: [list(column) for column in columns] for table, columns in described.items()}
    body = {"version": VERSION, "tables": tables}
    try:
        write_json(path or schema_path(workspace_uuid), body)
    except (OSError, DestinationError) as failure:
        log.warning("Cannot cache the SQL schema: %s", failure)


async def describe(client: CargoClient) -> KnownSchema:
    """Each table as ``DESCRIBE TABLE`` answers; the default schema for any it will not describe.

    Network and authorization failures are raised (the caller says so); a refusal is not.
    """
    from tui.api.errors import RequestError

    known = KnownSchema.default()
    for table in TABLES:
        try:
            result = await client.orchestration.query.execute(f"DESCRIBE TABLE {table}")
        except RequestError as refused:
            # One refusal means DESCRIBE is not allowed here: the rest would be refused too.
            known.note = f"DESCRIBE TABLE was refused ({refused.message})"
            break
        columns = _columns([[row.get("name"), row.get("type")] for row in result.as_dicts()])
        if columns:
            known.tables[table], known.sources[table] = columns, "server"
    return known


def _columns(raw: object) -> Columns:
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        return []
    columns: Columns = []
    for item in raw:
        if (
            isinstance(item, Sequence)
            and len(item) == 2
            and all(isinstance(part, str) and part for part in item)
        ):
            columns.append((str(item[0]), str(item[1])))
    return columns


def as_schema(known: KnownSchema) -> Mapping[str, Sequence[tuple[str, str]]]:
    """The mapping the SQL tooling (lint, complete) takes."""
    return {table: tuple(columns) for table, columns in known.tables.items()}
