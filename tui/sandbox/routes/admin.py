"""``/_sandbox/faults``: switch fault injection at run time (admin token, loopback only)."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request, Response

from tui.sandbox.errors import ApiError
from tui.sandbox.faults import Faults
from tui.sandbox.routes.deps import Body, world

router = APIRouter(prefix="/_sandbox", tags=["sandbox admin"], include_in_schema=False)


def _admin(request: Request) -> Faults:
    state = world(request)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        token.strip().encode(), state.admin_token.encode()
    ):
        raise ApiError(401, "The sandbox's admin endpoints need its admin token", "unauthorized")
    return state.faults


@router.get("/faults")
def list_faults(request: Request) -> dict[str, Any]:
    faults = _admin(request)
    return {"faults": faults.describe(), "injected": dict(faults.injected)}


@router.post("/faults")
def set_faults(request: Request, body: Body) -> dict[str, Any]:
    faults = _admin(request)
    try:
        rules = Faults.parse(body)
    except ValueError as exc:
        raise ApiError(400, str(exc), "invalidFault") from None
    faults.set(*rules, seed=body.get("seed") if isinstance(body.get("seed"), int) else None)
    return {"faults": faults.describe()}


@router.delete("/faults")
def clear_faults(request: Request) -> Response:
    _admin(request).clear()
    return Response(status_code=204)
