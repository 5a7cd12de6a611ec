"""Run the sandbox in a background thread of this process: for tests and benchmarks.

It still serves real HTTP on a loopback port, exactly as the child process of ``--demo`` does.
Several may run in one process: they share its chDB session, each in its own databases.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime
from types import TracebackType

from tui.sandbox.faults import Faults
from tui.sandbox.server import bind_loopback


class ThreadedSandbox:
    """``with ThreadedSandbox(seed=7, now=...) as sandbox: sandbox.base_url, sandbox.tokens``.

    ``sandbox.faults.set(kind="status", status=503, count=2)`` injects faults;
    ``sandbox.admin_token`` opens ``/_sandbox/faults`` over HTTP.
    """

    def __init__(
        self,
        *,
        seed: int = 7,
        scale: str = "small",
        now: datetime | None = None,
        tokens: tuple[str, str] = ("sbx-test-acme", "sbx-test-globex"),
        admin_token: str = "sbx-test-admin",  # noqa: S107 - a test fixture's token
        caps: dict[str, int] | None = None,
        frozen: bool = False,
    ) -> None:
        import uvicorn

        from tui.sandbox.app import create_asgi
        from tui.sandbox.world import build_world

        self.tokens = tokens
        self.admin_token = admin_token
        self.world = build_world(
            seed=seed,
            tokens=list(tokens),
            now=now,
            scale=scale,
            admin_token=admin_token,
            caps=caps,
            frozen=frozen,
        )
        self.app = create_asgi(self.world)
        self._socket = bind_loopback(0)
        self.root_url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self.base_url = f"{self.root_url}/v1"
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name="sandbox", daemon=True)

    @property
    def token(self) -> str:
        """The demo workspace's token."""
        return self.tokens[0]

    @property
    def faults(self) -> Faults:
        return self.world.faults

    def _run(self) -> None:
        asyncio.run(self.server.serve(sockets=[self._socket]))

    def start(self, timeout: float = 30.0) -> ThreadedSandbox:
        self.world.build_history()
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the sandbox did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(10)
        self._socket.close()
        self.world.close()

    def __enter__(self) -> ThreadedSandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
