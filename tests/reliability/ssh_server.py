"""A real SSH server on loopback whose sessions run cargo-tui in a pseudo-terminal."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import struct
import termios
import threading
from collections.abc import Sequence
from typing import Any

import asyncssh

USER, PASSWORD = "oncall", "pager-duty"


class _Server(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return username == USER and password == PASSWORD


class SSHServer:
    """``with SSHServer(argv, env) as server: server.port``; each session runs ``argv``."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.argv = list(argv)
        self.env = env
        self.port = 0
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._server: Any = None
        self.children: list[int] = []

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._start())
        self._ready.set()
        self.loop.run_forever()

    async def _start(self) -> None:
        key = asyncssh.generate_private_key("ssh-ed25519")
        self._server = await asyncssh.create_server(
            _Server,
            "127.0.0.1",
            0,
            server_host_keys=[key],
            process_factory=self._session,
            encoding=None,
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _session(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        try:
            await self._run_child(process)
        except Exception as exc:  # a broken session must say why, not just hang up
            import traceback

            traceback.print_exc()
            process.exit_with_signal("ABRT", False, repr(exc))

    async def _run_child(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        cols, rows, _, _ = process.get_terminal_size()
        env = dict(
            self.env,
            TERM=process.get_terminal_type() or "xterm",
            LINES=str(rows),
            COLUMNS=str(cols),
        )
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        child = await asyncio.create_subprocess_exec(
            *self.argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.children.append(child.pid)
        loop = asyncio.get_running_loop()
        out: asyncio.Queue[bytes] = asyncio.Queue()
        loop.add_reader(master, lambda: out.put_nowait(_read(master)))

        async def to_client() -> None:
            while data := await out.get():
                process.stdout.write(data)

        async def to_child() -> None:
            while data := await process.stdin.read(1024):
                os.write(master, data)

        pumps = [asyncio.create_task(to_client()), asyncio.create_task(to_child())]
        await child.wait()
        loop.remove_reader(master)
        for pump in pumps:
            pump.cancel()
        os.close(master)
        process.exit(child.returncode or 0)

    def __enter__(self) -> SSHServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            self._server.close()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(5)
        for pid in self.children:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, 15)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""
