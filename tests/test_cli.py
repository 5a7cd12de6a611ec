"""The command line: help, version, and the sandbox server as a person starts it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tui import __version__
from tui.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"cargo-tui {__version__}"


def test_help_explains_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in ("--demo", "--token", "--base-url", "--workspace", "--allow-writes", "sandbox"):
        assert option in out


def test_sandbox_serve_prints_its_url_and_token_and_serves(tmp_path: Path) -> None:
    """... and, stopped as a service manager or ``kill`` stops it (SIGTERM), leaves no
    temporary files behind (its chDB folder is removed)."""
    cli = str(Path(sys.executable).with_name("cargo-tui"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen(
        [cli, "sandbox", "serve", "--port", "0", "--token", "tok-cli", "--scale", "small"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert "http://127.0.0.1:" in first, first
        base_url = re.search(r"http://\S+", first).group(0)  # type: ignore[union-attr]
        assert "tok-cli" in proc.stdout.readline()
        deadline = time.monotonic() + 10
        while True:
            try:
                answer = httpx.get(
                    f"{base_url}/workspaceManagement/workspaces/current",
                    headers={"authorization": "Bearer tok-cli"},
                )
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert answer.json()["workspace"]["name"] == "Acme GTM"
        runs = httpx.post(  # the history (chDB) answers: its folder is there
            f"{base_url}/orchestration/runs/count",
            headers={"authorization": "Bearer tok-cli"},
            json={},
            timeout=60,
        )
        assert runs.status_code == 200, runs.text
        assert any(scratch.iterdir())
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode == 0
    assert not any(scratch.iterdir()), list(scratch.iterdir())
