"""Orchestration: plays, tools, workflows."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tui.sandbox.errors import not_found
from tui.sandbox.routes.deps import CurrentWorkspace

router = APIRouter(prefix="/orchestration", tags=["orchestration"])


@router.get("/plays/list")
def list_plays(
    ws: CurrentWorkspace,
    isEnabled: bool | None = None,
    modelUuid: str | None = None,
    segmentUuid: str | None = None,
    scheduleType: str | None = None,
) -> dict[str, Any]:
    plays = [
        play
        for play in ws.plays
        if (isEnabled is None or play.is_enabled == isEnabled)
        and (modelUuid is None or play.model_uuid == modelUuid)
        and (segmentUuid is None or play.segment_uuid == segmentUuid)
        and (scheduleType is None or (play.schedule and play.schedule.type == scheduleType))
    ]
    return {"plays": ws.wire(plays)}


@router.get("/plays/{uuid}")
def get_play(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    for play in ws.plays:
        if play.uuid == uuid:
            return {"play": ws.wire([play])[0]}
    raise not_found("play", uuid)


@router.get("/tools/list")
def list_tools(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"tools": ws.wire(ws.tools)}


@router.get("/tools/{uuid}")
def get_tool(ws: CurrentWorkspace, uuid: str) -> dict[str, Any]:
    for tool in ws.tools:
        if tool.uuid == uuid:
            return {"tool": ws.wire([tool])[0]}
    raise not_found("tool", uuid)


@router.get("/workflows/list")
def list_workflows(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"workflows": ws.wire(ws.workflows)}
