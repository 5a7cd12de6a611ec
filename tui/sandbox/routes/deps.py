"""What every endpoint depends on: the caller's workspace (from its bearer token), its
history, its JSON body, and GET parameters in the API's bracket form."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Request

from tui.sandbox.catalog import Catalog
from tui.sandbox.errors import ApiError
from tui.sandbox.query_params import BadParameters, decode_params
from tui.sandbox.world import Workspace, World


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


def history(request: Request) -> Workspace:
    return world(request).history(workspace(request))


def latest(request: Request) -> Workspace:
    """The workspace once its workflows' latest batches are loaded (``World.latest``)."""
    return world(request).latest(workspace(request))


async def json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ApiError(400, "The body is not valid JSON", "invalidRequest") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a JSON object", "invalidRequest")
    return body


def query_params(request: Request) -> dict[str, Any]:
    """GET parameters as the object the client encoded (``query_params.decode_params``)."""
    try:
        return decode_params(request.query_params.multi_items())
    except BadParameters as exc:
        raise ApiError(400, f"Invalid parameters: {exc}", "invalidRequest") from None


CurrentWorkspace = Annotated[Catalog, Depends(workspace)]
History = Annotated[Workspace, Depends(history)]
Latest = Annotated[Workspace, Depends(latest)]
Body = Annotated[dict[str, Any], Depends(json_body)]
Params = Annotated[dict[str, Any], Depends(query_params)]
