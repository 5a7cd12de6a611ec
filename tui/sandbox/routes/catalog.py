"""Agents, connectors, models (and their DDL), segments (fetch and download)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from tui.api.models.requests import DownloadSegmentBody, FetchSegmentBody
from tui.sandbox.errors import ApiError, not_found
from tui.sandbox.filters import bad, limit_offset, text
from tui.sandbox.models_schema import ddl
from tui.sandbox.routes.deps import CurrentWorkspace, Params, world
from tui.sandbox.segments import InvalidFilter, select

router = APIRouter(tags=["catalog"])


@router.get("/ai/agents/list")
def list_agents(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"agents": ws.agents}


@router.get("/connection/connectors/list")
def list_connectors(ws: CurrentWorkspace, params: Params) -> dict[str, Any]:
    slug = text(params, "integrationSlug")
    return {
        "connectors": [c for c in ws.connectors if slug is None or c["integrationSlug"] == slug]
    }


@router.get("/storage/models/list")
def list_models(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"models": ws.models}


@router.get("/storage/models/{uuid}")
def get_model(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    if (model := ws.find("models", uuid)) is None:
        raise not_found("model", uuid)
    return {"model": model}


@router.get("/storage/models/{uuid}/ddl")
def get_model_ddl(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    if (model := ws.find("models", uuid)) is None:
        raise not_found("model", uuid)
    return {"ddl": ddl(model["slug"]), "language": "sql"}


@router.get("/segmentation/segments/list")
def list_segments(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"segments": ws.segments}


@router.get("/segmentation/segments/{uuid}")
def get_segment(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    if (segment := ws.find("segments", uuid)) is None:
        raise not_found("segment", uuid)
    return {"segment": segment}


def _selected(ws: CurrentWorkspace, body: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    model_uuid = text(body, "modelUuid")
    if model_uuid is None:
        raise bad("modelUuid is required (a segment's modelUuid, not the segment's uuid)")
    model = ws.find("models", model_uuid)
    if model is None:
        raise not_found("model", model_uuid)
    if "filter" not in body:
        raise ApiError(400, "filter is required", "invalidFilter")
    try:
        found = select(ws, model, body["filter"], body.get("sort"))
    except InvalidFilter as exc:
        raise ApiError(400, f"Invalid filter: {exc}", "invalidFilter") from None
    limit = body.get("limit")
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise bad("limit must be a non-negative integer")
        found = found[:limit]
    return model, found


@router.post("/segmentation/segments/fetch")
def fetch_records(ws: CurrentWorkspace, request_body: FetchSegmentBody) -> dict[str, Any]:
    body = request_body.to_wire()
    model, found = _selected(ws, body)
    paging = {"limit": body.get("fetchingLimit", 100), "offset": body.get("fetchingOffset", 0)}
    limit, offset = limit_offset(paging)
    return {
        "records": found[offset : offset + limit],
        "count": len(found),
        # A segment's columns, as Segmentation.Column: the model's, named with the model.
        "columns": [
            {"slug": c["slug"], "type": c["type"], "label": c["label"], "modelUuid": model["uuid"]}
            for c in model["columns"]
        ],
        "isRefreshing": False,
    }


@router.post("/segmentation/segments/download")
def download_records(
    ws: CurrentWorkspace, request_body: DownloadSegmentBody, request: Request
) -> dict[str, Any]:
    model, found = _selected(ws, request_body.to_wire())
    state = world(request)
    # Like the real service, a large answer comes as several files.
    per_file = max(1, state.caps["segment_file_rows"])
    base_url = str(request.base_url).rstrip("/") + "/v1"
    chunks = [found[i : i + per_file] for i in range(0, len(found), per_file)] or [[]]
    ids = [
        state.files.write(f"{model['slug']}-{n + 1}", part, "csv") for n, part in enumerate(chunks)
    ]
    return {"urls": [state.files.url(base_url, file_id) for file_id in ids]}


@router.get("/_files/{file_id}", include_in_schema=False)
def download(file_id: str, request: Request) -> FileResponse:
    params = request.query_params
    path = world(request).files.open(file_id, params.get("expires"), params.get("signature"))
    kind = "application/json" if file_id.endswith(".json") else "text/csv"
    return FileResponse(path, media_type=kind, filename=file_id.split("-", 1)[1])
