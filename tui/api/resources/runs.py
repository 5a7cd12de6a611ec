"""``client.orchestration.{batch,run,record,span,query}``: history and SQL."""

from __future__ import annotations

import builtins
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, ClassVar, Generic, Literal, TypeVar, Unpack

import pydantic

from tui.api import errors
from tui.api.models import answers
from tui.api.models.answers import ListRecords, ListRuns, ListSpans
from tui.api.models.batch_data import CreateBatchBody
from tui.api.models.query import QueryResult
from tui.api.models.requests import (
    CancelRunsBody,
    CountRecordsBody,
    CountRunsBody,
    DownloadBatchBody,
    DownloadRunOutputsBody,
    DownloadRunsBody,
    ExecuteQueryBody,
    GetRecordMetricsBody,
    GetRunMetricsBody,
    ListBatchesParams,
    ListRecordsBody,
    ListRunsBody,
    ListSpansBody,
    Request,
)
from tui.api.models.runs import Batch, Record, RecordMetric, Run, RunDetail, RunMetric, Span
from tui.api.paging import pages
from tui.api.resources.base import Resource, request
from tui.api.run_filters import Moment, RecordFilter, RunFilter, SpanFilter
from tui.api.transport import answer_as
from tui.api.wire import wire_value


def _fields(filters: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword filters as a request model takes them: nested models and sequences as JSON."""
    return {
        key: wire_value(value) if key == "executions_filter" else
        list(value) if isinstance(value, list | tuple) else value
        for key, value in filters.items()
    }  # fmt: skip


class BatchResource(Resource):
    async def get(self, uuid: str) -> Batch:
        return (await self._transport.get(f"/orchestration/batches/{uuid}", answers.GetBatch)).batch

    async def list(
        self,
        *,
        workflow_uuids: Sequence[str] | None = None,
        release_uuid: str | None = None,
        statuses: Sequence[str] | None = None,
        has_runs: bool | None = None,
        is_finished: bool | None = None,
        included_data_kinds: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> builtins.list[Batch]:
        """The batches, newest first; ``included_data_kinds=["runs"]``: only re-runs."""
        path = "/orchestration/batches/list"
        params = request(
            ListBatchesParams,
            f"GET {path}",
            **_fields(
                {
                    "workflow_uuids": workflow_uuids,
                    "release_uuid": release_uuid,
                    "statuses": statuses,
                    "has_runs": has_runs,
                    "is_finished": is_finished,
                    "included_data_kinds": included_data_kinds,
                    "limit": limit,
                    "offset": offset,
                }
            ),
        )
        return (await self._transport.get(path, answers.ListBatches, params)).batches

    def iterate(
        self, *, page_size: int = 50, workflow_uuids: Sequence[str] | None = None, **kw: Any
    ) -> AsyncIterator[builtins.list[Batch]]:
        async def fetch(limit: int, offset: int) -> tuple[builtins.list[Batch], int | None]:
            found = await self.list(workflow_uuids=workflow_uuids, limit=limit, offset=offset, **kw)
            return found, None

        return pages(fetch, page_size=page_size)

    async def download(self, uuid: str, *, output_node_slug: str | None = None) -> str:
        """The signed URL of the batch's output file."""
        path = f"/orchestration/batches/{uuid}/download"
        body = request(DownloadBatchBody, f"POST {path}", output_node_slug=output_node_slug)
        return (await self._transport.post(path, answers.DownloadUrl, body)).url

    async def create(self, *, workflow_uuid: str, data: Any) -> Batch:
        """Start a batch (a write: refused unless the client allows writes, never retried).

        ``data`` is one of ``models.batch_data``'s kinds, or its JSON."""
        path = "/orchestration/batches"
        body = request(
            CreateBatchBody, f"POST {path}", workflow_uuid=workflow_uuid, data=wire_value(data)
        )
        answer = await self._transport.write(path, body)
        return answer_as(answers.GetBatch, f"POST {path}", answer).batch

    async def cancel(self, uuid: str) -> None:
        """Cancel a running batch (a write: refused unless the client allows writes)."""
        await self._transport.write(f"/orchestration/batches/{uuid}/cancel")


Page = TypeVar("Page", bound=pydantic.BaseModel)
Item = TypeVar("Item")
Metrics = TypeVar("Metrics", bound=pydantic.BaseModel)
Metric = TypeVar("Metric")


class _History(Resource, Generic[Page, Item, Metrics, Metric]):
    """What runs and records share: ``/orchestration/<noun>/list`` (and its pages), ``/count``
    and ``/metrics``, each request built from the noun's own payload type."""

    _noun: ClassVar[str]
    _list_body: ClassVar[type[Request]]
    _count_body: ClassVar[type[Request]]
    _metrics_body: ClassVar[type[Request]]
    _page: type[Page]
    _metrics: type[Metrics]

    def _rows(self, page: Page) -> tuple[builtins.list[Item], int]:
        """A list answer's items and the total count."""
        raise NotImplementedError

    def _metric_rows(self, answer: Metrics) -> builtins.list[Metric]:
        raise NotImplementedError

    async def _list(
        self, filters: Mapping[str, Any], limit: int | None, offset: int | None
    ) -> Page:
        path = f"/orchestration/{self._noun}/list"
        body = request(
            self._list_body, f"POST {path}", **_fields(filters), limit=limit, offset=offset
        )
        return await self._transport.post(path, self._page, body)

    def _iterate(
        self, filters: Mapping[str, Any], page_size: int
    ) -> AsyncIterator[builtins.list[Item]]:
        async def fetch(limit: int, offset: int) -> tuple[builtins.list[Item], int | None]:
            return self._rows(await self._list(filters, limit, offset))

        return pages(fetch, page_size=page_size)

    async def _count(self, filters: Mapping[str, Any]) -> int:
        path = f"/orchestration/{self._noun}/count"
        body = request(self._count_body, f"POST {path}", **_fields(filters))
        return (await self._transport.post(path, answers.CountOf, body)).count

    async def get_metrics(
        self,
        *,
        workflow_uuid: str,
        release_uuid: str | None = None,
        batch_uuid: str | None = None,
        created_after: Moment | None = None,
        created_before: Moment | None = None,
    ) -> builtins.list[Metric]:
        path = f"/orchestration/{self._noun}/metrics"
        body = request(
            self._metrics_body,
            f"POST {path}",
            workflow_uuid=workflow_uuid,
            release_uuid=release_uuid,
            batch_uuid=batch_uuid,
            created_after=created_after,
            created_before=created_before,
        )
        return self._metric_rows(await self._transport.post(path, self._metrics, body))


class RunResource(_History[ListRuns, Run, answers.GetRunMetrics, RunMetric]):
    _noun = "runs"
    _list_body, _count_body, _metrics_body = ListRunsBody, CountRunsBody, GetRunMetricsBody
    _page, _metrics = ListRuns, answers.GetRunMetrics

    def _rows(self, page: ListRuns) -> tuple[builtins.list[Run], int]:
        return page.runs, page.count

    def _metric_rows(self, answer: answers.GetRunMetrics) -> builtins.list[RunMetric]:
        return answer.run_metrics

    async def list(
        self, *, limit: int | None = None, offset: int | None = None, **filters: Unpack[RunFilter]
    ) -> ListRuns:
        return await self._list(filters, limit, offset)

    def iterate(
        self, *, page_size: int = 100, **filters: Unpack[RunFilter]
    ) -> AsyncIterator[builtins.list[Run]]:
        return self._iterate(filters, page_size)

    async def count(self, **filters: Unpack[RunFilter]) -> int:
        return await self._count(filters)

    async def get(self, uuid: str) -> RunDetail:
        return await self._transport.get(f"/orchestration/runs/{uuid}", RunDetail)

    async def download(self, **filters: Unpack[RunFilter]) -> str:
        """The signed URL of a file of the runs (``workflow_uuid`` is required)."""
        path = "/orchestration/runs/download"
        body = request(DownloadRunsBody, f"POST {path}", **_fields(filters))
        return (await self._transport.post(path, answers.DownloadUrl, body)).url

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
        path = "/orchestration/runs/download-outputs"
        body = request(
            DownloadRunOutputsBody,
            f"POST {path}",
            **_fields(filters),
            output_node_slug=output_node_slug,
            format=format,
            limit=limit,
            offset=offset,
        )
        return (await self._transport.post(path, answers.DownloadUrl, body)).url

    async def cancel(self, *, workflow_uuid: str, uuids: Sequence[str]) -> None:
        """Cancel runs (a write: refused unless the client allows writes)."""
        path = "/orchestration/runs/cancel"
        uuids = list(uuids)
        body = request(CancelRunsBody, f"POST {path}", workflow_uuid=workflow_uuid, uuids=uuids)
        await self._transport.write(path, body)


class RecordResource(_History[ListRecords, Record, answers.GetRecordMetrics, RecordMetric]):
    _noun = "records"
    _list_body, _count_body = ListRecordsBody, CountRecordsBody
    _metrics_body = GetRecordMetricsBody
    _page, _metrics = ListRecords, answers.GetRecordMetrics

    def _rows(self, page: ListRecords) -> tuple[builtins.list[Record], int]:
        return page.records, page.count

    def _metric_rows(self, answer: answers.GetRecordMetrics) -> builtins.list[RecordMetric]:
        return answer.record_metrics

    async def list(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        **filters: Unpack[RecordFilter],
    ) -> ListRecords:
        return await self._list(filters, limit, offset)

    def iterate(
        self, *, page_size: int = 100, **filters: Unpack[RecordFilter]
    ) -> AsyncIterator[builtins.list[Record]]:
        return self._iterate(filters, page_size)

    async def count(self, **filters: Unpack[RecordFilter]) -> int:
        return await self._count(filters)


class SpanResource(Resource):
    async def list(
        self,
        *,
        execution_started_after: Moment,
        limit: int | None = None,
        offset: int | None = None,
        **filters: Unpack[SpanFilter],
    ) -> ListSpans:
        path = "/orchestration/spans/list"
        body = request(
            ListSpansBody,
            f"POST {path}",
            **_fields(filters),
            execution_started_after=execution_started_after,
            limit=limit,
            offset=offset,
        )
        return await self._transport.post(path, ListSpans, body)

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
        path = "/orchestration/query"
        body = request(ExecuteQueryBody, f"POST {path}", query=sql)
        answer = await self._transport.read("POST", path, body=body)
        return query_result(answer, elapsed=time.perf_counter() - started)


def query_result(answer: Any, elapsed: float = 0.0) -> QueryResult:
    """A query's answer (``ExecuteQuery``) as columns and rows, without validating each row
    (the fast path for 10,000 rows): only that ``rows`` is a list of objects."""
    rows = answer.get("rows") if isinstance(answer, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise errors.ResponseError(
            "unexpected answer: rows is not a list of objects",
            endpoint="POST /orchestration/query",
            detail=str(answer)[:2000],
        )
    return QueryResult.from_objects(rows, elapsed=elapsed)
