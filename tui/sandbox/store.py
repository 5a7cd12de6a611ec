"""Reads of a workspace's history through the views, answered as the API writes entities."""

from __future__ import annotations

import functools
import json
from typing import Any

from tui.sandbox import engine, executions, shapes
from tui.sandbox.engine import iso_from_ch, quote
from tui.sandbox.filters import BatchShape, uuid_eq, where
from tui.sandbox.world import Workspace

Entity = dict[str, Any]

BATCH_COLUMNS = (
    "uuid, workflow_uuid, release_uuid, data, status, runs_status, runs_count, "
    "executed_runs_count, failed_runs_count, credits_used_count, error_message, created_at, "
    "updated_at, finished_at"
)
RUN_COLUMNS = (
    "uuid, workflow_uuid, batch_uuid, release_uuid, trace_uuid, record_id, record_title, status, "
    "error_message, parent_uuid, parent_node_uuid, parent_batch_uuid, is_group_parent, "
    "created_at, updated_at, finished_at"
)
RECORD_COLUMNS = (
    "id, title, workflow_uuid, run_uuid, trace_uuid, batch_uuid, release_uuid, status, "
    "error_message, is_group_parent, parent_run_uuid, parent_node_uuid, parent_batch_uuid, "
    "created_at, updated_at, finished_at"
)
SPAN_COLUMNS = (
    "workflow_uuid, batch_uuid, run_uuid, trace_uuid, record_id, record_title, parent_run_uuid, "
    "parent_node_uuid, parent_batch_uuid, is_group_parent, node_uuid, node_kind, node_slug, "
    "node_action_slug, node_integration_slug, node_connector_uuid, node_agent_uuid, "
    "node_tool_uuid, node_release_uuid, node_batch_uuid, node_run_uuid, node_child_index, "
    "node_wait_until_finished, node_next_uuid, execution_index, execution_status, "
    "execution_error_message, execution_title, execution_credits_used_count, "
    "execution_started_at, execution_updated_at, execution_finished_at"
)
TIMES = {"created_at", "updated_at", "finished_at", "execution_started_at",
         "execution_updated_at", "execution_finished_at"}  # fmt: skip


@functools.cache
def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def wire(row: dict[str, Any]) -> Entity:
    """A row of a view as the API spells it: camelCase keys, ISO timestamps."""
    return {camel(k): iso_from_ch(v) if k in TIMES else v for k, v in row.items()}


# Batches ----------------------------------------------------------------------------------


def batch_wire(row: dict[str, Any]) -> Entity:
    entity = wire(row)
    entity["data"] = json.loads(row["data"]) if row["data"] else None
    return entity


def batches(ws: Workspace, terms: list[str], limit: int, offset: int) -> list[Entity]:
    found = engine.rows(
        f"SELECT {BATCH_COLUMNS} FROM {ws.db}.batches WHERE {where(terms, ws.db)} "
        f"ORDER BY created_at DESC, uuid LIMIT {limit} OFFSET {offset}"
    )
    return [shapes.batch(ws, batch_wire(row)) for row in found]


def batch(ws: Workspace, uuid: str) -> Entity | None:
    found = batches(ws, [f"uuid = toUUIDOrZero({quote(uuid)})"], 1, 0)
    return found[0] if found else None


def last_batches(ws: Workspace) -> dict[str, Entity]:
    """Each workflow's latest batch, as Workflow.lastBatch."""
    found = engine.rows(
        f"SELECT workflow_uuid, argMax(tuple(uuid, status, runs_status, error_message, "
        f"created_at, finished_at), created_at) AS last FROM {ws.db}.batches "
        f"GROUP BY workflow_uuid"
    )
    answer = {}
    for row in found:
        uuid, status, runs_status, error, created, finished = row["last"]
        answer[row["workflow_uuid"]] = {
            "uuid": uuid,
            "status": status,
            "runsStatus": runs_status,
            "errorMessage": error,
            "createdAt": iso_from_ch(created),
            "finishedAt": iso_from_ch(finished),
        }
    return answer


# Runs, executions, records, spans ---------------------------------------------------------


def count(ws: Workspace, view: str, terms: list[str]) -> int:
    return int(engine.scalar(f"SELECT count() FROM {ws.db}.{view} WHERE {where(terms, ws.db)}"))


def settled_count(ws: Workspace, shape: BatchShape) -> int | None:
    """The count of a batch's runs (or records) of some statuses, from the batch's own totals,
    without reading its runs; None when they may still change (a live batch): count them."""
    found = engine.rows(
        f"SELECT runs_count AS runs, _executed_runs_count AS executed, "
        f"_failed_runs_count AS failed, "
        f"{'1' if shape.workflow is None else uuid_eq('workflow_uuid', shape.workflow)} AS ours "
        f"FROM {ws.db}._batches WHERE {uuid_eq('uuid', shape.batch)} AND live = 0 "
        f"AND _finished_at <= {ws.clock_sql}"
    )
    if not found:
        return None
    row = found[0]
    if not row["ours"]:
        return 0
    if shape.statuses is None:
        return int(row["runs"])
    # A settled batch's runs all finished: succeeded, failed, or were cancelled.
    by_status = {
        "success": row["executed"] - row["failed"],
        "error": row["failed"],
        "cancelled": row["runs"] - row["executed"],
    }
    return int(sum(by_status.get(status, 0) for status in set(shape.statuses)))


def count_of(ws: Workspace, view: str, terms: list[str], shape: BatchShape | None) -> int:
    """How many runs or records match: from the batch's totals when the filter allows."""
    known = settled_count(ws, shape) if shape is not None else None
    return known if known is not None else count(ws, view, terms)


def _page(
    ws: Workspace,
    view: str,
    columns: str,
    uuid: str,
    terms: list[str],
    limit: int,
    offset: int,
    whole: tuple[BatchShape, int] | None,
) -> list[dict[str, Any]]:
    """A page, newest first, read in the table's order. ``whole``: the filter selects all of
    one batch (and the count of its runs): the page is then a range of ``_seq``, read by key
    whatever its depth, instead of reading past ``offset`` runs."""
    if whole is not None:
        shape, total = whole
        if offset >= total or limit == 0:
            return []
        first, last = max(0, total - offset - limit), total - 1 - offset
        within = f"{uuid_eq('batch_uuid', shape.batch)} AND _seq BETWEEN {first} AND {last}"
        # The key condition takes the subquery's set (use_index_for_in_with_subqueries).
        terms = [*terms, f"created_at IN (SELECT created_at FROM {ws.db}._runs WHERE {within})"]
        offset = 0
    return engine.rows(
        f"SELECT {columns} FROM {ws.db}.{view} WHERE {where(terms, ws.db)} "
        f"ORDER BY created_at DESC, {uuid} DESC LIMIT {limit} OFFSET {offset}"
    )


def runs(
    ws: Workspace,
    terms: list[str],
    limit: int,
    offset: int,
    whole: tuple[BatchShape, int] | None = None,
) -> list[Entity]:
    found = run_rows(ws, terms, limit, offset, whole)
    grouped = executions_by_run(ws, found, key="uuid")
    return [shapes.run(ws, row, grouped.get(row["uuid"], [])) for row in found]


def run_rows(
    ws: Workspace,
    terms: list[str],
    limit: int,
    offset: int,
    whole: tuple[BatchShape, int] | None = None,
) -> list[Entity]:
    """A page of runs as their columns only: without their executions, for what needs none."""
    return [
        wire(row) for row in _page(ws, "runs", RUN_COLUMNS, "uuid", terms, limit, offset, whole)
    ]


def records(
    ws: Workspace,
    terms: list[str],
    limit: int,
    offset: int,
    whole: tuple[BatchShape, int] | None = None,
) -> list[Entity]:
    view = _page(ws, "records", RECORD_COLUMNS, "run_uuid", terms, limit, offset, whole)
    found = [wire(row) for row in view]
    grouped = executions_by_run(ws, found, key="runUuid")
    return [shapes.record(ws, row, grouped.get(row["runUuid"], [])) for row in found]


def spans_of(ws: Workspace, items: list[Entity], key: str) -> list[Entity]:
    """The spans of a page of runs (``key`` names their uuid), as the spans view has them."""
    return executions.spans_of(ws, items, key)


def executions_by_run(ws: Workspace, items: list[Entity], key: str) -> dict[str, list[Entity]]:
    """The executions of a page of runs (or records), by run uuid."""
    grouped: dict[str, list[Entity]] = {}
    for span in spans_of(ws, items, key):
        grouped.setdefault(span["runUuid"], []).append(shapes.execution(span))
    return grouped


def run(ws: Workspace, uuid: str) -> tuple[Entity, list[Entity]] | None:
    """One run, as the API answers it, and its spans."""
    found = engine.rows(f"SELECT {RUN_COLUMNS} FROM {ws.db}.runs WHERE {uuid_eq('uuid', uuid)}")
    if not found:
        return None
    entity = wire(found[0])
    spans = spans_of(ws, [entity], "uuid")
    return shapes.run(ws, entity, [shapes.execution(s) for s in spans]), spans


def spans(ws: Workspace, terms: list[str], limit: int, offset: int) -> list[Entity]:
    found = engine.rows(
        f"SELECT {SPAN_COLUMNS} FROM {ws.db}.spans WHERE {where(terms, ws.db)} "
        f"ORDER BY execution_started_at DESC, run_uuid, execution_index "
        f"LIMIT {limit} OFFSET {offset}"
    )
    return [shapes.span(ws, wire(row)) for row in found]


def node_metrics(ws: Workspace, terms: list[str]) -> dict[str, dict[str, int]]:
    found = engine.rows(
        f"SELECT node_uuid, count() AS total, countIf(execution_status = 'pending') AS pending, "
        f"countIf(execution_status = 'success') AS success, "
        f"countIf(execution_status = 'error') AS error, "
        f"sum(execution_credits_used_count) AS credits "
        f"FROM {ws.db}.spans WHERE {where(terms, ws.db)} GROUP BY node_uuid"
    )
    return {row.pop("node_uuid"): row for row in found}
