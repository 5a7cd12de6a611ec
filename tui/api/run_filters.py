"""The filters of runs, records and spans, as typed keyword arguments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypedDict

from pydantic import BaseModel

Moment = datetime | str
JSONish = Mapping[str, Any] | BaseModel


class RunFilter(TypedDict, total=False):
    workflow_uuid: str
    batch_uuid: str
    release_uuid: str
    statuses: Sequence[str]
    record_id: str
    record_title: str
    record_title_or_id: str
    is_finished: bool
    #: Runs by what happened at given nodes (see ``tui.api.filters``).
    executions_filter: JSONish
    created_after: Moment
    created_before: Moment
    updated_after: Moment
    updated_before: Moment
    parent_batch_uuid: str
    parent_uuid: str
    parent_node_uuid: str
    is_group_parent: bool
    #: Exactly these runs.
    uuids: Sequence[str]


class RecordFilter(TypedDict, total=False):
    workflow_uuid: str
    batch_uuid: str
    release_uuid: str
    statuses: Sequence[str]
    ids: Sequence[str]
    title: str
    title_or_id: str
    is_finished: bool
    executions_filter: JSONish
    created_after: Moment
    created_before: Moment
    updated_after: Moment
    updated_before: Moment
    parent_batch_uuid: str
    parent_uuid: str
    parent_node_uuid: str
    is_group_parent: bool


class SpanFilter(TypedDict, total=False):
    workflow_uuid: str
    batch_uuid: str
    run_uuid: str
    trace_uuid: str
    record_id: str
    node_uuid: str
    node_slug: str
    node_kind: str
    execution_statuses: Sequence[str]
    execution_title_or_error_message: str
    execution_started_before: Moment
