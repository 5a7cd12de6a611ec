"""Drive a terminal program in a real pty through a VT emulator, as a person would, and time it.

The same approach as the shared ``tui_probe.py``: wait for text, type keys, count the bytes the
program writes, and read its CPU time and memory from /proc while it runs.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyte
from ptyprocess import PtyProcess

KEYS = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "pgdn": "\x1b[6~",
    "pgup": "\x1b[5~",
    "enter": "\r",
    "esc": "\x1b",
    "ctrl+j": "\n",
    "ctrl+p": "\x10",
    "ctrl+q": "\x11",
}
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Usage:
    cpu_seconds: float
    rss_bytes: int


def usage(pid: int) -> Usage:
    """CPU time (user + system) and resident memory of one process, from /proc."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    statm = Path(f"/proc/{pid}/statm").read_text().split()
    return Usage((int(stat[11]) + int(stat[12])) / TICK, int(statm[1]) * PAGE)


def descendants(pid: int) -> set[int]:
    """The processes ``pid`` started, and theirs (e.g. the sandbox child of ``--demo``)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(stat[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class Terminal:
    def __init__(
        self, argv: list[str], *, cols: int = 80, rows: int = 24, env: dict[str, str] | None = None
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        full = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        full.update(env or {})
        self.started = time.perf_counter()
        self.proc = PtyProcess.spawn(argv, dimensions=(rows, cols), env=full)
        self.bytes = 0

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def pump(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.proc.fd], [], [], min(left, 0.01))
            if not ready:
                continue
            try:
                data = os.read(self.proc.fd, 1 << 16)
            except OSError:
                return
            if not data:
                return
            self.bytes += len(data)
            self.stream.feed(data)
            if b"\x1b[6n" in data:  # a cursor position query some programs wait on
                y, x = self.screen.cursor.y + 1, self.screen.cursor.x + 1
                self.proc.write(f"\x1b[{y};{x}R".encode())

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 30.0) -> float:
        """Milliseconds from start until ``needle`` is on screen (raises on timeout)."""
        deadline = time.perf_counter() + timeout
        while needle not in self.text():
            if time.perf_counter() > deadline or not self.proc.isalive():
                raise TimeoutError(f"{needle!r} never appeared; screen:\n{self.text()}")
            self.pump(0.005)
        return self.elapsed_ms()

    def wait_until(self, done: Callable[[str], bool], what: str, timeout: float = 30.0) -> float:
        """Milliseconds from start until ``done(screen text)`` holds (raises on timeout)."""
        deadline = time.perf_counter() + timeout
        while not done(self.text()):
            if time.perf_counter() > deadline or not self.proc.isalive():
                raise TimeoutError(f"never {what}; screen:\n{self.text()}")
            self.pump(0.005)
        return self.elapsed_ms()

    def wait_exit(self, timeout: float = 10.0) -> float:
        """Milliseconds from start until the program has exited (raises on timeout)."""
        deadline = time.perf_counter() + timeout
        while self.proc.isalive():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"still running {timeout:g} s later; screen:\n{self.text()}")
            self.pump(0.002)
        return self.elapsed_ms()

    def type(self, text: str, timeout: float = 10.0) -> None:
        """Type ``text`` (its keys in one write), then wait until it shows (echoed)."""
        self.press(text)
        self.wait_for(text, timeout)

    def settle(self, quiet: float = 0.15, timeout: float = 10.0) -> float:
        """Wait until the program has written nothing for ``quiet`` seconds; ms from start."""
        deadline = time.perf_counter() + timeout
        last = self.bytes
        still_since = time.perf_counter()
        while time.perf_counter() < deadline:
            self.pump(0.01)
            if self.bytes != last:
                last, still_since = self.bytes, time.perf_counter()
            elif time.perf_counter() - still_since >= quiet:
                return (still_since - self.started) * 1000
        return self.elapsed_ms()

    def press(self, key: str) -> None:
        self.proc.write(KEYS.get(key, key).encode())

    def close(self) -> None:
        """Stop the program if it still runs, and whatever it started that outlived it."""
        children = descendants(self.proc.pid) if self.proc.isalive() else set()
        if self.proc.isalive():
            self.proc.terminate(force=True)
        self.proc.delayafterclose = 0
        with contextlib.suppress(Exception):
            self.proc.close(force=True)
        reap(children)


def reap(pids: set[int], grace: float = 3.0) -> None:
    """Stop the processes of ``pids`` (started by a program run here) still alive after
    ``grace`` seconds: what a killed program could not stop itself."""
    deadline = time.perf_counter() + grace
    while any(alive(pid) for pid in pids) and time.perf_counter() < deadline:
        time.sleep(0.05)
    for pid in pids:
        if alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
