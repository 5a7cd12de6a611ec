"""The session: one workspace as the app holds it (the connection, its one client, who we are
there, what Discovery found, the settings) and :meth:`Session.connect`. No Textual: screens and
widgets get the session through :class:`SessionHost` (the app is one), never by casting the app.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from tui.api.defaults import USER_PATH, WORKSPACE_PATH

if TYPE_CHECKING:
    from tui.api import CargoClient
    from tui.api.models import WhoAmI
    from tui.connection import Connection
    from tui.session.discovery import Discovery
    from tui.state.settings import Settings

__all__ = ["HeaderChanged", "Session", "SessionHost", "session_of"]

T = TypeVar("T")


class HeaderChanged:
    """Who to tell when the workspace's name or the mode badges change (the screens' headers)."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` on each change (once, however often it subscribes), until the
        function returned is called."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def publish(self) -> None:
        for listener in list(self._listeners):
            listener()


class Session:
    """The workspace the app is in: everything screens share, and the way to reach Cargo."""

    def __init__(self, connection: Connection | None = None) -> None:
        self.connection = connection
        self.client: CargoClient | None = None
        self.whoami: WhoAmI | None = None
        #: The last discovery of the workspace, for the palette and the drill-down screens.
        self.discovered: Discovery | None = None
        #: settings.toml, once read (just after the first paint).
        self.settings: Settings | None = None
        #: The workspace's name as the discovery cache remembers it, until whoami answers.
        self.cached_workspace_name: str | None = None
        #: Fired when the workspace or the mode badges change; screens refresh their header.
        self.header_changed = HeaderChanged()
        self._connecting: asyncio.Lock | None = None
        from tui.api.request_log import RequestLog

        #: Every request the app made, in order, across workspaces (the API log screen's).
        self.request_log = RequestLog()

    @property
    def workspace_name(self) -> str:
        if self.whoami is not None:
            return self.whoami.workspace.name
        if self.cached_workspace_name:
            return self.cached_workspace_name
        return "connecting…" if self.connection else ""

    @property
    def workspace_uuid(self) -> str | None:
        return self.whoami.workspace.uuid if self.whoami is not None else None

    @property
    def badges(self) -> tuple[str, ...]:
        if self.connection is None:
            return ()
        writes = "WRITES ON" if self.connection.allow_writes else "READ-ONLY"
        return (self.connection.mode, writes)

    @property
    def allows_writes(self) -> bool:
        """True once connected with a client that may write (started with --allow-writes)."""
        return self.client is not None and self.client.allow_writes

    async def connect(self) -> CargoClient:
        """The one client, opened on first use (waiting for the sandbox in demo mode)."""
        return (await self._open(None))[0]

    async def connect_with(
        self, first: Callable[[CargoClient], Awaitable[T]], read_ahead: Sequence[str] = ()
    ) -> T:
        """``first(client)``; on first use, asked beside the whoami that opens the client (one
        round trip, not two). The client opens as :meth:`connect` opens it: when whoami fails
        (a bad token...), its error is what is raised, and what ``first`` got is dropped.
        ``read_ahead``: the GETs (no parameters) ``first`` sends, sent on first use while the
        client's models load (``Connection.client``)."""
        client, asked = await self._open(first, read_ahead)
        return await asked if asked is not None else await first(client)

    async def _open(
        self, first: Callable[[CargoClient], Awaitable[T]] | None, read_ahead: Sequence[str] = ()
    ) -> tuple[CargoClient, asyncio.Future[T] | None]:
        if self._connecting is None:
            self._connecting = asyncio.Lock()
        async with self._connecting:
            if self.client is not None:
                return self.client, None
            if self.connection is None:
                raise RuntimeError("not signed in")
            self.connection.request_log = self.request_log
            if first is None:
                self.client, self.whoami = await self.connection.open()
                self.header_changed.publish()
                return self.client, None
            client = await self.connection.client((USER_PATH, WORKSPACE_PATH, *read_ahead))
            asked = asyncio.ensure_future(first(client))
            try:
                whoami = await client.whoami()
            except BaseException:
                asked.cancel()
                # Its outcome is whoami's failure's business now: retrieved, never logged.
                asked.add_done_callback(lambda done: done.cancelled() or done.exception())
                await client.aclose()
                raise
            self.client, self.whoami = client, whoami
            self.header_changed.publish()
            return client, asked

    async def disconnect(self, *, wait: bool = True) -> None:
        """Close the client and stop the sandbox, if any; ``wait=False`` (quitting) only asks
        the sandbox to stop: the app's last step reaps it (``cli.run_tui``)."""
        if self.connection is not None:
            self.connection.ask_to_stop()  # the sandbox leaves while the client closes
        if self.client is not None:
            await self.client.aclose()
            self.client = None
            self.whoami = None
        if self.connection is not None and wait:
            self.connection.close()

    async def switch(self, connection: Connection) -> None:
        """Leave this workspace for ``connection``'s (after sign-in)."""
        await self.disconnect()
        self.discovered = None
        self.cached_workspace_name = None
        self.connection = connection
        self.header_changed.publish()


@runtime_checkable
class SessionHost(Protocol):
    """What holds the session: the app (tests may give a screen any host of their own)."""

    session: Session


def session_of(host: object) -> Session:
    """The session of ``host`` (a Textual app): the way screens and widgets reach it."""
    if not isinstance(host, SessionHost):
        raise TypeError(f"{type(host).__name__} holds no cargo-tui session")
    return host.session
