"""What a new batch runs over (``POST /orchestration/batches``: ``CreateBatchPayload``), one
model per ``data.kind`` the types declare, each with exactly its keys."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from tui.api.models.requests import ChangeKind, Lineage, RecordOf, Request
from tui.api.statuses import RecordStatus, RunStatus


class Reset(Request):
    """Where re-run runs start again: the first node, the last, the next, or a given node."""

    from_: Literal["firstNode", "lastNode", "nextNode", "node"] = Field(alias="from")
    node_uuid: str | None = None


class RunsSelection(Lineage, RecordOf):
    """The runs to run again (``BatchDataRunsFilter`` of kind ``runs``): a batch's (of some
    statuses), or exactly some uuids. It names no workflow: the batch does."""

    kind: Literal["runs"] = "runs"
    parent_run_uuid: str | None = None
    uuids: list[str] | None = None
    statuses: list[RunStatus] | None = None


class RecordsSelection(Lineage):
    """The records whose runs to run again (``BatchDataRunsFilter`` of kind ``records``)."""

    kind: Literal["records"] = "records"
    parent_run_uuid: str | None = None
    ids: list[str] | None = None
    title: str | None = None
    title_or_id: str | None = None
    statuses: list[RecordStatus] | None = None


class RunsBatchData(Request):
    kind: Literal["runs"] = "runs"
    filter: Annotated[RunsSelection | RecordsSelection, Field(discriminator="kind")]
    reset: Reset


class RecordIdsBatchData(Request):
    kind: Literal["recordIds"] = "recordIds"
    model_uuid: str
    ids: list[str]


class SegmentBatchData(Request):
    kind: Literal["segment"] = "segment"
    segment_uuid: str


class FilterBatchData(Request):
    kind: Literal["filter"] = "filter"
    model_uuid: str
    filter: dict[str, Any] | None = None
    sort: list[dict[str, Any]] | None = None
    limit: int | float | None = None


class ChangeBatchData(Request):
    kind: Literal["change"] = "change"
    change_uuid: str
    change_kinds: list[ChangeKind]


class FileBatchData(Request):
    kind: Literal["file"] = "file"
    s3_filename: str
    mappings: dict[str, Any] | None = None


class RecordsBatchData(Request):
    kind: Literal["records"] = "records"
    records: list[dict[str, Any]]


class ScheduleBatchData(Request):
    kind: Literal["schedule"] = "schedule"
    model_uuid: str
    segment_uuid: str
    change_kinds: list[ChangeKind]
    skip: bool | None = None


class FormBatchData(Request):
    kind: Literal["form"] = "form"
    records: list[dict[str, Any]]
    parent_batch_uuid: str | None = None
    parent_run_uuid: str | None = None
    parent_node_uuid: str | None = None


BatchData = Annotated[
    RunsBatchData
    | RecordIdsBatchData
    | SegmentBatchData
    | FilterBatchData
    | ChangeBatchData
    | FileBatchData
    | RecordsBatchData
    | ScheduleBatchData
    | FormBatchData,
    Field(discriminator="kind"),
]


class CreateBatchBody(Request):
    workflow_uuid: str | None = None
    release_uuid: str | None = None
    #: Custom nodes to run instead of a release (not something cargo-tui sends).
    nodes: list[dict[str, Any]] | None = None
    data: BatchData
