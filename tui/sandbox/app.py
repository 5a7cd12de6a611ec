"""The sandbox's ASGI app: the Cargo API's paths under ``/v1``, with its error bodies."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from tui import __version__
from tui.sandbox.errors import ApiError
from tui.sandbox.faults import FaultMiddleware
from tui.sandbox.routes import (
    admin,
    batches,
    billing,
    catalog,
    identity,
    orchestration,
    query,
    runs,
)
from tui.sandbox.world import World

API_PREFIX = "/v1"


def create_asgi(world: World) -> FaultMiddleware:
    """The app behind the fault injector, outermost so it can drop connections itself."""
    return FaultMiddleware(create_app(world), world.faults)


def create_app(world: World) -> FastAPI:
    app = FastAPI(
        title="Cargo API (cargo-tui sandbox)",
        version=__version__,
        description="A local emulator of the Cargo API for demos, tests and benchmarks.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.world = world
    for router in (
        identity.router,
        orchestration.router,
        catalog.router,
        batches.router,
        runs.router,
        query.router,
        billing.router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(admin.router)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers or None)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        reason = "notFound" if exc.status_code == 404 else "httpError"
        return JSONResponse(
            {"errorMessage": str(exc.detail), "reason": reason}, status_code=exc.status_code
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"Invalid request: {where} {first.get('msg', '')}".strip()
        return JSONResponse({"errorMessage": message, "reason": "invalidRequest"}, status_code=400)

    return app
