"""Orchestration: plays, tools, workflows (with their last batch), releases."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tui.sandbox import store
from tui.sandbox.errors import not_found
from tui.sandbox.filters import bad, flag, limit_offset, text, texts
from tui.sandbox.routes.deps import CurrentWorkspace, Latest, Params
from tui.sandbox.world import Workspace

router = APIRouter(prefix="/orchestration", tags=["orchestration"])


@router.get("/plays/list")
def list_plays(ws: CurrentWorkspace, params: Params) -> dict[str, Any]:
    enabled = flag(params, "isEnabled")
    model, segment = text(params, "modelUuid"), text(params, "segmentUuid")
    schedule = text(params, "scheduleType")
    plays = [
        play
        for play in ws.plays
        if (enabled is None or play["isEnabled"] == enabled)
        and (model is None or play["modelUuid"] == model)
        and (segment is None or play["segmentUuid"] == segment)
        and (schedule is None or (play["schedule"] or {}).get("type") == schedule)
    ]
    return {"plays": plays}


@router.get("/plays/{uuid}")
def get_play(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    if (play := ws.find("plays", uuid)) is None:
        raise not_found("play", uuid)
    return {"play": play}


@router.get("/tools/list")
def list_tools(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"tools": ws.tools}


@router.get("/tools/{uuid}")
def get_tool(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    if (tool := ws.find("tools", uuid)) is None:
        raise not_found("tool", uuid)
    return {"tool": tool}


def _last_batches(loaded: Workspace) -> dict[str, dict[str, Any]]:
    """Each workflow's last batch: read live once the history has loaded; until then, as
    it was when the latest batches were (a second or two earlier, at start)."""
    return store.last_batches(loaded) if loaded.complete else loaded.early_last_batches


@router.get("/workflows/list")
def list_workflows(ws: CurrentWorkspace, loaded: Latest) -> dict[str, Any]:
    last = _last_batches(loaded)
    return {"workflows": [w.wire(last.get(w.uuid)) for w in ws.workflows]}


@router.get("/workflows/{uuid}")
def get_workflow(ws: CurrentWorkspace, loaded: Latest, uuid: str) -> dict[str, Any]:
    if (workflow := ws.workflow(uuid)) is None:
        raise not_found("workflow", uuid)
    return {"workflow": workflow.wire(_last_batches(loaded).get(uuid))}


@router.get("/releases/list")
def list_releases(ws: CurrentWorkspace, params: Params) -> dict[str, Any]:
    workflow = text(params, "workflowUuid")
    statuses = texts(params, "statuses")
    limit, offset = limit_offset(params)
    releases = [
        r
        for r in ws.releases()
        if (workflow is None or r["workflowUuid"] == workflow)
        and (statuses is None or r["status"] in statuses)
    ]
    return {"releases": releases[offset : offset + limit]}


@router.get("/releases/{uuid}")
def get_release(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    found = next((r for r in ws.releases() if r["uuid"] == uuid), None)
    if found is None:
        raise not_found("release", uuid)
    return {"release": found}


__all__ = ["bad", "router"]
