"""``kill -9`` at the worst moment (issue 12): during an export, nothing partial is left at the
destination (and an existing file is left byte for byte); while typing SQL, the buffers and
the history are intact on the next start.

A SIGKILL runs no cleanup: what a killed export leaves is a temporary (``.<name>.<random>.part``
beside the destination, or a ``cargo-tui-export-*`` folder of downloads in $TMPDIR), never a
file at the destination's name. The next write of that name removes a temporary untouched for
10 minutes (``tui.api.files.remove_stale_temps``).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, cargo_tui
from tui.api import CargoClient
from tui.api.files import STALE_TEMP_SECONDS
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.buffers import load_buffers
from tui.state.history import History

pytestmark = pytest.mark.slow

CLI = cargo_tui()


def _env(home: Path, **extra: str) -> dict[str, str]:
    """The test's user dirs (set by the autouse fixture), no CARGO_API_* of the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_API_")}
    return env | {"HOME": str(home)} | extra


@pytest.fixture(scope="module")
def biggest_workflow(sandbox: ThreadedSandbox) -> str:
    """The workflow with the most runs: the longest export the small sandbox offers."""

    async def look() -> str:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            counted = [
                (await client.orchestration.run.count(workflow_uuid=w.uuid), w.uuid)
                for w in await client.orchestration.workflow.list()
            ]
            return max(counted)[1]

    return asyncio.run(look())


def _export(sandbox: ThreadedSandbox, workflow: str, dest: Path, *more: str) -> list[str]:
    return [
        *(CLI, "export", "runs", "--workflow", workflow, "-o", str(dest), "--pretty", *more),
        *("--base-url", sandbox.base_url, "--token", sandbox.token),
    ]


def _temps(folder: Path, name: str) -> list[Path]:
    return [
        folder / found
        for found in os.listdir(folder)
        if found.startswith(f".{name}.") and found.endswith(".part")
    ]


def _stopped_mid_write(argv: list[str], env: dict[str, str], dest: Path) -> subprocess.Popen[bytes]:
    """The export, stopped (SIGSTOP) while its temporary is beside ``dest``: demonstrably
    mid-write, since the rename that ends a write removes the temporary's name.

    The write phase is short (a tenth of a second here), so an export that finished before it
    was caught is run again, a few times at most."""
    before = dest.read_bytes() if dest.exists() else None
    for _ in range(6):
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if _temps(dest.parent, dest.name):
                _stop(proc)
                # Step it on until the temporary holds rows: mid-write, not just before it.
                while (temps := _temps(dest.parent, dest.name)) and not _size(temps[0]):
                    proc.send_signal(signal.SIGCONT)
                    time.sleep(0.002)
                    _stop(proc)
                if temps:
                    return proc
                proc.send_signal(signal.SIGCONT)
        proc.kill()
        _, said = proc.communicate()
        assert proc.returncode in (0, -signal.SIGKILL), said.decode()
        if before is None:
            dest.unlink(missing_ok=True)
        else:
            dest.write_bytes(before)
    raise AssertionError("never caught the export mid-write")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGSTOP, and wait until the process is stopped (the signal is delivered asynchronously)."""
    proc.send_signal(signal.SIGSTOP)
    stat = Path(f"/proc/{proc.pid}/stat")
    while stat.read_text().rsplit(")", 1)[1].split()[0] not in ("T", "t", "Z"):
        time.sleep(0.001)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert proc.stderr is not None
    proc.stderr.close()


def test_killed_while_downloading_leaves_the_destination_folder_empty(
    faults: ThreadedSandbox, biggest_workflow: str, out: Path, tmp_path: Path
) -> None:
    faults.faults.add(kind="latency", latency_ms=30_000, path="/_files/")
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    argv = _export(faults, biggest_workflow, out / "runs.json")
    proc = subprocess.Popen(
        argv,
        env=_env(tmp_path, TMPDIR=str(scratch)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(scratch.glob("cargo-tui-export-*/.part-1.*.part")):
        assert proc.poll() is None and time.monotonic() < deadline, "no download started"
        time.sleep(0.02)
    _kill(proc)
    assert list(out.iterdir()) == [], "nothing in the destination's folder"
    # What SIGKILL leaves: the download folder, in $TMPDIR, named as cargo-tui's.
    assert [p.name.startswith("cargo-tui-export-") for p in scratch.iterdir()] == [True]


def test_killed_while_writing_leaves_no_file_at_the_destination(
    sandbox: ThreadedSandbox, biggest_workflow: str, out: Path, tmp_path: Path
) -> None:
    dest = out / "runs.json"
    env = _env(tmp_path)
    proc = _stopped_mid_write(_export(sandbox, biggest_workflow, dest), env, dest)
    [temp] = _temps(out, dest.name)
    assert temp.stat().st_size > 0
    _kill(proc)
    assert not dest.exists()
    assert list(out.iterdir()) == [temp], "only the temporary, under a hidden .part name"
    # A later export of the same name succeeds and, once the leftover is surely dead, removes it.
    old = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(temp, (old, old))
    again = subprocess.run(
        _export(sandbox, biggest_workflow, dest), env=env, capture_output=True, timeout=120
    )
    assert again.returncode == 0, again.stderr.decode()
    assert list(out.iterdir()) == [dest]
    assert json.loads(dest.read_text())


def test_killed_while_overwriting_leaves_the_old_file_byte_for_byte(
    sandbox: ThreadedSandbox, biggest_workflow: str, out: Path, tmp_path: Path
) -> None:
    dest = out / "runs.json"
    previous = b'[{"uuid": "the export of yesterday"}]\n' * 100
    dest.write_bytes(previous)
    argv = _export(sandbox, biggest_workflow, dest, "--overwrite")
    proc = _stopped_mid_write(argv, _env(tmp_path), dest)
    _kill(proc)
    assert dest.read_bytes() == previous


# -- typing SQL ------------------------------------------------------------------------------

#: The SQL screen's autosave: a timer every SAVE_EVERY (1 s) writes what changed if the last
#: write is SAVE_EVERY old, so a change is on disk within about two seconds of the keystroke.
SAVED_WITHIN = 3.0
#: What the schema sidebar says once the SQL screen has opened its buffers.
#: ("cached" is not one: Discovery says it too, of its own cache.)
SCHEMA_ORIGINS = ("described by the server", "partly described", "default schema")


def _app(sandbox: ThreadedSandbox, home: Path) -> Terminal:
    argv = [CLI, "--base-url", sandbox.base_url, "--token", sandbox.token]
    term = Terminal(argv, cols=120, rows=40, env=_env(home))
    assert term.wait_for("Enrich new companies"), term.text()
    term.send("s")
    # The buffers are loaded (and the editor focused) before the schema is described, whatever
    # the describing comes to (the server's answer, or the default when it fails).
    deadline = time.monotonic() + 60
    while not any(origin in term.text() for origin in SCHEMA_ORIGINS):
        assert time.monotonic() < deadline and term.proc.isalive(), term.text()
        term.pump(0.05)
    return term


def _saved_text(data: Path) -> str:
    found = list(data.glob("buffers/*.json"))
    if not found:
        return ""
    return "".join(b["text"] for b in json.loads(found[0].read_text())["buffers"])


def _wait_saved(term: Terminal, data: Path, text: str) -> float:
    """Seconds until ``text`` is in the buffers file (pumping the terminal meanwhile)."""
    start = time.monotonic()
    while text not in _saved_text(data):
        assert time.monotonic() - start < SAVED_WITHIN, term.text()
        term.pump(0.02)
    return time.monotonic() - start


def test_killed_while_typing_keeps_the_buffers_and_the_history(
    sandbox: ThreadedSandbox, user_dirs: Path
) -> None:
    data = user_dirs / "data"
    term = _app(sandbox, user_dirs)
    try:
        term.send("SELECT 1 AS one")
        _wait_saved(term, data, "SELECT 1 AS one")
        term.send("\n")  # ctrl+j: run it, so the history has an entry
        assert term.wait_for("1 row"), term.text()
        term.send("; SELECT 2 AS two")
        kept = "SELECT 1 AS one; SELECT 2 AS two"
        _wait_saved(term, data, kept)
        term.send(" -- the last keys")
        os.kill(term.proc.pid, signal.SIGKILL)  # no time for the autosave: up to 2 s is lost
        term.wait_exit()
    finally:
        term.close()

    [buffers_file] = data.glob("buffers/*.json")
    workspace = buffers_file.stem
    buffers, warnings = load_buffers(workspace)
    assert warnings == []
    assert buffers.buffers[0].text in (kept, kept + " -- the last keys")
    history = History(workspace)
    lines = history.path.read_text().splitlines()
    assert [json.loads(line)["sql"] for line in lines] == ["SELECT 1 AS one"]
    [entry] = history.entries()
    assert (entry.sql, entry.rows, entry.error) == ("SELECT 1 AS one", 1, None)
    assert history.warnings == []
    assert not list(data.rglob("*.part")), "no temporary left: the kill came between writes"

    again = _app(sandbox, user_dirs)  # the next start shows what was typed
    try:
        assert kept in again.text(), again.text()
    finally:
        again.close()


_SAVE_LOOP = """
import sys
from tui.state.buffers import Buffer, Buffers, save_buffers
big = [Buffers([Buffer(f"query {i}", c * 200_000) for i in range(3)]) for c in "ab"]
print("saving", flush=True)
n = 0
while True:
    save_buffers("ws", big[n % 2])
    n += 1
"""


def test_killed_mid_save_the_state_file_is_the_old_or_the_new(user_dirs: Path) -> None:
    """A process saving 600 KB of buffers in a tight loop, killed at five moments: each time
    the file reads back whole, as one version or the other, never a mix or a torn file."""
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        proc = subprocess.Popen(
            [sys.executable, "-c", _SAVE_LOOP], env=_env(user_dirs), stdout=subprocess.PIPE
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"saving\n"
        time.sleep(delay)
        proc.kill()
        proc.wait(10)
        proc.stdout.close()
        buffers, warnings = load_buffers("ws")
        assert warnings == []
        texts = {b.text for b in buffers.buffers}
        assert len(buffers.buffers) == 3 and texts in ({"a" * 200_000}, {"b" * 200_000})
