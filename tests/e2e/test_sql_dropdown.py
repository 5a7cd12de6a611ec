"""In a real terminal: the completion dropdown shows each candidate on one line, however the
dropdown before it was sized (it kept a scrollbar a moment, which narrowed its lines, wrapped
one, and so needed the scrollbar for good: ``DateTime64? ·`` and ``spans`` a line below)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, cargo_tui
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow

LONG_LINE = "SELECT uuid, status, created_at, updated_at, finished_at, credits_used_count, stat"


def test_each_candidate_stays_on_one_line(sandbox: ThreadedSandbox, user_dirs: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=80, rows=24, env=env | {"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        term.send("s")
        assert term.wait_for(" query 1"), term.text()  # the buffers loaded
        term.send(LONG_LINE)  # in one write, as tmux sends keys
        assert term.wait_for("c status"), term.text()  # a dropdown at the screen's edge
        term.send("\x1b")
        assert term.wait_until(lambda text: "c status" not in text), term.text()
        term.send("\r" * 7 + "SELECT exec")
        assert term.wait_for("execution_finished_at"), term.text()
        term.pump(0.5)
        rows = [row for row in term.text().splitlines() if "execution_finished_at" in row]
        assert rows and "spans" in rows[0], term.text()
    finally:
        term.close()
