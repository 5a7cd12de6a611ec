"""What every endpoint depends on: the caller's workspace, found from its bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from tui.sandbox.catalog import Catalog
from tui.sandbox.errors import ApiError
from tui.sandbox.world import World


def world(request: Request) -> World:
    state: World = request.app.state.world
    return state


def workspace(request: Request) -> Catalog:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            401, "Missing API token: send 'authorization: Bearer <token>'", "unauthorized"
        )
    found = world(request).workspace_for(token.strip())
    if found is None:
        raise ApiError(401, "Invalid or expired API token", "unauthorized")
    return found


CurrentWorkspace = Annotated[Catalog, Depends(workspace)]
