"""In a real terminal: ``s`` and typing at once, before the SQL buffers have loaded, loses no
key (they were lost: sent to the screen while the editor opened)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, cargo_tui
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow


def test_keys_typed_right_after_s_reach_the_editor(
    sandbox: ThreadedSandbox, user_dirs: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=120, rows=40, env=env | {"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        term.send("s")
        term.send("SELECT count() AS n FROM batches")
        assert term.wait_for("SELECT count() AS n FROM batches", timeout=10), term.text()
    finally:
        term.close()
