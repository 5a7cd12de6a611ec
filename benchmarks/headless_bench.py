"""``--demo`` cold starts: the TUI until a play name shows, beside the headless commands'
whole wall time (``query --demo "SELECT 1"``, and ``export runs --demo`` of one batch),
interleaved in the same run. Each is a fresh process starting its own sandbox child.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.report import Figure, interleaved_apart, median_or_none
from benchmarks.services import CARGO_TUI, Sandbox, app_env, sandbox
from benchmarks.terminal import Terminal

RUNS = 5
PLAY = "Enrich new companies"
DEMO_TARGET_MS = 3000.0
#: ``query --demo`` against the TUI's ``--demo`` cold start.
QUERY_TARGET_RATIO = 1.2
FIGURES = ("demo cold start", "query --demo", "export --demo")


def _tui() -> float:
    term = Terminal([CARGO_TUI, "--demo"], env=app_env())
    try:
        shown = term.wait_for(PLAY, timeout=60)
        term.press("ctrl+q")  # let it stop its sandbox child itself
        term.wait_exit()
        return shown
    finally:
        term.close()


def _command(argv: list[str], expect: str = "") -> float:
    """Wall milliseconds of one headless command, which must succeed (and print ``expect``)."""
    env = dict(os.environ, **app_env())
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    took = (time.perf_counter() - started) * 1000
    if done.returncode != 0 or expect not in done.stdout:
        raise RuntimeError(
            f"{' '.join(argv[1:3])} exited {done.returncode}: {done.stderr.strip()[-500:]}"
        )
    return took


def _finished_batch(box: Sandbox) -> tuple[str, str]:
    """The workflow of PLAY and its newest finished batch (the demo's seed is fixed, so a
    ``--demo`` child has the same uuids as this sandbox)."""
    from tui.api import CargoClient

    async def find() -> tuple[str, str]:
        async with CargoClient(token=box.token, base_url=box.base_url) as client:
            play = next(p for p in await client.orchestration.play.list() if p.name == PLAY)
            batches = await client.orchestration.batch.list(
                workflow_uuids=[play.workflow_uuid], limit=20
            )
            done = next(b for b in batches if b.status == "success")
            return play.workflow_uuid, done.uuid

    return asyncio.run(find())


def demo_figures() -> list[Figure]:
    with sandbox("demo") as box:
        workflow, batch = _finished_batch(box)
    folder = Path(tempfile.mkdtemp(prefix="cargo-tui-bench-export-"))
    export = [
        CARGO_TUI,
        "export",
        "runs",
        "--demo",
        "--workflow",
        workflow,
        "--batch",
        batch,
        "-o",
        str(folder / "runs.csv"),
        "--overwrite",
        "-q",
    ]
    samples, failures = interleaved_apart(
        RUNS,
        **{
            "demo cold start": _tui,
            "query --demo": lambda: _command([CARGO_TUI, "query", "--demo", "SELECT 1"], "1"),
            "export --demo": lambda: _command(export),
        },
    )
    tui = median_or_none(samples["demo cold start"])
    return [
        Figure(
            "demo cold start",
            "cargo-tui --demo, until a play name shows",
            tui,
            target=("value", "<=", DEMO_TARGET_MS),
            samples={"demo cold start": samples["demo cold start"]},
            failed=failures.get("demo cold start", ""),
        ),
        Figure(
            "query --demo",
            'cargo-tui query --demo "SELECT 1", whole wall time, against the TUI\'s --demo '
            "cold start of the same run",
            median_or_none(samples["query --demo"]),
            tui,
            "TUI --demo cold start",
            target=("ratio", "<=", QUERY_TARGET_RATIO),
            samples={"query --demo": samples["query --demo"]},
            failed=failures.get("query --demo", ""),
        ),
        Figure(
            "export --demo",
            f"cargo-tui export runs --demo of one finished batch of {PLAY} to CSV, whole wall time",
            median_or_none(samples["export --demo"]),
            tui,
            "TUI --demo cold start",
            samples={"export --demo": samples["export --demo"]},
            failed=failures.get("export --demo", ""),
        ),
    ]
