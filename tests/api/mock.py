"""A scripted fake server for faults the sandbox cannot produce (httpx.MockTransport)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import httpx

from tui.api import CargoClient, RetryPolicy

FAST = RetryPolicy(attempts=4, timeout=5, wait_initial=0.001, wait_max=0.01, wait_jitter=0)
TOKEN = "tok-very-secret-123"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """Answers requests in order from a list; records every request it saw."""

    def __init__(self, answers: Iterable[Answer]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.answers:
            raise AssertionError(f"unexpected extra request {request.method} {request.url}")
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer


def client_for(script: Script, **kw: Any) -> CargoClient:
    kw.setdefault("retry", FAST)
    return CargoClient(
        token=TOKEN,
        base_url="https://api.test/v1",
        http_transport=httpx.MockTransport(script),
        **kw,
    )


def ok(body: Any, **kw: Any) -> httpx.Response:
    return httpx.Response(200, json=body, **kw)


def fail(status: int, message: str = "", reason: str | None = None, **kw: Any) -> httpx.Response:
    body: dict[str, str] = {}
    if message:
        body["errorMessage"] = message
    if reason:
        body["reason"] = reason
    return httpx.Response(status, json=body, **kw)


PLAY = {"uuid": "p1", "name": "Enrich", "workflowUuid": "w1", "isEnabled": True}
