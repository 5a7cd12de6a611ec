"""SQL buffers: saved as the user types, never left half-written."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.state.buffers import (
    Buffer,
    Buffers,
    BufferWriter,
    buffers_path,
    load_buffers,
    save_buffers,
)

WORKSPACE = "8c1f6a2e-2d41-4c3b-9f0e-5d7a1b2c3d4e"


def test_buffers_round_trip(user_dirs: Path) -> None:
    buffers = Buffers(
        [Buffer("query 1", "SELECT 1;\nSELECT 'é'", (1, 4)), Buffer("failures", "", (0, 0))],
        active=1,
    )
    save_buffers(WORKSPACE, buffers)
    assert buffers_path(WORKSPACE) == user_dirs / "data" / "buffers" / f"{WORKSPACE}.json"
    loaded, warnings = load_buffers(WORKSPACE)
    assert loaded == buffers and warnings == []
    assert json.loads(buffers_path(WORKSPACE).read_text())["version"] == 1
    assert buffers_path(WORKSPACE).stat().st_mode & 0o077 == 0


def test_no_file_means_one_empty_buffer() -> None:
    loaded, warnings = load_buffers(WORKSPACE)
    assert loaded == Buffers([Buffer("query 1")]) and warnings == []


def test_a_corrupt_file_is_set_aside_with_a_warning() -> None:
    path = buffers_path(WORKSPACE)
    path.parent.mkdir(parents=True)
    path.write_text("{ half a file")
    loaded, warnings = load_buffers(WORKSPACE)
    assert loaded == Buffers()
    assert len(warnings) == 1 and "kept as" in warnings[0]
    assert [p.name.split(".bad-")[0] for p in path.parent.glob("*.bad-*")] == [path.name]
    assert not path.exists()


def test_odd_entries_are_skipped_and_odd_fields_defaulted() -> None:
    path = buffers_path(WORKSPACE)
    path.parent.mkdir(parents=True)
    body = {
        "version": 1,
        "active": 7,
        "buffers": [
            {"name": "kept", "text": "SELECT 1", "cursor": [0, -3]},
            {"name": "no text"},
            "not even an object",
            {"text": "SELECT 2", "cursor": [2, 1]},
        ],
    }
    path.write_text(json.dumps(body))
    loaded, warnings = load_buffers(WORKSPACE)
    assert warnings == []
    assert loaded == Buffers(
        [Buffer("kept", "SELECT 1", (0, 0)), Buffer("query 2", "SELECT 2", (2, 1))], active=0
    )


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_writer_coalesces_changes_into_one_write_per_interval() -> None:
    clock = Clock()
    writer = BufferWriter(WORKSPACE, interval=1.0, clock=clock)
    for typed in range(1, 50):
        writer.update(Buffers([Buffer("query 1", "SELECT "[:typed] + "x" * typed)]))
        clock.now += 0.05
        writer.tick()
    # 49 keystrokes over 2.45 s: a write at the first tick, then one per second.
    assert writer.writes == 3
    assert writer.dirty  # the last keystrokes wait for the next tick
    clock.now += 1
    assert writer.tick() and not writer.dirty
    loaded, _ = load_buffers(WORKSPACE)
    assert loaded.buffers[0].text == "SELECT " + "x" * 49


def test_the_writer_skips_writes_when_nothing_changed() -> None:
    clock = Clock()
    writer = BufferWriter(WORKSPACE, interval=0.0, clock=clock)
    buffers = Buffers([Buffer("query 1", "SELECT 1")])
    writer.update(buffers)
    assert writer.tick()
    writer.update(buffers)
    assert not writer.dirty and not writer.tick() and writer.writes == 1
    buffers.buffers[0].cursor = (0, 3)
    writer.update(buffers)
    assert writer.flush() and writer.writes == 2


def test_flush_writes_at_once_whatever_the_interval() -> None:
    writer = BufferWriter(WORKSPACE, interval=3600.0)
    writer.update(Buffers([Buffer("query 1", "first")]))
    assert writer.tick()  # the very first write is not held back
    writer.update(Buffers([Buffer("query 1", "second")]))
    assert not writer.tick()
    assert writer.flush()
    assert load_buffers(WORKSPACE)[0].buffers[0].text == "second"


#: Writes buffers as fast as it can, through the same writer the editor uses.
WRITER = r"""
import itertools, sys
from pathlib import Path
from tui.state.buffers import Buffer, Buffers, BufferWriter
writer = BufferWriter("ws", path=Path(sys.argv[1]), interval=0.0)
for n in itertools.count():
    text = f"SELECT {n} -- " + "x" * (n * 7919 % 20000)
    writer.update(Buffers([Buffer("query 1", text, (0, len(text))), Buffer("n", str(n))]))
    writer.tick()
    if n == 5:
        print("writing", flush=True)
"""


@pytest.mark.slow
def test_kill_9_while_writing_never_leaves_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "buffers.json"
    seen = set()
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        time.sleep(random.uniform(0.0, 0.2))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        loaded, warnings = load_buffers("ws", path=path)
        assert warnings == []
        first, second = loaded.buffers
        number = int(second.text)
        assert first.text == f"SELECT {number} -- " + "x" * (number * 7919 % 20000)
        assert first.cursor == (0, len(first.text))
        seen.add(number)
    assert not list(tmp_path.glob("*.bad-*"))
    assert len(seen) > 1  # the kills landed at different moments


def test_a_failed_write_is_reported_and_retried_not_raised() -> None:
    blocker = buffers_path(WORKSPACE).parent
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the buffers folder should be")
    writer = BufferWriter(WORKSPACE, interval=0.0)
    writer.update(Buffers([Buffer("query 1", "SELECT 1")]))
    assert not writer.tick()
    assert writer.dirty and writer.error is not None and "Cannot save" in writer.error
    blocker.unlink()
    assert writer.tick() and writer.error is None
    assert load_buffers(WORKSPACE)[0].buffers[0].text == "SELECT 1"
