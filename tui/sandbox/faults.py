"""Fault injection for tests: an ASGI middleware driven by rules set at start or at run time.

A rule matches requests by path (regex) and method, and applies to the next ``count``
requests, or to each with ``probability`` (drawn from a seeded RNG, so tests are repeatable).
Kinds: ``latency`` (``latency_ms`` before the request is handled), ``late`` (the request is
handled at once, a write made, and its answer sent ``latency_ms`` later: a client that gives up
meanwhile has changed the workspace without knowing it), ``status`` (429 with ``retry_after``, 500, 502, 503,
504), ``drop`` (close the connection, no answer), ``truncate`` (half the body, then close:
a connection reset mid-body), ``cut`` (half the body, sent as a whole answer: its length
says so, the connection stays up), ``malformed`` (a 200 whose body is not JSON), ``missing`` (the real answer without the key
``field_name`` in any object), ``extra`` (the real answer with an unknown key in every object).
Rules are set with ``POST /_sandbox/faults``
(admin token), ``--faults JSON`` / ``CARGO_SANDBOX_FAULTS``, or ``sandbox.faults.set(...)``.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("latency", "late", "status", "drop", "truncate", "cut", "malformed", "missing", "extra")
Scope = dict[str, Any]


@dataclass
class Fault:
    kind: str
    path: str = ".*"
    method: str | None = None
    count: int | None = None
    probability: float = 1.0
    latency_ms: int = 0
    status: int = 503
    retry_after: float | None = None
    #: ``missing``: the key taken out of every object of the answer.
    field_name: str = "uuid"
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}: one of {', '.join(KINDS)}")
        if self.kind == "status" and not 400 <= self.status <= 599:
            raise ValueError("a status fault answers a 4xx or 5xx status")
        if not 0 <= self.probability <= 1:
            raise ValueError("probability is between 0 and 1")
        self._pattern = re.compile(self.path)

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and bool(
            self._pattern.search(path)
        )

    def describe(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if not k.startswith("_")}


class Faults:
    """The rules in force; thread-safe, shared by the middleware and whoever sets them."""

    def __init__(self, seed: int = 0) -> None:
        self._rules: list[Fault] = []
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        #: Faults applied so far, by kind (``GET /_sandbox/faults`` shows them): a soak says
        #: how many it survived.
        self.injected: dict[str, int] = dict.fromkeys(KINDS, 0)

    @staticmethod
    def parse(spec: Any) -> list[Fault]:
        items = spec.get("faults", spec) if isinstance(spec, dict) else spec
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            raise ValueError("faults are a list of rules")
        try:
            return [item if isinstance(item, Fault) else Fault(**item) for item in items]
        except TypeError as exc:
            raise ValueError(f"invalid fault rule: {exc}") from None

    def set(self, *rules: Fault | dict[str, Any], seed: int | None = None) -> None:
        """Replace the rules (``sandbox.faults.set(kind="status", status=503, count=2)``)."""
        parsed = self.parse(list(rules))
        with self._lock:
            self._rules = parsed
            if seed is not None:
                self._rng.seed(seed)

    def add(self, **rule: Any) -> None:
        with self._lock:
            self._rules.append(Fault(**rule))

    def clear(self) -> None:
        with self._lock:
            self._rules = []

    def describe(self) -> list[dict[str, Any]]:
        with self._lock:
            return [rule.describe() for rule in self._rules]

    def pick(self, method: str, path: str) -> list[Fault]:
        """The rules that apply to this request (using up their counts)."""
        chosen = []
        with self._lock:
            for rule in list(self._rules):
                if not rule.matches(method, path):
                    continue
                if rule.probability < 1 and self._rng.random() >= rule.probability:
                    continue
                chosen.append(rule)
                self.injected[rule.kind] += 1
                if rule.count is not None:
                    rule.count -= 1
                    if rule.count <= 0:
                        self._rules.remove(rule)
        return chosen


def _abort(send: Any) -> None:
    """Close the client's connection at once (uvicorn keeps the transport on the cycle)."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None:
        transport.abort()


class FaultMiddleware:
    def __init__(self, app: Any, faults: Faults, exempt: str = "/_sandbox") -> None:
        self.app = app
        self.faults = faults
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        rules = self.faults.pick(scope["method"], scope["path"])
        for rule in rules:
            if rule.kind == "latency":
                await asyncio.sleep(rule.latency_ms / 1000)
        for rule in rules:
            if rule.kind == "status":
                await _answer(send, rule.status, _status_body(rule), rule.retry_after)
                return
            if rule.kind == "drop":
                _abort(send)
                return
            if rule.kind == "malformed":
                await _answer(send, 200, b'{"errorMessage": "unterminated', None)
                return
            if rule.kind == "truncate":
                await self._truncated(scope, receive, send)
                return
            if rule.kind in ("missing", "extra", "cut"):
                await self._rewritten(scope, receive, send, rule)
                return
            if rule.kind == "late":
                start, body = await self._captured(scope, receive)
                await asyncio.sleep(rule.latency_ms / 1000)
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    async def _captured(self, scope: Scope, receive: Any) -> tuple[dict[str, Any], bytes]:
        start: dict[str, Any] = {}
        body = bytearray()

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, capture)
        return start, bytes(body)

    async def _rewritten(self, scope: Scope, receive: Any, send: Any, rule: Fault) -> None:
        """The real answer with a key taken out of (missing) or added to (extra) each object,
        or only its first half (cut)."""
        start, body = await self._captured(scope, receive)
        try:
            data = None if rule.kind == "cut" else json.loads(body)
        except ValueError:
            data = None
        if data is not None:
            body = json.dumps(_reshape(data, rule)).encode()
        elif rule.kind == "cut":
            body = body[: len(body) // 2]
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": start.get("status", 200),
                    "headers": headers})  # fmt: skip
        await send({"type": "http.response.body", "body": body})

    async def _truncated(self, scope: Scope, receive: Any, send: Any) -> None:
        start, body = await self._captured(scope, receive)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": start.get("status", 200),
                    "headers": headers})  # fmt: skip
        await send({"type": "http.response.body", "body": bytes(body[: len(body) // 2]),
                    "more_body": True})  # fmt: skip
        _abort(send)


def _reshape(data: Any, rule: Fault) -> Any:
    if isinstance(data, list):
        return [_reshape(item, rule) for item in data]
    if not isinstance(data, dict):
        return data
    shaped = {k: _reshape(v, rule) for k, v in data.items() if not (
        rule.kind == "missing" and k == rule.field_name)}  # fmt: skip
    if rule.kind == "extra":
        shaped["sandboxFutureField"] = {"added": "by fault injection", "n": 1}
    return shaped


def _status_body(rule: Fault) -> bytes:
    reasons = {429: "rateLimited", 500: "internalError", 502: "badGateway",
               503: "serviceUnavailable", 504: "gatewayTimeout"}  # fmt: skip
    message = "Too many requests" if rule.status == 429 else "Injected fault"
    body = {"errorMessage": f"{message} (sandbox fault injection)",
            "reason": reasons.get(rule.status, "injectedFault")}  # fmt: skip
    return json.dumps(body).encode()


async def _answer(send: Any, status: int, body: bytes, retry_after: float | None) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", f"{retry_after:g}".encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
