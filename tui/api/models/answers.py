"""The answers the client reads, one model per endpoint, named as in ``tests/contract``'s
schema of the vendor's types (``x-answers``): the contract tests find each by that name."""

from __future__ import annotations

from tui.api.models.base import CargoModel
from tui.api.models.billing import Subscription, UsageMetric
from tui.api.models.catalog import Agent, Connector, Model, ModelDdl, Segment, SegmentRecords
from tui.api.models.fields import Count
from tui.api.models.identity import User, Workspace
from tui.api.models.orchestration import Play, Release, Tool, Workflow
from tui.api.models.runs import Batch, Record, RecordMetric, Run, RunDetail, RunMetric, Span


class GetCurrentUser(CargoModel):
    user: User


class GetCurrentWorkspace(CargoModel):
    workspace: Workspace


class ListPlays(CargoModel):
    plays: list[Play]


class GetPlay(CargoModel):
    play: Play


class ListTools(CargoModel):
    tools: list[Tool]


class GetTool(CargoModel):
    tool: Tool


class ListWorkflows(CargoModel):
    workflows: list[Workflow]


class ListReleases(CargoModel):
    releases: list[Release]


class GetRelease(CargoModel):
    release: Release


class ListBatches(CargoModel):
    batches: list[Batch]


class GetBatch(CargoModel):
    batch: Batch


class DownloadUrl(CargoModel):
    url: str


class ListRuns(CargoModel):
    runs: list[Run]
    count: Count = 0


class CountOf(CargoModel):
    """``{count}`` (``Count`` in the schema)."""

    count: Count


GetRun = RunDetail


class GetRunMetrics(CargoModel):
    run_metrics: list[RunMetric]


class ListRecords(CargoModel):
    records: list[Record]
    count: Count = 0


class GetRecordMetrics(CargoModel):
    record_metrics: list[RecordMetric]


class ListSpans(CargoModel):
    spans: list[Span]
    count: Count = 0


class ListAgents(CargoModel):
    agents: list[Agent]


class ListConnectors(CargoModel):
    connectors: list[Connector]


class ListModels(CargoModel):
    models: list[Model]


class GetModel(CargoModel):
    model: Model


GetModelDdl = ModelDdl


class ListSegments(CargoModel):
    segments: list[Segment]


class GetSegment(CargoModel):
    segment: Segment


FetchSegment = SegmentRecords


class DownloadSegment(CargoModel):
    urls: list[str]


class GetSubscription(CargoModel):
    subscription: Subscription


class GetUsageMetrics(CargoModel):
    metrics: list[UsageMetric]


#: Each answer by its name in the schema of the vendor's types (``ExecuteQuery`` is read
#: without a model, by ``resources.runs.query_result``: 10,000 rows are not validated one by one).
BY_NAME: dict[str, type[CargoModel]] = {
    "GetCurrentUser": GetCurrentUser,
    "GetCurrentWorkspace": GetCurrentWorkspace,
    "ListPlays": ListPlays,
    "GetPlay": GetPlay,
    "ListTools": ListTools,
    "GetTool": GetTool,
    "ListWorkflows": ListWorkflows,
    "ListReleases": ListReleases,
    "GetRelease": GetRelease,
    "ListBatches": ListBatches,
    "GetBatch": GetBatch,
    "DownloadUrl": DownloadUrl,
    "ListRuns": ListRuns,
    "Count": CountOf,
    "GetRun": GetRun,
    "GetRunMetrics": GetRunMetrics,
    "ListRecords": ListRecords,
    "GetRecordMetrics": GetRecordMetrics,
    "ListSpans": ListSpans,
    "ListAgents": ListAgents,
    "ListConnectors": ListConnectors,
    "ListModels": ListModels,
    "GetModel": GetModel,
    "GetModelDdl": GetModelDdl,
    "ListSegments": ListSegments,
    "GetSegment": GetSegment,
    "FetchSegment": FetchSegment,
    "DownloadSegment": DownloadSegment,
    "GetSubscription": GetSubscription,
    "GetUsageMetrics": GetUsageMetrics,
}
