"""In a real terminal: ``/``, a play's name, enter and enter in one read (a paste, a burst over
SSH) filter, submit the filter, then open the play: the second enter was lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, cargo_tui
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow


def test_slash_a_name_enter_enter_in_one_read_opens_the_play(
    sandbox: ThreadedSandbox, user_dirs: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=100, rows=30, env=env | {"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        term.pump(0.5)
        term.proc.write(b"/Route inbound leads\r\r")
        assert term.wait_for("Plays › Route inbound leads", timeout=20), term.text()
        assert term.proc.isalive()
    finally:
        term.close()
