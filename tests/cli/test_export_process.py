"""``cargo-tui export`` as a separate process: progress on a terminal's stderr (and not in a
pipe), ^C that leaves nothing behind, and ``--demo`` against a fresh sandbox child."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from ptyprocess import PtyProcess

from tests.export_screen.support import read_csv
from tui.sandbox.threaded import ThreadedSandbox

CLI = str(Path(sys.executable).with_name("cargo-tui"))
MODEL = "902a38a3-a05a-417d-aad1-65106a148928"
#: The clock of the app and of each command's demo sandbox.
NOW = "2026-11-27T15:00:00+00:00"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_")}
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"CARGO_TUI_{name}_DIR"] = str(tmp_path / name.lower())
    env["CARGO_TUI_NOW"] = NOW
    return env | extra


def test_progress_goes_to_a_terminal_and_not_to_a_pipe(
    sandbox: ThreadedSandbox, tmp_path: Path
) -> None:
    dest = tmp_path / "segment.csv"
    args = ["export", "segment", "--model", MODEL, "-o", str(dest)]
    args += ["--base-url", sandbox.base_url, "--token", sandbox.token]
    term = PtyProcess.spawn([CLI, *args], env=_env(tmp_path), dimensions=(24, 100))
    said = b""
    while True:
        try:
            said += term.read(4096)
        except EOFError:
            break
    term.wait()
    assert term.exitstatus == 0, said
    text = said.decode()
    assert "\rAsking Cargo for the file…" in text, "the progress line is rewritten in place"
    assert "Exported 240 rows" in text
    assert len(read_csv(dest)) == 240

    piped = subprocess.run(
        [CLI, *args, "-o", str(tmp_path / "again.csv")],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
    )
    assert piped.returncode == 0, piped.stderr
    assert "\r" not in piped.stderr and "Asking" not in piped.stderr
    assert piped.stderr.startswith("Exported 240 rows")


@pytest.fixture
def slow_files(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A sandbox process whose signed files answer after 30 s: an export to interrupt."""
    faults = json.dumps([{"kind": "latency", "path": "/_files/", "latency_ms": 30_000}])
    serve = [CLI, "sandbox", "serve", "--port", "0", "--token", "tok-slow", "--scale", "small"]
    proc = subprocess.Popen(
        [*serve, "--faults", faults],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
    )
    try:
        assert proc.stdout is not None
        found = re.search(r"http://\S+", proc.stdout.readline())
        assert found is not None
        base_url = found.group(0)
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(base_url + "/userManagement/users/current")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        yield base_url, "tok-slow"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.slow
def test_interrupting_leaves_nothing(slow_files: tuple[str, str], tmp_path: Path) -> None:
    base_url, token = slow_files
    out = tmp_path / "out"
    out.mkdir()
    export = [CLI, "export", "segment", "--model", MODEL, "-o", str(out / "s.csv")]
    term = PtyProcess.spawn(
        [*export, "--base-url", base_url, "--token", token],
        env=_env(tmp_path),
    )
    said = b""
    deadline = time.monotonic() + 20
    while b"Downloading" not in said:
        assert time.monotonic() < deadline, said
        said += term.read(4096)
    term.kill(signal.SIGINT)
    while True:
        try:
            said += term.read(4096)
        except EOFError:
            break
    term.wait()
    assert term.exitstatus == 130, said
    assert b"cancelled. Nothing was written." in said
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_demo_exports_from_a_fresh_sandbox(tmp_path: Path) -> None:
    dest = tmp_path / "churned.json"
    export = [CLI, "--demo", "export", "segment", "--model", MODEL, "-o", str(dest)]
    done = subprocess.run(
        [*export, "--filter", json.dumps(_churned())],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(dest)
    rows = json.loads(dest.read_text())
    assert rows and {row["lifecycle_stage"] for row in rows} == {"churned"}


def _churned() -> dict[str, object]:
    condition = {
        "kind": "string",
        "columnSlug": "lifecycle_stage",
        "operator": "is",
        "values": ["churned"],
    }
    return {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [condition]}]}


@pytest.mark.slow
def test_query_and_the_commands_demo_the_same_dataset(tmp_path: Path) -> None:
    """``query --demo`` once ran on a smaller dataset than the TUI and ``export --demo``. Each
    command starts a sandbox of its own: their clocks stand still at one moment, or the live
    batches would add runs between the two."""
    workflow = "8507ceb0-110e-4d1f-848c-625fd5c83f39"  # Enrich new companies, seed 7
    sql = f"SELECT count() AS n FROM runs WHERE workflow_uuid = '{workflow}'"  # noqa: S608
    commands = {
        "query": [CLI, "--demo", "query", sql, "--format", "json"],
        "count": [CLI, "--demo", "orchestration", "run", "count", "--workflow-uuid", workflow],
    }
    said = {}
    for name, command in commands.items():
        env = _env(tmp_path, CARGO_SANDBOX_NOW=NOW, CARGO_SANDBOX_FROZEN="1")
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        said[name] = json.loads(done.stdout)
    assert said["query"] == [{"n": said["count"]["count"]}]
    assert said["count"]["count"] > 10_000, "the demo dataset, not the tests' small one"
