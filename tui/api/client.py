"""``CargoClient``: the async client every screen and command goes through."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import TracebackType

import httpx

from tui.api.defaults import DEFAULT_BASE_URL, USER_PATH, WORKSPACE_PATH
from tui.api.downloads import Downloaded, Downloader, Progress
from tui.api.models.answers import GetCurrentUser, GetCurrentWorkspace
from tui.api.models.identity import WhoAmI
from tui.api.request_log import RequestLog
from tui.api.resources.billing import Billing
from tui.api.resources.catalog import Ai, Connection, Segmentation, Storage
from tui.api.resources.orchestration import Orchestration
from tui.api.secret import Secret
from tui.api.transport import MAX_CONCURRENCY, RetryPolicy, Transport, default_timeout


class CargoClient:
    """One long-lived connection to the Cargo API.

    ``async with CargoClient(token=..., base_url=...) as client:`` then
    ``await client.orchestration.play.list()``. Writes are refused unless ``allow_writes``.
    """

    def __init__(
        self,
        *,
        token: str | Secret,
        base_url: str = DEFAULT_BASE_URL,
        workspace_uuid: str | None = None,
        allow_writes: bool = False,
        timeout: httpx.Timeout | float | None = None,
        max_concurrency: int = MAX_CONCURRENCY,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 - frozen dataclass
        http_transport: httpx.AsyncBaseTransport | None = None,
        request_log: RequestLog | None = None,
        transport: Transport | None = None,
    ) -> None:
        # ``transport``: one made with these same arguments already, its first reads sent
        # (``Transport.read_ahead``) while this module's models loaded.
        self._transport = transport or Transport(
            token=token if isinstance(token, Secret) else Secret(token),
            base_url=base_url,
            workspace_uuid=workspace_uuid,
            timeout=timeout,
            max_concurrency=max_concurrency,
            retry=retry,
            http_transport=http_transport,
            allow_writes=allow_writes,
            request_log=request_log,
        )
        self._downloader = Downloader(
            retry=retry,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else default_timeout(),
            http_transport=http_transport,
        )
        self.orchestration = Orchestration(self._transport)
        self.ai = Ai(self._transport)
        self.connection = Connection(self._transport)
        self.storage = Storage(self._transport)
        self.segmentation = Segmentation(self._transport)
        self.billing = Billing(self._transport)

    @property
    def allow_writes(self) -> bool:
        return self._transport.allow_writes

    @property
    def request_log(self) -> RequestLog:
        """Every request this client sent, in order (``tui.api.request_log``)."""
        return self._transport.log

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    async def __aenter__(self) -> CargoClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()
        await self._downloader.aclose()

    def __repr__(self) -> str:
        return f"CargoClient(base_url={self.base_url!r}, allow_writes={self.allow_writes})"

    async def whoami(self) -> WhoAmI:
        """The signed-in user and the current workspace, asked concurrently."""
        user, workspace = await asyncio.gather(
            self._transport.get(USER_PATH, GetCurrentUser),
            self._transport.get(WORKSPACE_PATH, GetCurrentWorkspace),
        )
        return WhoAmI(user=user.user, workspace=workspace.workspace)

    async def download_to(
        self, url: str, dest: Path, *, progress: Progress | None = None, overwrite: bool = False
    ) -> Downloaded:
        """Fetch a signed download URL into ``dest``, atomically (no auth header is sent)."""
        return await self._downloader.fetch(url, dest, progress=progress, overwrite=overwrite)
