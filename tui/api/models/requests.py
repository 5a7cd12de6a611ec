"""The bodies and GET parameters the client sends, one model per ``@cargo-ai/api`` payload
type (its name, without ``Payload``), keys exactly as it declares them.

The client builds every request from these, so it sends only keys the types declare; the
sandbox's routes take the same models, so its OpenAPI document declares every body (and a
fuzzer can aim at them). ``tests/contract`` holds each model to the vendor's schema: the same
keys, the same required ones, and every vendor-valid request accepted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

from tui.api.moments import iso_moment
from tui.api.statuses import (
    BatchStatus,
    ExecutionStatus,
    NodeStatus,
    RecordStatus,
    ReleaseStatus,
    RunStatus,
)


def _moment(value: Any) -> Any:
    return iso_moment(value) if isinstance(value, datetime) else value


#: A moment: sent as the API's ISO text; a ``datetime`` is written so.
Moment = Annotated[str, BeforeValidator(_moment)]
#: A JSON number, as the types say of limits and offsets (a server refuses, with a 400 that
#: names it, one that is not a whole count: the sandbox does).
Number = int | float
NodeKind = Literal["native", "connector", "tool", "agent"]
ChangeKind = Literal["added", "updated", "removed", "unchanged"]
BatchDataKind = Literal[
    "segment", "change", "filter", "recordIds", "watchedRecords", "records", "file", "runs",
    "group", "schedule", "form",
]  # fmt: skip
Conjonction = Literal["or", "and"]


class Request(BaseModel):
    """A request: camelCase on the wire, and no key the types do not declare."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", defer_build=True
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON the API reads: camelCase, nothing for what was not given."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


# Runs by what happened at their nodes ---------------------------------------------------------


class ExecutionsFilterCondition(Request):
    kind: Literal["node"] = "node"
    node_slug: str
    status: NodeStatus
    #: With ``success``, text the title contains; with ``error``, the error message.
    value: str | None = None


class ExecutionsFilterGroup(Request):
    conjonction: Conjonction
    conditions: list[ExecutionsFilterCondition]


class ExecutionsFilter(Request):
    conjonction: Conjonction
    groups: list[ExecutionsFilterGroup]


# What selects runs or records (each payload declares its own set of these) -------------------


class Lineage(Request):
    release_uuid: str | None = None
    batch_uuid: str | None = None
    parent_batch_uuid: str | None = None
    parent_node_uuid: str | None = None
    is_group_parent: bool | None = None
    executions_filter: ExecutionsFilter | None = None
    created_after: Moment | None = None
    created_before: Moment | None = None


class RecordOf(Request):
    record_id: str | None = None
    record_title: str | None = None
    record_title_or_id: str | None = None


class _RunsOf(Lineage, RecordOf):
    """What selects runs in every runs payload."""

    parent_uuid: str | None = None
    statuses: list[RunStatus] | None = None
    is_finished: bool | None = None


class _Updated(Request):
    updated_after: Moment | None = None
    updated_before: Moment | None = None


class _Page(Request):
    limit: Number | None = None
    offset: Number | None = None


class CountRunsBody(_RunsOf, _Updated):
    workflow_uuid: str | None = None
    user_uuid: str | None = None


class ListRunsBody(CountRunsBody, _Page):
    pass


class DownloadRunsBody(_RunsOf, _Updated):
    workflow_uuid: str
    uuids: list[str] | None = None


class DownloadRunOutputsBody(_RunsOf, _Page):
    workflow_uuid: str
    output_node_slug: str | None = None
    format: Literal["csv", "json"] | None = None


class CancelRunsBody(Lineage, RecordOf):
    """Either exactly ``uuids``, or a filter (the types allow one or the other, not both)."""

    workflow_uuid: str
    uuids: list[str] | None = None
    parent_uuid: str | None = None


class _RecordsOf(Lineage):
    ids: list[str] | None = None
    title: str | None = None
    title_or_id: str | None = None
    parent_run_uuid: str | None = None
    statuses: list[RecordStatus] | None = None


class CountRecordsBody(_RecordsOf, _Updated):
    workflow_uuid: str | None = None
    user_uuid: str | None = None


class ListRecordsBody(CountRecordsBody, _Page):
    pass


class GetRunMetricsBody(Request):
    workflow_uuid: str
    release_uuid: str | None = None
    batch_uuid: str | None = None
    created_after: Moment | None = None
    created_before: Moment | None = None


class GetRecordMetricsBody(GetRunMetricsBody):
    pass


class ListSpansBody(RecordOf, _Page):
    workflow_uuid: str | None = None
    user_uuid: str | None = None
    batch_uuid: str | None = None
    #: Every span of a run lineage (up to 1,000 a page).
    trace_uuid: str | None = None
    run_uuid: str | None = None
    parent_run_uuid: str | None = None
    parent_node_uuid: str | None = None
    parent_agent_uuid: str | None = None
    node_uuid: str | None = None
    node_kind: NodeKind | None = None
    node_slug: str | None = None
    node_integration_slug: str | None = None
    node_connector_uuid: str | None = None
    node_action_slug: str | None = None
    node_tool_uuid: str | None = None
    node_agent_uuid: str | None = None
    node_release_uuid: str | None = None
    execution_title: str | None = None
    execution_title_or_error_message: str | None = None
    execution_statuses: list[ExecutionStatus] | None = None
    execution_started_after: Moment
    execution_started_before: Moment | None = None


class ExecuteQueryBody(Request):
    query: str


# Batches (what a new batch runs over: ``batch_data.py``) ------------------------------------


class DownloadBatchBody(Request):
    output_node_slug: str | None = None


# GET parameters -------------------------------------------------------------------------------


class ListPlaysParams(Request):
    is_enabled: bool | None = None
    model_uuid: str | None = None
    segment_uuid: str | None = None
    schedule_type: Literal["cron", "dbt", "realtime", "dependency", "watch"] | None = None


class ListReleasesParams(Request):
    workflow_uuid: str | None = None
    user_uuid: str | None = None
    statuses: list[ReleaseStatus] | None = None
    limit: Number | None = None
    offset: Number | None = None


class ListBatchesParams(Request):
    workflow_uuids: list[str] | None = None
    release_uuid: str | None = None
    parent_batch_uuid: str | None = None
    parent_run_uuid: str | None = None
    parent_node_uuid: str | None = None
    statuses: list[BatchStatus] | None = None
    has_runs: bool | None = None
    is_skipped: bool | None = None
    is_finished: bool | None = None
    included_data_kinds: list[BatchDataKind] | None = None
    excluded_data_kinds: list[BatchDataKind] | None = None
    limit: Number | None = None
    offset: Number | None = None


class ListConnectorsParams(Request):
    integration_slug: str | None = None


UsageUnit = Literal["billing.credits", "storage.records", "orchestration.executions"]
UsageGroup = Literal[
    "integration_slug", "connector_uuid", "model_uuid", "workflow_uuid", "agent_uuid"
]


class UsageMetricsParams(Request):
    """``GET billing/usage/metrics``: usage per day from ``from`` to ``to``."""

    workflow_uuid: str | None = None
    model_uuid: str | None = None
    connector_uuid: str | None = None
    integration_slug: str | None = None
    slug: str | None = None
    agent_uuid: str | None = None
    from_: Moment = Field(alias="from")
    to: Moment
    group_by: UsageGroup | None = None
    unit: UsageUnit | None = None


# Segments -------------------------------------------------------------------------------------


class DownloadSegmentBody(Request):
    model_uuid: str
    #: The filter language (``tui.api.filters``); the server says what is wrong with one.
    filter: dict[str, Any]
    sort: list[dict[str, Any]] | None = None
    limit: Number | None = None


class FetchSegmentBody(DownloadSegmentBody):
    fetching_limit: Number | None = None
    fetching_offset: Number | None = None
    enrich: bool | None = None
    sync: bool | None = None
