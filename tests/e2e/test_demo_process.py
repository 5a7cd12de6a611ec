"""`cargo-tui --demo` in a real terminal: the plays show, and no sandbox outlives the app."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, alive, cargo_tui, children, wait_gone

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(user_dirs: Path) -> Iterator[Terminal]:
    term = Terminal([cargo_tui(), "--demo"], env={"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        yield term
    finally:
        term.close()


def _sandbox_pid(term: Terminal) -> int:
    kids = children(term.proc.pid)
    assert len(kids) == 1, f"expected one sandbox child, found {kids}"
    return kids[0]


@pytest.mark.parametrize("key", ["q", "\x11"], ids=["q", "ctrl+q"])
def test_quitting_leaves_no_sandbox(demo: Terminal, key: str) -> None:
    sandbox = _sandbox_pid(demo)
    assert "SANDBOX" in demo.text() and "Acme GTM" in demo.text()
    demo.send(key)
    assert demo.wait_exit(), "the app did not quit"
    assert wait_gone(sandbox), "the sandbox outlived the app"


def test_a_killed_app_takes_its_sandbox_with_it(demo: Terminal) -> None:
    sandbox = _sandbox_pid(demo)
    os.kill(demo.proc.pid, signal.SIGKILL)
    assert wait_gone(sandbox), "the sandbox outlived a killed app"


def test_the_token_is_not_on_the_sandbox_command_line(demo: Terminal) -> None:
    sandbox = _sandbox_pid(demo)
    assert alive(sandbox)
    cmdline = Path(f"/proc/{sandbox}/cmdline").read_bytes().decode().split("\0")
    assert "--token" not in cmdline
    assert not any(arg.startswith("sbx_") for arg in cmdline)


def test_y_copies_over_osc_52(demo: Terminal) -> None:
    import base64
    import re

    demo.raw.clear()
    demo.send("y")
    demo.pump(1.0)
    found = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", bytes(demo.raw))
    assert found, "no OSC 52 sequence was written to the terminal"
    copied = base64.b64decode(found.group(1)).decode()
    assert re.fullmatch(r"[0-9a-f-]{36}", copied), copied
