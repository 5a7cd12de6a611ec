"""cargo-tui inside a real SSH session on loopback, as on call: discovery -> runs -> run detail,
and copying over OSC 52, at 80x24 with xterm-256color and with screen-256color."""

from __future__ import annotations

import asyncio
import base64
import re
import sys
from pathlib import Path

import asyncssh
import pyte
import pytest

from tests.reliability.ssh_server import PASSWORD, USER, SSHServer
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow


class Screen:
    def __init__(self) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    def feed(self, data: bytes) -> None:
        self.raw += data
        self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)


async def _until(process: asyncssh.SSHClientProcess[bytes], screen: Screen, needle: str) -> None:
    async def read() -> None:
        while needle not in screen.text():
            data = await process.stdout.read(65536)
            if not data:
                raise AssertionError(f"the session ended before {needle!r}:\n{screen.text()}")
            screen.feed(data)

    try:
        await asyncio.wait_for(read(), 30)
    except TimeoutError:
        raise AssertionError(f"{needle!r} never showed:\n{screen.text()}") from None


async def _settle(
    process: asyncssh.SSHClientProcess[bytes], screen: Screen, quiet: float = 0.4
) -> None:
    while True:
        try:
            data = await asyncio.wait_for(process.stdout.read(65536), quiet)
        except TimeoutError:
            return
        screen.feed(data)


@pytest.mark.parametrize("term", ["xterm-256color", "screen-256color"])
async def test_the_on_call_path_over_ssh(
    sandbox: ThreadedSandbox, user_dirs: Path, term: str
) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(user_dirs),
        "CARGO_API_TOKEN": sandbox.token,
        "CARGO_API_BASE_URL": sandbox.base_url,
        "CARGO_TUI_CONFIG_DIR": str(user_dirs / "config"),
        "CARGO_TUI_DATA_DIR": str(user_dirs / "data"),
        "CARGO_TUI_CACHE_DIR": str(user_dirs / "cache"),
    }
    cli = str(Path(sys.executable).with_name("cargo-tui"))
    with SSHServer([cli], env) as server:
        async with asyncssh.connect(
            "127.0.0.1", server.port, username=USER, password=PASSWORD, known_hosts=None
        ) as conn:
            process = await conn.create_process(term_type=term, term_size=(80, 24), encoding=None)
            screen = Screen()
            await _until(process, screen, "Enrich new companies")
            await _settle(process, screen)
            assert "Acme GTM" in screen.text()
            process.stdin.write(b"/")
            await _settle(process, screen, 0.2)
            process.stdin.write(b"Enrich new companies\r")
            await _settle(process, screen, 0.2)
            process.stdin.write(b"\r")
            await _until(process, screen, "Plays › Enrich new companies")
            await _until(process, screen, "unhealthy")
            await _settle(process, screen)
            process.stdin.write(b"\x1b[B")  # down: the batch that succeeded with failures
            await _until(process, screen, "This batch reports success")
            await _settle(process, screen)
            process.stdin.write(b"\r")
            await _until(process, screen, "Failed 85")
            await _until(process, screen, "showing 1-")
            await _until(process, screen, " of 85 ")
            await _settle(process, screen)
            process.stdin.write(b"\r")
            await _until(process, screen, "clearbit_enrich · output")
            await _settle(process, screen)
            assert "status: 422" in screen.text()
            screen.raw.clear()
            process.stdin.write(b"y")
            await _settle(process, screen)
            copied = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", bytes(screen.raw))
            assert copied, "copying over SSH writes an OSC 52 sequence"
            assert re.fullmatch(r"[0-9a-f-]{36}", base64.b64decode(copied.group(1)).decode())
            process.stdin.write(b"\x11")  # ctrl+q
            await asyncio.wait_for(process.wait_closed(), 15)
