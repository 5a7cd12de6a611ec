"""The filters of runs, records and spans, as typed keyword arguments (``None``: not sent).

Their keys are those the vendor's payload types declare (``models/requests.py``), in
snake_case; a key a payload does not declare is refused before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypedDict

from pydantic import BaseModel

Moment = datetime | str
JSONish = Mapping[str, Any] | BaseModel


class _HistoryFilter(TypedDict, total=False):
    """The keys that select runs and records alike (each payload adds its own)."""

    workflow_uuid: str | None
    user_uuid: str | None
    batch_uuid: str | None
    release_uuid: str | None
    #: A run's or a record's statuses (``RunStatus``, ``RecordStatus``).
    statuses: Sequence[str] | None
    #: Runs by what happened at given nodes (see ``tui.api.filters``).
    executions_filter: JSONish | None
    created_after: Moment | None
    created_before: Moment | None
    updated_after: Moment | None
    updated_before: Moment | None
    parent_batch_uuid: str | None
    parent_node_uuid: str | None
    is_group_parent: bool | None


class RunFilter(_HistoryFilter, total=False):
    record_id: str | None
    record_title: str | None
    record_title_or_id: str | None
    is_finished: bool | None
    parent_uuid: str | None
    #: Exactly these runs: only ``run.download`` and ``run.cancel`` take it (a list or a
    #: count of runs cannot be asked for by uuid).
    uuids: Sequence[str] | None


class RecordFilter(_HistoryFilter, total=False):
    ids: Sequence[str] | None
    title: str | None
    title_or_id: str | None
    parent_run_uuid: str | None


class SpanFilter(TypedDict, total=False):
    workflow_uuid: str | None
    batch_uuid: str | None
    run_uuid: str | None
    trace_uuid: str | None
    record_id: str | None
    record_title: str | None
    record_title_or_id: str | None
    parent_run_uuid: str | None
    parent_node_uuid: str | None
    node_uuid: str | None
    node_slug: str | None
    node_kind: str | None
    node_integration_slug: str | None
    node_tool_uuid: str | None
    node_agent_uuid: str | None
    execution_statuses: Sequence[str] | None
    execution_title_or_error_message: str | None
    execution_started_before: Moment | None


def failed_at(node_slug: str, error_contains: str | None = None) -> dict[str, Any]:
    """An ``executions_filter`` for the runs that failed at ``node_slug`` (with an error
    message containing ``error_contains``, if given)."""
    condition: dict[str, str] = {"kind": "node", "nodeSlug": node_slug, "status": "error"}
    if error_contains:
        condition["value"] = error_contains
    return {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [condition]}]}
