"""How the app reaches a workspace: live with a token, or the demo sandbox it started; and
:func:`connection_from`, the workspace ``cargo-tui``'s options name (the TUI's and every
headless command's)."""

from __future__ import annotations

import asyncio
import importlib
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.api.secret import Secret
from tui.sandbox.launcher import SandboxProcess

if TYPE_CHECKING:
    import argparse

    from tui.api import CargoClient
    from tui.api.models import WhoAmI


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

    @property
    def mode(self) -> str:
        return "SANDBOX" if self.sandbox is not None else "LIVE"

    @classmethod
    def demo(cls, sandbox: SandboxProcess, *, allow_writes: bool = False) -> Connection:
        return cls(token=sandbox.token, sandbox=sandbox, allow_writes=allow_writes)

    async def client(self) -> CargoClient:
        """A client for the workspace, nothing asked yet (waits for the sandbox if any)."""
        if self.sandbox is not None and self.base_url is None:
            self.base_url = await self.sandbox.wait_ready_async()
        assert self.base_url is not None
        # The client (httpx, pydantic) loads off the event loop, after the first paint.
        api = await asyncio.to_thread(importlib.import_module, "tui.api.client")
        client: CargoClient = api.CargoClient(
            token=self.token,
            base_url=self.base_url,
            workspace_uuid=self.workspace_uuid,
            allow_writes=self.allow_writes,
            timeout=api.default_timeout(self.read_timeout),
            http_transport=self.http_transport,
        )
        return client

    async def open(self) -> tuple[CargoClient, WhoAmI]:
        """A client for the workspace and who we are there (waits for the sandbox if any)."""
        client = await self.client()
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
        return Connection.demo(start_demo(args) or SandboxProcess(), allow_writes=args.allow_writes)
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
    )
