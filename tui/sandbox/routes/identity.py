"""Identity: the current user and workspace."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tui.sandbox.routes.deps import CurrentWorkspace

router = APIRouter(tags=["identity"])


@router.get("/userManagement/users/current")
def current_user(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"user": ws.user}


@router.get("/workspaceManagement/workspaces/current")
def current_workspace(ws: CurrentWorkspace) -> dict[str, Any]:
    return {"workspace": ws.workspace}
