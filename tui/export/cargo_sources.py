"""The export sources: what Cargo's download endpoints give (the runs of a view, a node's
outputs, a batch's output, a segment's records) and rows already held (a SQL result, a table).

Each is a frozen dataclass, built by a screen or by ``cargo-tui export`` in one line and
handed to the export dialog or to :meth:`ExportSource.run`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

from tui.api.errors import RequestError
from tui.export.errors import ExportError
from tui.export.full_runs import shape_for
from tui.export.jobs import ExportSource, Job, as_json, download_folder, slug
from tui.export.options import ExportResult, Format
from tui.export.output_nodes import of_batch, of_workflow
from tui.export.sources import BATCH_ROWS

if TYPE_CHECKING:
    import pyarrow as pa

    from tui.api.client import CargoClient
    from tui.api.filters import Problem
    from tui.api.models.catalog import Model, Segment
    from tui.api.models.query import QueryResult
    from tui.api.run_filters import RunFilter

#: ``run.download_outputs`` answers at most this many runs per request.
MAX_OUTPUT_RUNS = 10_000
#: An output file's columns that hold JSON (an output download's CSV holds it as text).
OUTPUT_TYPES: Mapping[str, str] = {"output": "any"}
#: The segment filter that keeps every record.
EVERY_RECORD: Mapping[str, Any] = {"conjonction": "and", "groups": []}


@dataclass(frozen=True, kw_only=True)
class RunsSource(ExportSource):
    """The runs a view shows (its RunFilter; ``workflow_uuid`` required), by ``run.download``:
    one file made by Cargo, whatever the number of runs, rather than pages of ``run.list``;
    each run whole, with its executions and each node's output (``full_runs``)."""

    filters: RunFilter
    #: Also each node's resolved config (``runComputedConfigs``).
    with_configs: bool = False
    kind: ClassVar[str] = "runs"

    def describe(self) -> str:
        return as_json(self.filters)

    async def _export(self, job: Job) -> ExportResult:
        runs = job.cargo.orchestration.run
        picked = self.filters.get("uuids")
        if picked:
            # A count cannot be asked for by uuid (runs/count does not take uuids).
            total = len(picked)
        else:
            total = await runs.count(**self.filters)
        if not total:
            raise ExportError(f"No run matches ({self.label}). Nothing was written.")
        url = await runs.download(**self.filters)
        shape = shape_for(job.options.format, self.with_configs)
        with download_folder() as folder:
            return await job.convert([await job.fetch(url, folder)], total, shape=shape)


@dataclass(frozen=True, kw_only=True)
class NodeOutputsSource(ExportSource):
    """One node's output for each run of a filter (a batch, or the whole workflow), by
    ``run.download_outputs``: 10,000 runs per request, so more come in several files."""

    filters: RunFilter
    page_runs: int = MAX_OUTPUT_RUNS
    kind: ClassVar[str] = "outputs"

    def describe(self) -> str:
        return as_json({**self.filters, "outputNodeSlug": self.node})

    async def _export(self, job: Job) -> ExportResult:
        runs = job.cargo.orchestration.run
        workflow = self.filters.get("workflow_uuid") or ""
        nodes = await of_workflow(job.cargo, workflow, self.filters.get("release_uuid"))
        nodes.check(self.node, f"workflow {workflow}")
        total = await runs.count(**self.filters)
        if not total:
            raise ExportError(f"No run matches ({self.label}). Nothing was written.")
        # CSV cells are text anyway; other formats keep nested outputs as objects via JSON.
        wanted: Literal["csv", "json"] = (
            "csv" if job.options.format in (Format.CSV, Format.TSV) else "json"
        )
        parts = math.ceil(total / self.page_runs)
        paths: list[Path] = []
        with download_folder() as folder:
            for index in range(parts):
                try:
                    url = await runs.download_outputs(
                        output_node_slug=self.node,
                        format=wanted,
                        limit=self.page_runs,
                        offset=index * self.page_runs,
                        **self.filters,
                    )
                except RequestError as exc:
                    if exc.reason == "noRunsFound" and paths:
                        break  # runs went away since they were counted: export what came
                    raise
                paths.append(await job.fetch(url, folder, index + 1, parts))
            return await job.convert(paths, total)


@dataclass(frozen=True, kw_only=True)
class BatchOutputSource(ExportSource):
    """A finished batch's output file, by ``batch.download`` with the chosen output node."""

    batch_uuid: str
    expected_rows: int | None = None
    kind: ClassVar[str] = "batch"

    def describe(self) -> str:
        return as_json({"batchUuid": self.batch_uuid, "outputNodeSlug": self.node})

    async def _export(self, job: Job) -> ExportResult:
        if self.node is not None:
            nodes = await of_batch(job.cargo, self.batch_uuid)
            nodes.check(self.node, f"batch {self.batch_uuid}")
        batches = job.cargo.orchestration.batch
        url = await batches.download(self.batch_uuid, output_node_slug=self.node)
        with download_folder() as folder:
            # its file is CSV: the output is an object again, as in an outputs download
            path = await job.fetch(url, folder)
            return await job.convert([path], self.expected_rows, types=OUTPUT_TYPES)


@dataclass(frozen=True, kw_only=True)
class SegmentSource(ExportSource):
    """A model's records that a segment filter keeps, by ``segment.download``, whose answer
    may be several files: they are merged into one export. The filter is checked against the
    model's columns before anything is asked of Cargo.

    With ``segment_uuid``, the saved segment gives whatever is left None: its model, filter,
    sort and limit. With neither, the filter keeps every record.
    """

    model_uuid: str | None = None
    filter: Mapping[str, Any] | None = None
    sort: Sequence[Mapping[str, Any]] | None = None
    limit: int | None = None
    segment_uuid: str | None = None
    label: str = "segment records"
    stem: str = "segment"
    kind: ClassVar[str] = "segment"

    @classmethod
    def of(cls, segment: Segment) -> SegmentSource:
        """A saved segment's records, as Cargo would select them now."""
        return cls(
            model_uuid=segment.model_uuid,
            filter=segment.filter or EVERY_RECORD,
            sort=segment.sort or None,
            limit=segment.limit,
            label=f"segment {segment.name}",
            stem=slug("segment", segment.name),
        )

    def describe(self) -> str:
        return as_json(
            {
                "segmentUuid": self.segment_uuid,
                "modelUuid": self.model_uuid,
                "filter": self.filter,
                "sort": self.sort,
                "limit": self.limit,
            }
        )

    async def resolved(self, client: CargoClient) -> SegmentSource:
        """The saved segment's model, filter, sort and limit where this one has none."""
        if self.segment_uuid is None:
            return self if self.filter is not None else replace(self, filter=EVERY_RECORD)
        saved = await client.segmentation.segment.get(self.segment_uuid)
        return replace(
            self,
            segment_uuid=None,
            model_uuid=self.model_uuid or saved.model_uuid,
            filter=self.filter if self.filter is not None else (saved.filter or EVERY_RECORD),
            sort=self.sort if self.sort is not None else (saved.sort or None),
            limit=self.limit if self.limit is not None else saved.limit,
        )

    async def problems(self, client: CargoClient) -> list[Problem]:
        """The errors in the filter, sort and limit, checked against the model's columns."""
        return self._problems(await client.storage.model.get(self.model_uuid or ""))

    def _problems(self, model: Model) -> list[Problem]:
        from tui.api.filters import (
            ModelSchema,
            errors,
            validate_filter,
            validate_limit,
            validate_sort,
        )

        schema = ModelSchema.from_columns(model.columns)
        found = validate_filter(self.filter, schema)
        if self.sort is not None:
            found += validate_sort(self.sort, schema)
        if self.limit is not None:
            found += validate_limit(self.limit)
        return errors(found)

    async def _export(self, job: Job) -> ExportResult:
        client = job.cargo
        this = await self.resolved(client)
        if not this.model_uuid or this.filter is None:
            raise ExportError("A segment export needs a model (or a saved segment).")
        model = await client.storage.model.get(this.model_uuid)
        problems = this._problems(model)
        if problems:
            listed = "\n".join(f"  - {problem}" for problem in problems)
            raise ExportError(
                f"The segment filter has {len(problems)} problem(s); nothing was asked of "
                f"Cargo and nothing was written:\n{listed}"
            )
        urls = await client.segmentation.segment.download(
            model_uuid=this.model_uuid, filter=this.filter, sort=this.sort, limit=this.limit
        )
        if not urls:
            raise ExportError("Cargo answered no file for this segment. Nothing was written.")
        with download_folder() as folder:
            paths = [
                await job.fetch(url, folder, index + 1, len(urls)) for index, url in enumerate(urls)
            ]
            # the files are CSV: typed formats get the cells back as the model's columns say
            types = {column.slug: str(column.type) for column in model.all_columns}
            return await job.convert(paths, types=types)


@dataclass(frozen=True, kw_only=True)
class RowsSource(ExportSource):
    """Rows already loaded (a table's rows in view, a node's output), in ``columns`` order."""

    columns: Sequence[str]
    rows: Sequence[Mapping[str, Any]]
    kind: ClassVar[str] = "rows"

    def batches(self) -> Iterator[Sequence[Mapping[str, Any]]]:
        for start in range(0, len(self.rows), BATCH_ROWS):
            yield self.rows[start : start + BATCH_ROWS]

    async def _export(self, job: Job) -> ExportResult:
        return await job.write(self.columns, self.batches(), len(self.rows))


@dataclass(frozen=True, kw_only=True)
class QueryResultSource(ExportSource):
    """A SQL result (a :class:`QueryResult`, or an Arrow table), with its SQL as provenance."""

    result: QueryResult | pa.Table
    sql: str
    label: str = "query result"
    stem: str = "query-result"
    kind: ClassVar[str] = "query"

    def describe(self) -> str:
        return self.sql

    async def _export(self, job: Job) -> ExportResult:
        batches: Any
        if hasattr(self.result, "to_batches"):  # Arrow: its batches go to the engine as they are
            table = cast("pa.Table", self.result)
            columns = [str(name) for name in table.column_names]
            batches, total = table.to_batches(max_chunksize=BATCH_ROWS), int(table.num_rows)
        else:  # checked by shape: the query models load pydantic, which this needs not
            result = cast("QueryResult", self.result)
            columns, total = list(result.columns), len(result.rows)
            batches = _dict_batches(result.columns, result.rows)
        return await job.write(columns, batches, total)


def _dict_batches(
    columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield [dict(zip(columns, row, strict=True)) for row in rows[start : start + BATCH_ROWS]]


__all__ = [
    "MAX_OUTPUT_RUNS",
    "BatchOutputSource",
    "NodeOutputsSource",
    "QueryResultSource",
    "RowsSource",
    "RunsSource",
    "SegmentSource",
]
