"""What a new batch runs over (``POST /orchestration/batches`` ``data``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from tui.api.models.base import CargoModel


class Reset(CargoModel):
    """Where re-run runs start again: the first node, the last, the next, or a given node."""

    from_: Literal["firstNode", "lastNode", "nextNode", "node"] = Field(alias="from")
    node_uuid: str | None = None


class RunsSelection(CargoModel):
    """The runs to run again: a batch (and statuses), or exactly some uuids."""

    kind: Literal["runs"] = "runs"
    workflow_uuid: str | None = None
    batch_uuid: str | None = None
    statuses: list[str] | None = None
    uuids: list[str] | None = None


class RunsBatchData(CargoModel):
    kind: Literal["runs"] = "runs"
    filter: RunsSelection
    reset: Reset


class RecordIdsBatchData(CargoModel):
    kind: Literal["recordIds"] = "recordIds"
    model_uuid: str
    ids: list[str]


class SegmentBatchData(CargoModel):
    kind: Literal["segment"] = "segment"
    segment_uuid: str


class FilterBatchData(CargoModel):
    kind: Literal["filter"] = "filter"
    model_uuid: str
    filter: dict[str, Any]


BatchData = RunsBatchData | RecordIdsBatchData | SegmentBatchData | FilterBatchData
