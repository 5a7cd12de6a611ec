"""Runs, records and spans: lists with counts, metrics, downloads, cancel."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from tui.api.models.requests import (
    CancelRunsBody,
    CountRecordsBody,
    CountRunsBody,
    DownloadRunOutputsBody,
    DownloadRunsBody,
    GetRecordMetricsBody,
    GetRunMetricsBody,
    ListRecordsBody,
    ListRunsBody,
    ListSpansBody,
)
from tui.sandbox import live, store
from tui.sandbox.errors import ApiError, not_found
from tui.sandbox.filters import (
    bad,
    batch_shape,
    limit_offset,
    run_filter,
    span_filter,
    text,
    uuid_eq,
    where,
)
from tui.sandbox.routes.deps import History, world
from tui.sandbox.run_context import node_output, run_context
from tui.sandbox.world import Workspace

router = APIRouter(prefix="/orchestration", tags=["runs"])
MAX_OUTPUT_RUNS = 10_000


def listed(
    ws: Workspace, body: dict[str, Any], *, records: bool = False
) -> tuple[list[dict[str, Any]], int]:
    """A page of runs (or records) and how many match, the count read first: a page of a
    whole batch is then found by position (``store._page``)."""
    terms = run_filter(body, records=records)
    limit, offset = limit_offset(body)
    shape = batch_shape(body)
    view = "records" if records else "runs"
    total = store.count_of(ws, view, terms, shape)
    whole = (shape, total) if shape is not None and shape.whole else None
    read = store.records if records else store.runs
    return read(ws, terms, limit, offset, whole), total


@router.post("/runs/list")
def list_runs(history: History, request_body: ListRunsBody) -> dict[str, Any]:
    runs, total = listed(history, request_body.to_wire())
    return {"runs": runs, "count": total}


@router.post("/runs/count")
def count_runs(history: History, request_body: CountRunsBody) -> dict[str, Any]:
    body = request_body.to_wire()
    return {"count": store.count_of(history, "runs", run_filter(body), batch_shape(body))}


@router.get("/runs/{uuid}")
def get_run(history: History, uuid: str) -> dict[str, Any]:
    found = store.run(history, uuid)
    if found is None:
        raise not_found("run", uuid)
    run, spans = found
    context, configs = run_context(history.catalog, run, spans)
    return {"run": run, "runContext": context, "runComputedConfigs": configs}


def _url(request: Request, file_id: str) -> str:
    return world(request).files.url(str(request.base_url).rstrip("/") + "/v1", file_id)


@router.post("/runs/download")
def download_runs(
    history: History, request_body: DownloadRunsBody, request: Request
) -> dict[str, Any]:
    """A JSON file of the runs, each as ``runs/{uuid}`` gives it: the run with its
    executions, its ``runContext`` and its ``runComputedConfigs``."""
    terms = run_filter(request_body.to_wire())
    runs = store.runs(history, terms, 100_000, 0) if store.count(history, "runs", terms) else []
    rows = [
        {**run, "runContext": context, "runComputedConfigs": configs}
        for run, (context, configs) in zip(runs, _contexts(history, runs), strict=True)
    ]
    file_id = world(request).files.write("runs", rows, "json")
    return {"url": _url(request, file_id)}


def _contexts(ws: Workspace, runs: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    """Each run's ``runContext`` and ``runComputedConfigs``, from its spans."""
    by_run: dict[str, list[dict[str, Any]]] = {}
    for span in store.spans_of(ws, runs, "uuid"):
        by_run.setdefault(span["runUuid"], []).append(span)
    return [run_context(ws.catalog, run, by_run.get(run["uuid"], [])) for run in runs]


def node_outputs(
    ws: Workspace, body: dict[str, Any], slug: str | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    """One row per run: its record, status, and the output (runContext) of one node.

    Only that node's output is made, from spans looked up once (not each run's executions and
    whole context: ~2 s for the 10,000 runs of a demo batch)."""
    runs = store.run_rows(ws, run_filter(body), limit, offset)
    by_run: dict[str, list[dict[str, Any]]] = {}
    for span in store.spans_of(ws, runs, "uuid"):
        by_run.setdefault(span["runUuid"], []).append(span)
    rows = []
    for run in runs:
        node, output = node_output(ws.catalog, run, by_run.get(run["uuid"], []), slug)
        rows.append(
            {
                "runUuid": run["uuid"],
                "recordId": run["recordId"],
                "recordTitle": run["recordTitle"],
                "status": run["status"],
                "errorMessage": run["errorMessage"],
                "nodeSlug": node,
                "output": output,
            }
        )
    return rows


@router.post("/runs/download-outputs")
def download_outputs(
    history: History, request_body: DownloadRunOutputsBody, request: Request
) -> dict[str, Any]:
    body = request_body.to_wire()
    fmt = body.get("format", "csv")
    total = store.count(history, "runs", run_filter(body))
    limit, offset = limit_offset(body, default=MAX_OUTPUT_RUNS, most=10**9)
    selected = max(0, min(total - offset, limit))
    if selected == 0:
        raise ApiError(400, "No runs match this filter", "noRunsFound")
    if selected > MAX_OUTPUT_RUNS:
        raise ApiError(
            400, f"{selected:,} runs match: download at most {MAX_OUTPUT_RUNS:,} at once "
            "(use limit and offset)", "tooManyRuns",
        )  # fmt: skip
    rows = node_outputs(history, body, text(body, "outputNodeSlug"), limit, offset)
    file_id = world(request).files.write("outputs", rows, fmt)
    return {"url": _url(request, file_id)}


def _metric_terms(body: dict[str, Any]) -> list[str]:
    picked: dict[str, Any] = {k: body[k] for k in ("workflowUuid", "batchUuid") if k in body}
    terms = run_filter(picked)
    if (release := text(body, "releaseUuid")) is not None:
        # Spans name no release (as the vendor's Span): their runs do.
        terms.append(
            f"run_uuid IN (SELECT uuid FROM {{db}}.runs WHERE {uuid_eq('release_uuid', release)})"
        )
    for key, op in (("createdAfter", ">="), ("createdBefore", "<")):
        if (value := text(body, key)) is not None:
            terms.append(
                f"execution_started_at {op} parseDateTime64BestEffortOrNull('{value.replace(chr(39), '')}', 3, 'UTC')"
            )
    return terms


def node_metrics(history: Workspace, body: dict[str, Any]) -> list[dict[str, Any]]:
    """Per node of the workflow: its executions by status and the credits they used."""
    counts = store.node_metrics(history, _metric_terms(body))
    workflow = history.catalog.workflow(str(body["workflowUuid"]))
    metrics = []
    for node in workflow.nodes if workflow else []:
        c = counts.get(node["uuid"], {})
        metrics.append(
            {
                "nodeUuid": node["uuid"],
                "totalExecutionsCount": c.get("total", 0),
                "idleExecutionsCount": 0,
                "pendingExecutionsCount": c.get("pending", 0),
                "runningExecutionsCount": 0,
                "successExecutionsCount": c.get("success", 0),
                "errorExecutionsCount": c.get("error", 0),
                "cancellingExecutionsCount": 0,
                "cancelledExecutionsCount": 0,
                "skippedExecutionsCount": 0,
                "creditsUsedCount": c.get("credits", 0),
            }
        )
    return metrics


@router.post("/runs/metrics")
def run_metrics(history: History, request_body: GetRunMetricsBody) -> dict[str, Any]:
    return {"runMetrics": node_metrics(history, request_body.to_wire())}


@router.post("/runs/cancel")
def cancel_runs(history: History, request_body: CancelRunsBody, request: Request) -> Response:
    body = request_body.to_wire()
    if body.get("uuids") is not None and set(body) - {"workflowUuid", "uuids"}:
        raise bad("name the runs by uuids or by a filter, not both")
    terms = run_filter(body)
    live.cancel_runs(
        world(request),
        history,
        f"uuid IN (SELECT uuid FROM {history.db}.runs WHERE {where(terms, history.db)})",
    )
    return Response(status_code=200)


@router.post("/records/list")
def list_records(history: History, request_body: ListRecordsBody) -> dict[str, Any]:
    records, total = listed(history, request_body.to_wire(), records=True)
    return {"records": records, "count": total}


@router.post("/records/count")
def count_records(history: History, request_body: CountRecordsBody) -> dict[str, Any]:
    body = request_body.to_wire()
    terms = run_filter(body, records=True)
    return {"count": store.count_of(history, "records", terms, batch_shape(body))}


#: RecordMetric (``@cargo-ai/types``) counts executions as RunMetric does, without these.
RUN_ONLY = ("idleExecutionsCount", "skippedExecutionsCount")


@router.post("/records/metrics")
def record_metrics(history: History, request_body: GetRecordMetricsBody) -> dict[str, Any]:
    metrics = node_metrics(history, request_body.to_wire())
    return {"recordMetrics": [{k: v for k, v in m.items() if k not in RUN_ONLY} for m in metrics]}


@router.post("/spans/list")
def list_spans(history: History, request_body: ListSpansBody) -> dict[str, Any]:
    body = request_body.to_wire()
    terms = span_filter(body)
    limit, offset = limit_offset(body)
    return {
        "spans": store.spans(history, terms, limit, offset),
        "count": store.count(history, "spans", terms),
    }
