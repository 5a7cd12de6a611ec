"""A headless command with ``--demo`` starts the sandbox as soon as the TUI does (right after
the command line is read, which loads little), and leaves neither it nor its folder behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).with_name("cargo-tui"))


def test_reading_a_command_line_loads_no_asyncio() -> None:
    """The sandbox starts once the command line is read: reading it stays cheap (no asyncio,
    no client, no SQL parser), for the TUI and every headless command alike."""
    probe = (
        "import sys, tui.cli; tui.cli.parser(); "
        "print(sorted({'asyncio', 'httpx', 'sqlglot', 'textual'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


@pytest.mark.slow
def test_query_demo_leaves_no_sandbox_and_no_folder(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"CARGO_TUI_{name}_DIR"] = str(tmp_path / name.lower())
    done = subprocess.run(
        [CLI, "query", "--demo", "SELECT 1 AS one", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"one": 1}]
    # The command reaps its sandbox and removes its folder before it ends.
    assert list(tmp_path.glob("cargo-sandbox-*")) == []
