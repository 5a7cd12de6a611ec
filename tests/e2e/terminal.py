"""A program in a real pseudo-terminal, read through a VT emulator, as a person sees it."""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyte
from ptyprocess import PtyProcess


class Terminal:
    def __init__(
        self, argv: list[str], *, cols: int = 80, rows: int = 24, env: dict[str, str] | None = None
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        full_env = dict(os.environ, TERM="xterm-256color")
        full_env.update(env or {})
        # last: a COLUMNS or LINES inherited through ``env`` would size the app wrongly
        full_env.update(COLUMNS=str(cols), LINES=str(rows))
        self.proc = PtyProcess.spawn(argv, dimensions=(rows, cols), env=full_env)
        self.raw = bytearray()

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.proc.fd], [], [], min(left, 0.02))
            if not ready:
                continue
            try:
                data = os.read(self.proc.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.raw += data
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, needle: str, timeout: float = 30.0) -> bool:
        return self.wait_until(lambda text: needle in text, timeout)

    def wait_until(self, shows: Callable[[str], bool], timeout: float = 30.0) -> bool:
        """Until the screen's text ``shows`` a state (False: it never came, or the app died)."""
        deadline = time.monotonic() + timeout
        while not shows(self.text()) and time.monotonic() < deadline and self.proc.isalive():
            self.pump(0.05)
        return shows(self.text())

    def send(self, keys: str) -> None:
        self.proc.write(keys.encode())
        self.pump(0.05)

    def wait_exit(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while self.proc.isalive() and time.monotonic() < deadline:
            self.pump(0.05)
        return not self.proc.isalive()

    def close(self) -> None:
        if self.proc.isalive():
            self.proc.terminate(force=True)


def cargo_tui() -> str:
    return str(Path(sys.executable).with_name("cargo-tui"))


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text().split()
        found.extend(int(child) for child in text)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)
