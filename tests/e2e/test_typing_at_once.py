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


def test_a_name_typed_right_behind_slash_reaches_the_filter(
    sandbox: ThreadedSandbox, user_dirs: Path
) -> None:
    """``/`` and a name in one read, as a paste or a packet over SSH brings them: the name
    went to the tree behind the filter (and its letters to Discovery's bindings)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=100, rows=30, env=env | {"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        term.pump(0.5)
        term.proc.write(b"/Route inb")
        assert term.wait_for("Plays (1)", timeout=10), term.text()
        assert "Route inb" in term.text()
        assert "SQL editor" not in term.text(), "no letter ran a binding"
    finally:
        term.close()


def test_slash_a_name_and_enter_in_one_read_filter_and_leave_the_tree_focused(
    sandbox: ThreadedSandbox, user_dirs: Path
) -> None:
    """``/``, a name and enter in one read: the enter reached the filter as a key it never
    saw, and the app crashed (``Input.insert``). It is the filter's enter now: the tree takes
    the focus, and the next enter opens the play."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=100, rows=30, env=env | {"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        term.pump(0.5)
        term.proc.write(b"/Route inbound leads\r")
        assert term.wait_for("Plays (1)", timeout=10), term.text()
        assert term.wait_for("enter batches", timeout=10), term.text()
        assert term.proc.isalive()
        term.pump(0.5)
        term.send("\r")
        assert term.wait_for("Plays › Route inbound leads", timeout=20), term.text()
    finally:
        term.close()


@pytest.mark.parametrize("through_palette", [False, True], ids=["discovery", "palette"])
def test_escape_then_s_in_one_read_opens_the_editor_and_loses_nothing(
    sandbox: ThreadedSandbox, user_dirs: Path, through_palette: bool
) -> None:
    """tmux sends escape and a key typed right behind it in one write (``ESC s``), which the
    terminal parser reads as alt+s: the ``s`` was lost, and the query typed next ran bindings
    (``S`` opened Segments, the ``s`` of ``spans`` the editor, which got ``pans``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    argv = [cargo_tui(), "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=100, rows=30, env=env | {"HOME": str(user_dirs)})
    try:
        assert term.wait_for("Enrich new companies"), term.text()
        if through_palette:
            term.send(":")
            assert term.wait_for("Search for commands"), term.text()
        term.proc.write(b"\x1bs")
        assert term.wait_for("SQL editor", timeout=10), term.text()
        assert "Search for commands" not in term.text(), "escape closed the palette"
        assert term.wait_for("ctrl+j runs the query"), term.text()
        term.send("SELECT * FROM spans")
        assert term.wait_for("1  SELECT * FROM spans", timeout=10), term.text()
        assert "Segments" not in term.text()
    finally:
        term.close()
