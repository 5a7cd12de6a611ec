"""In a real terminal: ``/`` and text in one read (a paste, a packet over SSH) in run detail:
every key reaches the search field in order, and none runs run detail's bindings (``f``
failed only, ``n`` next match, ``c`` config, ``q`` quit)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, cargo_tui
from tui.sandbox.threaded import ThreadedSandbox

pytestmark = pytest.mark.slow

TYPED = "fence qNy"


def test_text_typed_right_behind_slash_reaches_the_search_field(
    sandbox: ThreadedSandbox, user_dirs: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=100, rows=30, env=env | {"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        for keys, shows in (("\r", "Batches"), ("\r", "showing 1-"), ("\r", "· output")):
            term.send(keys)
            assert term.wait_for(shows), term.text()
        term.proc.write(f"/{TYPED}".encode())
        assert term.wait_for(f"No match for {TYPED!r}", timeout=10), term.text()
        text = term.text()
        assert f"\n {TYPED}" in text, "the field holds the keys in the order typed"
        assert "failed only" not in text and "computed config" not in text, "no binding ran"
        assert "· output" in text, "still run detail, with no dialog over it"
        assert term.proc.isalive()
    finally:
        term.close()
