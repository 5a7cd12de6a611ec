"""Batches: list, get, create, cancel, download."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response

from tui.api.models.batch_data import CreateBatchBody
from tui.api.models.requests import DownloadBatchBody
from tui.sandbox import live, store
from tui.sandbox.engine import quote
from tui.sandbox.errors import ApiError, not_found
from tui.sandbox.filters import flag, limit_offset, text, texts, uuid_eq, uuid_in
from tui.sandbox.routes.deps import History, Params, world
from tui.sandbox.routes.runs import node_outputs

router = APIRouter(prefix="/orchestration/batches", tags=["batches"])


@router.get("/list")
def list_batches(history: History, params: Params) -> dict[str, Any]:
    terms = []
    if (workflows := texts(params, "workflowUuids")) is not None:
        terms.append(uuid_in("workflow_uuid", workflows))
    if (release := text(params, "releaseUuid")) is not None:
        terms.append(uuid_eq("release_uuid", release))
    if (statuses := texts(params, "statuses")) is not None:
        terms.append(
            "status IN (" + ", ".join(quote(s) for s in statuses) + ")" if statuses else "0"
        )
    if (has_runs := flag(params, "hasRuns")) is not None:
        terms.append("runs_count > 0" if has_runs else "runs_count = 0")
    if (finished := flag(params, "isFinished")) is not None:
        terms.append("finished_at IS NOT NULL" if finished else "finished_at IS NULL")
    if (skipped := flag(params, "isSkipped")) is not None:
        terms.append("status = 'skipped'" if skipped else "status != 'skipped'")
    # A batch a run started (a tool's, a group's) names its parents in its data.
    for key in ("parentBatchUuid", "parentRunUuid", "parentNodeUuid"):
        if (value := text(params, key)) is not None:
            terms.append(f"JSONExtractString(data, {quote(key)}) = {quote(value)}")
    for key, keep in (("includedDataKinds", "IN"), ("excludedDataKinds", "NOT IN")):
        if (kinds := texts(params, key)) is not None:
            listed = ", ".join(quote(k) for k in kinds) or "''"
            terms.append(f"JSONExtractString(data, 'kind') {keep} ({listed})")
    limit, offset = limit_offset(params)
    return {"batches": store.batches(history, terms, limit, offset)}


@router.get("/{uuid}")
def get_batch(history: History, uuid: str) -> dict[str, Any]:
    if (found := store.batch(history, uuid)) is None:
        raise not_found("batch", uuid)
    return {"batch": found}


@router.post("")
def create_batch(history: History, body: CreateBatchBody, request: Request) -> dict[str, Any]:
    return {"batch": live.create_batch(world(request), history, body.to_wire())}


@router.post("/{uuid}/cancel")
def cancel_batch(history: History, uuid: str, request: Request) -> Response:
    live.cancel_batch(world(request), history, uuid)
    return Response(status_code=200)


@router.post("/{uuid}/download")
def download_batch(
    history: History,
    uuid: str,
    request: Request,
    request_body: Annotated[DownloadBatchBody | None, Body()] = None,
) -> dict[str, Any]:
    body = (request_body or DownloadBatchBody()).to_wire()
    found = store.batch(history, uuid)
    if found is None:
        raise not_found("batch", uuid)
    if found["finishedAt"] is None:
        raise ApiError(400, f"Batch {uuid} has not finished yet", "batchNotFinished")
    if found["runsCount"] > 100_000:
        raise ApiError(
            400, "The sandbox downloads batches of at most 100,000 runs", "batchNotSupported"
        )
    rows = node_outputs(
        history, {"batchUuid": uuid}, text(body, "outputNodeSlug"), found["runsCount"], 0
    )
    files = world(request).files
    file_id = files.write(f"batch-{uuid[:8]}", rows, "csv")
    return {"url": files.url(str(request.base_url).rstrip("/") + "/v1", file_id)}
