"""Quitting `cargo-tui --demo` with work in flight, or having the app killed: the terminal is
restored, nothing is said but the shell's prompt, and the sandbox and its scratch folder go."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, cargo_tui, children, wait_gone

pytestmark = pytest.mark.slow

#: Six rows of half a second each: still running when the app is told to quit.
SLOW_QUERY = (
    "SELECT sleepEachRow(0.5) AS s FROM runs WHERE created_at > now() - INTERVAL 30 DAY LIMIT 6"
)


@pytest.fixture
def demo(user_dirs: Path) -> Iterator[Terminal]:
    term = Terminal([cargo_tui(), "--demo"], cols=160, rows=40, env={"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        yield term
    finally:
        term.close()


def _sandbox(term: Terminal) -> tuple[int, Path]:
    """The sandbox child's pid and its scratch folder."""
    (pid,) = children(term.proc.pid)
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    (scratch,) = [v.split(b"=", 1)[1] for v in environ if v.startswith(b"CARGO_SANDBOX_SCRATCH=")]
    return pid, Path(scratch.decode())


def test_quitting_while_a_query_runs_leaves_nothing_behind(demo: Terminal) -> None:
    sandbox, scratch = _sandbox(demo)
    assert scratch.is_dir()
    demo.send("s")
    assert demo.wait_for("Results show here"), demo.text()
    demo.send(SLOW_QUERY)
    assert demo.wait_for("LIMIT 6"), demo.text()
    demo.send("\n")  # ctrl+j: run it
    assert demo.wait_for("Running query"), demo.text()
    demo.send("\x11")  # ctrl+q
    assert demo.wait_exit(), "the app did not quit"
    assert demo.proc.exitstatus == 0
    said = bytes(demo.raw).decode(errors="replace")
    assert "Traceback" not in said and "Error" not in said.rsplit("\x1b[?1049l", 1)[-1]
    # The terminal is back as it was: off the alternate screen, cursor shown, no mouse.
    last = said.rsplit("\x1b[?1049h", 1)[-1]
    assert "\x1b[?1049l" in last and "\x1b[?25h" in last
    assert wait_gone(sandbox), "the sandbox outlived the app"
    # Removed before the process that owned it ended (the app reaps its child and removes
    # it; a child whose app was killed removes it and then exits).
    assert not scratch.exists(), "the sandbox's scratch folder was left behind"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signalled_app_takes_its_sandbox_and_its_folder_with_it(
    demo: Terminal, sig: signal.Signals
) -> None:
    sandbox, scratch = _sandbox(demo)
    os.kill(demo.proc.pid, sig)
    assert demo.wait_exit(), "the app outlived the signal"
    assert wait_gone(sandbox), "the sandbox outlived the app"
    # Removed before the process that owned it ended (the app reaps its child and removes
    # it; a child whose app was killed removes it and then exits).
    assert not scratch.exists(), "the sandbox's scratch folder was left behind"
