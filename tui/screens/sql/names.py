"""SQL answers in Cargo's words: beside a column of workflow, batch or release uuids, what
each is (the play or tool, the batch's start, the release's version); run uuids open their
run. Names come from Discovery (no request) and, for batches and releases, from at most
:data:`MOST` lookups answered within :data:`BUDGET` seconds: a slow API leaves the uuids bare
rather than holding the result back.

The names are shown only: exports and copies hold the answer as Cargo gave it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.session.discovery import UUID

if TYPE_CHECKING:
    import pyarrow as pa

    from tui.api import CargoClient
    from tui.session.discovery import Discovery

#: Lookups (batch.get, release.get) per result, and the seconds they may take together.
MOST = 20
BUDGET = 1.5
KINDS = ("workflow", "batch", "release", "run")


def kind_of(column: str) -> str | None:
    """``workflow_uuid``, ``parent_batch_uuid``, ``release_uuid``, ``run_uuid``..."""
    name = column.lower()
    for kind in KINDS:
        if name == f"{kind}_uuid" or name.endswith(f"_{kind}_uuid"):
            return kind
    return None


@dataclass
class Names:
    """Per source column of a result: its kind, and the words for each uuid it holds."""

    kinds: dict[int, str] = field(default_factory=dict)
    words: dict[int, dict[str, str]] = field(default_factory=dict)
    #: Display column -> (source column, whether it is a name column).
    shown: list[tuple[int, bool]] = field(default_factory=list)

    def of(self, display: int) -> tuple[int, bool]:
        return self.shown[display] if display < len(self.shown) else (display, False)


def _owner(found: Discovery | None, workflow_uuid: str) -> str | None:
    entry = found.owner_of.get(workflow_uuid) if found else None
    return f"{entry.name} ({entry.kind})" if entry else None


async def look_up(
    client: CargoClient, found: Discovery | None, columns: Sequence[str], rows: Sequence[Any]
) -> Names:
    names = Names()
    for index, column in enumerate(columns):
        kind = kind_of(column)
        if kind is not None:
            names.kinds[index] = kind
    wanted: dict[int, list[str]] = {}
    for index in names.kinds:
        seen = dict.fromkeys(
            str(row[index])
            for row in rows
            if isinstance(row[index], str) and UUID.fullmatch(row[index])
        )
        wanted[index] = list(seen)
    lookups: list[tuple[int, str, Any]] = []
    for index, uuids in wanted.items():
        kind, words = names.kinds[index], {}
        for uuid in uuids:
            if kind == "workflow" and (owner := _owner(found, uuid)):
                words[uuid] = owner
            elif kind == "batch" and len(lookups) < MOST:
                lookups.append((index, uuid, client.orchestration.batch.get(uuid)))
            elif kind == "release" and len(lookups) < MOST:
                lookups.append((index, uuid, client.orchestration.release.get(uuid)))
        names.words[index] = words
    if lookups:
        tasks = [asyncio.ensure_future(call) for _, _, call in lookups]
        done, pending = await asyncio.wait(tasks, timeout=BUDGET)
        for task in pending:
            task.cancel()
        for (index, uuid, _), task in zip(lookups, tasks, strict=True):
            if task in done and task.exception() is None:
                names.words[index][uuid] = _words(found, names.kinds[index], task.result())
    return names


def _words(found: Discovery | None, kind: str, item: Any) -> str:
    owner = _owner(found, item.workflow_uuid) or f"workflow {item.workflow_uuid[:8]}"
    if kind == "batch":
        when = f"{item.created_at:%b %d %H:%M}" if item.created_at else "batch"
        return f"{when} · {owner}"
    return f"{item.label} of {owner}"


def with_names(table: pa.Table, names: Names) -> pa.Table:
    """``table`` with a ``<column> · name`` column after each column that has names."""
    import pyarrow as pa

    shown: list[tuple[int, bool]] = []
    arrays, fields = [], []
    for index, column in enumerate(table.column_names):
        arrays.append(table.column(index))
        fields.append(column)
        shown.append((index, False))
        words = names.words.get(index)
        if words:
            values = table.column(index).to_pylist()
            arrays.append(pa.array([words.get(str(v)) if v is not None else None for v in values]))
            fields.append(f"{column} · name")
            shown.append((index, True))
    names.shown = shown
    return pa.table(arrays, names=fields) if arrays else table
