"""How the app reaches a workspace: live with a token, or the demo sandbox it started; and
:func:`connection_from`, the workspace ``cargo-tui``'s options name (the TUI's and every
headless command's)."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.api.defaults import USER_PATH, WORKSPACE_PATH
from tui.api.secret import Secret
from tui.sandbox.launcher import SandboxProcess

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from tui.api import CargoClient
    from tui.api.models import WhoAmI
    from tui.api.transport import Transport


def _new_transport(connection: Connection, base_url: str) -> Transport:
    """The client's connection to ``base_url``, made in a worker thread: httpx loads there,
    the TLS context it needs (for https) in a thread of its own beside it, and what its first
    request would load on the event loop (httpcore, anyio's backend) loads here too. pydantic
    and the models are not needed yet (:func:`_new_client`)."""
    from tui.api import tls

    tls.prepare(base_url)
    from tui.api.transport import Transport, default_timeout

    with contextlib.suppress(ImportError):  # what the first request loads, if it is there
        importlib.import_module("anyio._backends._asyncio")
    return Transport(
        token=connection.token,
        base_url=base_url,
        workspace_uuid=connection.workspace_uuid,
        allow_writes=connection.allow_writes,
        timeout=default_timeout(connection.read_timeout),
        http_transport=connection.http_transport,
        request_log=connection.request_log,
    )


def _new_client(connection: Connection, transport: Transport) -> CargoClient:
    """The client around ``transport``, made in a worker thread: its models load there."""
    from tui.api.client import CargoClient

    return CargoClient(
        token=connection.token,
        base_url=transport.base_url,
        workspace_uuid=connection.workspace_uuid,
        allow_writes=connection.allow_writes,
        timeout=transport.http.timeout,
        http_transport=connection.http_transport,
        request_log=transport.log,
        transport=transport,
    )


@dataclass
class Connection:
    """Everything needed to open a client; ``sandbox`` is set in demo mode."""

    token: Secret
    base_url: str | None = None
    workspace_uuid: str | None = None
    allow_writes: bool = False
    sandbox: SandboxProcess | None = None
    #: Seconds to wait for an answer before giving up (None: the client's default, 60 s).
    read_timeout: float | None = None
    #: An httpx transport to send through instead of the network (tests answer with the
    #: vendor's documents this way).
    http_transport: Any = None
    #: Where the client logs its requests (``tui.api.request_log.RequestLog``; None: its own).
    request_log: Any = None

    @property
    def mode(self) -> str:
        return "SANDBOX" if self.sandbox is not None else "LIVE"

    @classmethod
    def demo(cls, sandbox: SandboxProcess, *, allow_writes: bool = False) -> Connection:
        return cls(token=sandbox.token, sandbox=sandbox, allow_writes=allow_writes)

    async def client(self, read_ahead: Sequence[str] = ()) -> CargoClient:
        """A client for the workspace (waits for the sandbox if any). ``read_ahead``: GETs
        to send as soon as the connection is made, while the models load (a second thread
        would only share the one interpreter lock: the network's time is what is won)."""
        if self.sandbox is not None and self.base_url is None:
            # The client's modules, models and all, load while the sandbox starts (it takes
            # longer than they do: nothing is won by sending before them).
            loading = asyncio.ensure_future(
                asyncio.to_thread(importlib.import_module, "tui.api.client")
            )
            self.base_url = await self.sandbox.wait_ready_async()
            await loading
        assert self.base_url is not None
        transport = await asyncio.to_thread(_new_transport, self, self.base_url)
        transport.read_ahead(read_ahead)
        try:
            return await asyncio.to_thread(_new_client, self, transport)
        except BaseException:
            await transport.aclose()
            raise

    async def open(self) -> tuple[CargoClient, WhoAmI]:
        """A client for the workspace and who we are there (waits for the sandbox if any)."""
        client = await self.client((USER_PATH, WORKSPACE_PATH))
        try:
            whoami = await client.whoami()
        except BaseException:
            await client.aclose()
            raise
        return client, whoami

    def ask_to_stop(self) -> None:
        """Tell the sandbox to stop, if any, without waiting (:meth:`close` waits)."""
        if self.sandbox is not None:
            self.sandbox.ask_to_stop()

    def close(self) -> None:
        """Stop the sandbox, if any, and wait until it is gone (a few milliseconds)."""
        if self.sandbox is not None:
            self.sandbox.stop()


def start_demo(args: argparse.Namespace) -> SandboxProcess | None:
    """With --demo, start the sandbox now, before the command loads what it needs: it boots
    meanwhile, as the TUI's does while the app imports. :func:`connection_from` takes it."""
    if not getattr(args, "demo", False):
        return None
    if getattr(args, "sandbox", None) is None:
        args.sandbox = SandboxProcess()
    sandbox: SandboxProcess = args.sandbox
    return sandbox


def connection_from(args: argparse.Namespace) -> Connection | None:
    """The workspace the options name (--demo, --token, env, credentials file), or None.

    A credentials file that cannot be read, and each warning about one, is said on stderr.
    """
    if args.demo:
        # Start the sandbox first: it boots while the rest imports (and the TUI paints).
        demo = Connection.demo(start_demo(args) or SandboxProcess(), allow_writes=args.allow_writes)
        demo.request_log = getattr(args, "request_log", None)
        return demo
    from tui.state import credentials

    try:
        found = credentials.resolve(args.token, args.base_url, args.workspace)
    except credentials.CredentialsError as exc:
        print(f"cargo-tui: {exc}", file=sys.stderr)
        found = None
    if found is None:
        return None
    for warning in found.warnings:
        print(f"cargo-tui: warning: {warning}", file=sys.stderr)
    return Connection(
        token=found.token,
        base_url=found.base_url,
        workspace_uuid=found.workspace_uuid,
        allow_writes=args.allow_writes,
        request_log=getattr(args, "request_log", None),
    )
