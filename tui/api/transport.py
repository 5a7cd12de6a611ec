"""The one HTTP connection of a client: headers, limits, error mapping and read retries.

Reads (GETs, lists, counts, metrics, queries, downloads) are retried on 429/502/503/504 and
connection errors with exponential backoff and jitter (stamina), honouring ``Retry-After``,
within a bounded total time. Writes are sent once: the caller decides what to do on failure.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
import orjson
import stamina

from tui import __version__
from tui.api import errors, tls
from tui.api.defaults import DEFAULT_BASE_URL, USER_PATH, api_base_url
from tui.api.params import query_string
from tui.api.request_log import Entry, RequestLog
from tui.api.secret import Secret

if TYPE_CHECKING:
    import pydantic

# pydantic loads with the models, after this module: the first reads go out before them.
M = TypeVar("M", bound="pydantic.BaseModel")

# stamina logs each retry at WARNING; with no handler configured, Python would print it to
# stderr, over the TUI. The retry is the client's business: keep it out of the terminal.
logging.getLogger("stamina").addHandler(logging.NullHandler())

RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: Requests in flight at once: opening a workspace asks 9 together (whoami's 2, Discovery's
#: 7 lists); an eighth slot made the last wait a whole round trip for the first answer.
MAX_CONCURRENCY = 10
#: Paths the official client sends without ``selected-workspace-uuid`` (``withoutWorkspace``):
#: who the user is does not depend on the workspace.
WITHOUT_WORKSPACE = frozenset({USER_PATH})


@dataclass(frozen=True)
class RetryPolicy:
    """How reads are retried: at most ``attempts`` tries within ``timeout`` seconds."""

    attempts: int = 5
    timeout: float = 30.0
    wait_initial: float = 0.2
    wait_max: float = 5.0
    wait_jitter: float = 0.5
    #: A server's Retry-After longer than this is not waited for: the error goes to the user.
    max_retry_after: float = 10.0

    def backoff(self, exc: Exception) -> bool | float:
        """stamina's hook: False to give up, True for the usual backoff, a float to wait so long."""
        if isinstance(exc, errors.RateLimitedError):
            if exc.retry_after is None:
                return True
            return exc.retry_after if exc.retry_after <= self.max_retry_after else False
        if isinstance(exc, errors.ServerError):
            return exc.status in RETRY_STATUSES
        return isinstance(exc, errors.NetworkError)

    def tries(self) -> AsyncIterable[stamina.Attempt]:
        """stamina's attempts by this policy (``async for attempt in policy.tries(): with
        attempt:``). Only async: a plain ``for`` would wait out each backoff in ``time.sleep``,
        holding the event loop (and every key the user types) for up to seconds."""
        return stamina.retry_context(
            on=self.backoff,
            attempts=self.attempts,
            timeout=self.timeout,
            wait_initial=self.wait_initial,
            wait_max=self.wait_max,
            wait_jitter=self.wait_jitter,
        )


NO_RETRY = RetryPolicy(attempts=1)


def default_timeout(read: float | None = None) -> httpx.Timeout:
    """60 s for an answer (or ``read``), 10 s to connect."""
    # The query endpoint may take its full 30 s; nothing else should take near a minute.
    return httpx.Timeout(60.0 if read is None else read, connect=10.0)


class Transport:
    """Sends requests for every namespace of a :class:`~tui.api.CargoClient`."""

    def __init__(
        self,
        *,
        token: Secret,
        base_url: str = DEFAULT_BASE_URL,
        workspace_uuid: str | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_concurrency: int = MAX_CONCURRENCY,
        retry: RetryPolicy = RetryPolicy(),
        http_transport: httpx.AsyncBaseTransport | None = None,
        allow_writes: bool = False,
        request_log: RequestLog | None = None,
    ) -> None:
        self._token = token
        #: Every request sent, in order (never a header: see ``tui.api.request_log``).
        self.log = request_log if request_log is not None else RequestLog()
        self.allow_writes = allow_writes
        self.base_url = api_base_url(base_url)
        self.retry = retry
        headers = {
            "x-cargo-origin": "cargo-tui",
            "x-cargo-origin-version": __version__,
            "accept": "application/json",
        }
        self._workspace = {"selected-workspace-uuid": workspace_uuid} if workspace_uuid else {}
        self._limit = asyncio.Semaphore(max_concurrency)
        self.http = httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=timeout if timeout is not None else default_timeout(),
            transport=http_transport,
            verify=tls.context_for(self.base_url),
            limits=httpx.Limits(
                max_connections=max_concurrency, max_keepalive_connections=max_concurrency
            ),
            follow_redirects=False,
        )
        self.http.auth = _BearerAuth(token)
        #: GETs sent before anyone asked (:meth:`read_ahead`), by path, until taken.
        self._ahead: dict[str, asyncio.Future[Any]] = {}

    def read_ahead(self, paths: Iterable[str]) -> None:
        """Send these GETs (no parameters) now, while what will ask for them still loads: the
        first :meth:`get` of each path takes its answer (or its error) instead of sending it
        again. Each is a read like any other: retried, and in the log."""
        for path in paths:
            if path not in self._ahead:
                ahead = asyncio.ensure_future(self.read("GET", path))
                ahead.add_done_callback(_retrieved)
                self._ahead[path] = ahead

    async def aclose(self) -> None:
        ahead, self._ahead = list(self._ahead.values()), {}
        for read in ahead:
            read.cancel()
        await asyncio.gather(*ahead, return_exceptions=True)
        await self.http.aclose()

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r})"

    async def get(self, path: str, answer: type[M], params: Mapping[str, Any] | None = None) -> M:
        ahead = None if params else self._ahead.pop(path, None)
        data = await (ahead if ahead is not None else self.read("GET", path, params=params))
        return answer_as(answer, f"GET {path}", data)

    async def post(self, path: str, answer: type[M], body: Mapping[str, Any] | None = None) -> M:
        """A POST that only reads (list, count, metrics, query, download): retried."""
        return answer_as(answer, f"POST {path}", await self.read("POST", path, body=body))

    async def read(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> Any:
        """Send a read, retrying by the policy; the decoded JSON answer."""
        with self._recording(method, path, params=params, body=body) as entry:
            async for attempt in self.retry.tries():
                with attempt:
                    entry.retries = attempt.num - 1
                    return await self.send(method, path, params=params, body=body, entry=entry)
        raise AssertionError("unreachable")  # pragma: no cover

    async def write(self, path: str, body: Mapping[str, Any] | None = None) -> Any:
        """Send a write exactly once (never retried); refused on a read-only client.

        This is the one place the read-only guard lives: every write goes through here.
        """
        if not self.allow_writes:
            raise errors.ReadOnlyError(
                "this client is read-only; nothing was sent", endpoint=f"POST {path}"
            )
        with self._recording("POST", path, body=body) as entry:
            return await self.send("POST", path, body=body, entry=entry)

    def _recording(self, method: str, path: str, **request: Any) -> Any:
        workspace = (
            None if path in WITHOUT_WORKSPACE else self._workspace.get("selected-workspace-uuid")
        )
        return self.log.recording(
            method, path, base_url=self.base_url, workspace_uuid=workspace, **request
        )

    async def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        entry: Entry | None = None,
    ) -> Any:
        """One request, one answer: the decoded JSON, or a :class:`CargoError`
        (``entry``: the log's, given the answer's status)."""
        endpoint = f"{method} {path}"
        try:
            async with self._limit:
                # The query string is built here, byte for byte as the official client
                # builds it (httpx would encode ':' ',' '$' and spaces its own way).
                target = path + query_string(params)
                headers = {} if path in WITHOUT_WORKSPACE else self._workspace
                response = await self.http.request(method, target, json=body, headers=headers)
                await response.aread()
                if entry is not None:
                    entry.status = response.status_code
        except httpx.TimeoutException as exc:
            raise errors.TimedOutError(
                "no answer in time", endpoint=endpoint, detail=type(exc).__name__
            ) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            said = self._scrub(_describe(exc))
            raise errors.NetworkError(
                f"could not reach Cargo ({said})", endpoint=endpoint, detail=self._scrub(repr(exc))
            ) from None
        try:
            return decode(response, endpoint)
        except errors.CargoError as exc:
            # Whatever a server echoes back, the token does not travel further.
            # The decoding frames' locals hold the raw body: drop them from the traceback.
            exc.message, exc.detail = self._scrub(exc.message), self._scrub(exc.detail)
            exc.args = (str(exc),)
            raise exc.with_traceback(None) from None

    def _scrub(self, text: str) -> str:
        token = self._token.reveal()
        return text.replace(token, "********") if token else text


class _BearerAuth(httpx.Auth):
    """Adds the token to each request to the API, so it never sits in the default headers."""

    def __init__(self, token: Secret) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request):  # type: ignore[no-untyped-def]
        request.headers["authorization"] = f"Bearer {self._token.reveal()}"
        yield request

    def __repr__(self) -> str:
        return "_BearerAuth(********)"


def _retrieved(ahead: asyncio.Future[Any]) -> None:
    """A read sent ahead that fails is its taker's error; one never taken says nothing."""
    if not ahead.cancelled():
        ahead.exception()


def _describe(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


#: Every digit and dot as "0", everything else as " ": a number of 18 significant digits or
#: more (an integer past 64 bits, a Decimal wider than a double) shows as a run of 18 "0"s.
_DIGITS_AS_ZERO = bytes(48 if chr(i) in "0123456789." else 32 for i in range(256))
_EIGHTEEN = b"0" * 18
#: The most significant digits of a double's shortest form.
_DOUBLE_DIGITS = 17


def _number(text: str) -> float | Decimal:
    """A JSON number with a fraction or exponent: a Decimal if a float would round it."""
    mantissa = text.lower().partition("e")[0].lstrip("-").replace(".", "").lstrip("0")
    return Decimal(text) if len(mantissa) > _DOUBLE_DIGITS else float(text)


def loads(content: bytes) -> Any:
    """JSON as Python values, every number exactly as written: orjson, unless the text may
    hold a number too long for a 64-bit integer or a double (then the stdlib, which keeps
    them). The check is a translate and a find, under a millisecond a megabyte; a Float64 of
    17 digits sends the body to the stdlib too, which reads it as the same float."""
    if _EIGHTEEN not in content.translate(_DIGITS_AS_ZERO):
        return orjson.loads(content)
    return json.loads(content, parse_float=_number)


def decode(response: httpx.Response, endpoint: str) -> Any:
    """The JSON answer of a 2xx response, or the error its status and body describe."""
    status = response.status_code
    body: Any = None
    if response.content:
        try:
            body = loads(response.content)
        except ValueError:  # orjson's JSONDecodeError and the stdlib's are ValueErrors
            if 200 <= status < 300:
                raise errors.ResponseError(
                    "the answer is not valid JSON",
                    endpoint=endpoint,
                    status=status,
                    detail=response.text[:2000],
                ) from None
    if 200 <= status < 300:
        return body
    raise error_for(status, body, endpoint, response.headers.get("retry-after"), response.text)


def error_for(
    status: int, body: Any, endpoint: str, retry_after: str | None, text: str = ""
) -> errors.CargoError:
    message = reason = None
    if isinstance(body, dict):
        message = body.get("errorMessage") or body.get("message")
        reason = body.get("reason")
    said = message or reason or f"HTTP {status}"
    kw: dict[str, Any] = {
        "endpoint": endpoint,
        "status": status,
        "reason": reason,
        "detail": text[:4000],
    }
    if status == 401:
        return errors.AuthorizationError(f"not authorized ({said})", **kw)
    if status == 403:
        return errors.ForbiddenError(f"forbidden ({said})", **kw)
    if status == 429:
        return errors.RateLimitedError(
            f"rate limited ({said})", retry_after=_seconds(retry_after), **kw
        )
    if 400 <= status < 500:
        return errors.RequestError(
            said if not reason or reason in said else f"{said} ({reason})", **kw
        )
    return errors.ServerError(f"server error {status} ({said})", **kw)


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        # An HTTP date: wait a short while rather than parse calendars for a rare header form.
        return 1.0


def answer_as(answer: type[M], endpoint: str, data: Any) -> M:
    """Validate a decoded answer, turning a shape mismatch into a :class:`ResponseError`."""
    import pydantic  # loaded by now, with ``answer``

    try:
        return answer.model_validate(data)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(answer)"
        raise errors.ResponseError(
            f"unexpected answer: {field} {first['msg'].lower()}",
            endpoint=endpoint,
            detail=str(exc),
        ) from None
