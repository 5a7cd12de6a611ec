"""``client.orchestration.{batch,run,record,span,query}``: history and SQL."""

from __future__ import annotations

import builtins
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Literal, Unpack

from tui.api import errors
from tui.api.models.base import CargoModel
from tui.api.models.batch_data import BatchData
from tui.api.models.query import QueryResult
from tui.api.models.runs import (
    Batch,
    Record,
    RecordMetric,
    Run,
    RunDetail,
    RunMetric,
    Span,
)
from tui.api.paging import pages
from tui.api.resources.base import Resource
from tui.api.run_filters import Moment, RecordFilter, RunFilter, SpanFilter
from tui.api.transport import answer_as
from tui.api.wire import wire, wire_value


class _Batches(CargoModel):
    batches: list[Batch]


class _Batch(CargoModel):
    batch: Batch


class _Url(CargoModel):
    url: str


class RunPage(CargoModel):
    runs: list[Run]
    count: int = 0


class _Count(CargoModel):
    count: int


class _RunMetrics(CargoModel):
    run_metrics: list[RunMetric]


class RecordPage(CargoModel):
    records: list[Record]
    count: int = 0


class _RecordMetrics(CargoModel):
    record_metrics: list[RecordMetric]


class SpanPage(CargoModel):
    spans: list[Span]
    count: int = 0


def _metrics_body(
    workflow_uuid: str,
    release_uuid: str | None,
    batch_uuid: str | None,
    created_after: Moment | None,
    created_before: Moment | None,
) -> dict[str, Any]:
    return wire(
        {
            "workflow_uuid": workflow_uuid,
            "release_uuid": release_uuid,
            "batch_uuid": batch_uuid,
            "created_after": created_after,
            "created_before": created_before,
        }
    )


class BatchResource(Resource):
    async def get(self, uuid: str) -> Batch:
        return (await self._transport.get(f"/orchestration/batches/{uuid}", _Batch)).batch

    async def list(
        self,
        *,
        workflow_uuids: Sequence[str] | None = None,
        release_uuid: str | None = None,
        statuses: Sequence[str] | None = None,
        has_runs: bool | None = None,
        is_finished: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> builtins.list[Batch]:
        params = {
            "workflowUuids": workflow_uuids,
            "releaseUuid": release_uuid,
            "statuses": statuses,
            "hasRuns": has_runs,
            "isFinished": is_finished,
            "limit": limit,
            "offset": offset,
        }
        return (await self._transport.get("/orchestration/batches/list", _Batches, params)).batches

    def iterate(
        self, *, page_size: int = 50, workflow_uuids: Sequence[str] | None = None, **kw: Any
    ) -> AsyncIterator[builtins.list[Batch]]:
        async def fetch(limit: int, offset: int) -> tuple[builtins.list[Batch], int | None]:
            found = await self.list(workflow_uuids=workflow_uuids, limit=limit, offset=offset, **kw)
            return found, None

        return pages(fetch, page_size=page_size)

    async def download(self, uuid: str, *, output_node_slug: str | None = None) -> str:
        """The signed URL of the batch's output file."""
        body = wire({"output_node_slug": output_node_slug})
        path = f"/orchestration/batches/{uuid}/download"
        return (await self._transport.post(path, _Url, body)).url

    async def create(self, *, workflow_uuid: str, data: BatchData | Mapping[str, Any]) -> Batch:
        """Start a batch (a write: refused unless the client allows writes, never retried)."""
        body = {"workflowUuid": workflow_uuid, "data": wire_value(data)}
        answer = await self._transport.write("/orchestration/batches", body)
        return answer_as(_Batch, "POST /orchestration/batches", answer).batch

    async def cancel(self, uuid: str) -> None:
        """Cancel a running batch (a write: refused unless the client allows writes)."""
        await self._transport.write(f"/orchestration/batches/{uuid}/cancel")


class RunResource(Resource):
    async def list(
        self, *, limit: int | None = None, offset: int | None = None, **filters: Unpack[RunFilter]
    ) -> RunPage:
        body = wire({**filters, "limit": limit, "offset": offset})
        return await self._transport.post("/orchestration/runs/list", RunPage, body)

    def iterate(
        self, *, page_size: int = 100, **filters: Unpack[RunFilter]
    ) -> AsyncIterator[builtins.list[Run]]:
        async def fetch(limit: int, offset: int) -> tuple[builtins.list[Run], int | None]:
            page = await self.list(limit=limit, offset=offset, **filters)
            return page.runs, page.count

        return pages(fetch, page_size=page_size)

    async def count(self, **filters: Unpack[RunFilter]) -> int:
        return (
            await self._transport.post("/orchestration/runs/count", _Count, wire(filters))
        ).count

    async def get(self, uuid: str) -> RunDetail:
        return await self._transport.get(f"/orchestration/runs/{uuid}", RunDetail)

    async def get_metrics(
        self,
        *,
        workflow_uuid: str,
        release_uuid: str | None = None,
        batch_uuid: str | None = None,
        created_after: Moment | None = None,
        created_before: Moment | None = None,
    ) -> builtins.list[RunMetric]:
        body = _metrics_body(workflow_uuid, release_uuid, batch_uuid, created_after, created_before)
        return (
            await self._transport.post("/orchestration/runs/metrics", _RunMetrics, body)
        ).run_metrics

    async def download(self, **filters: Unpack[RunFilter]) -> str:
        """The signed URL of a file of the runs (``workflow_uuid`` is required)."""
        return (await self._transport.post("/orchestration/runs/download", _Url, wire(filters))).url

    async def download_outputs(
        self,
        *,
        output_node_slug: str | None = None,
        format: Literal["csv", "json"] | None = None,
        limit: int | None = None,
        offset: int | None = None,
        **filters: Unpack[RunFilter],
    ) -> str:
        """The signed URL of the chosen node's outputs (at most 10,000 runs)."""
        body = wire(
            {
                **filters,
                "output_node_slug": output_node_slug,
                "format": format,
                "limit": limit,
                "offset": offset,
            }
        )
        return (await self._transport.post("/orchestration/runs/download-outputs", _Url, body)).url

    async def cancel(self, *, workflow_uuid: str, uuids: Sequence[str]) -> None:
        """Cancel runs (a write: refused unless the client allows writes)."""
        await self._transport.write(
            "/orchestration/runs/cancel", {"workflowUuid": workflow_uuid, "uuids": list(uuids)}
        )


class RecordResource(Resource):
    async def list(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        **filters: Unpack[RecordFilter],
    ) -> RecordPage:
        body = wire({**filters, "limit": limit, "offset": offset})
        return await self._transport.post("/orchestration/records/list", RecordPage, body)

    def iterate(
        self, *, page_size: int = 100, **filters: Unpack[RecordFilter]
    ) -> AsyncIterator[builtins.list[Record]]:
        async def fetch(limit: int, offset: int) -> tuple[builtins.list[Record], int | None]:
            page = await self.list(limit=limit, offset=offset, **filters)
            return page.records, page.count

        return pages(fetch, page_size=page_size)

    async def count(self, **filters: Unpack[RecordFilter]) -> int:
        return (
            await self._transport.post("/orchestration/records/count", _Count, wire(filters))
        ).count

    async def get_metrics(
        self,
        *,
        workflow_uuid: str,
        release_uuid: str | None = None,
        batch_uuid: str | None = None,
        created_after: Moment | None = None,
        created_before: Moment | None = None,
    ) -> builtins.list[RecordMetric]:
        body = _metrics_body(workflow_uuid, release_uuid, batch_uuid, created_after, created_before)
        path = "/orchestration/records/metrics"
        return (await self._transport.post(path, _RecordMetrics, body)).record_metrics


class SpanResource(Resource):
    async def list(
        self,
        *,
        execution_started_after: Moment,
        limit: int | None = None,
        offset: int | None = None,
        **filters: Unpack[SpanFilter],
    ) -> SpanPage:
        body = wire(
            {
                **filters,
                "execution_started_after": execution_started_after,
                "limit": limit,
                "offset": offset,
            }
        )
        return await self._transport.post("/orchestration/spans/list", SpanPage, body)

    def iterate(
        self,
        *,
        execution_started_after: Moment,
        page_size: int = 100,
        **filters: Unpack[SpanFilter],
    ) -> AsyncIterator[builtins.list[Span]]:
        async def fetch(limit: int, offset: int) -> tuple[builtins.list[Span], int | None]:
            page = await self.list(
                execution_started_after=execution_started_after,
                limit=limit,
                offset=offset,
                **filters,
            )
            return page.spans, page.count

        return pages(fetch, page_size=page_size)


class QueryResource(Resource):
    async def execute(self, sql: str) -> QueryResult:
        """Run read-only ClickHouse SQL over runs, batches, spans and records."""
        started = time.perf_counter()
        answer = await self._transport.read("POST", "/orchestration/query", body={"query": sql})
        rows = answer.get("rows") if isinstance(answer, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise errors.ResponseError(
                "unexpected answer: rows is not a list of objects",
                endpoint="POST /orchestration/query",
                detail=str(answer)[:2000],
            )
        return QueryResult.from_objects(rows, elapsed=time.perf_counter() - started)
