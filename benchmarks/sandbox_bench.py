"""Sandbox figures: how soon it is ready, and how fast a page of the million-run batch comes.

Each sandbox is a child process (``cargo-tui sandbox serve``), as under ``--demo``, and every
request goes over loopback HTTP through the project's own client, as the app sends it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from benchmarks.report import Figure, median
from benchmarks.services import TOKEN, sandbox

#: Repetitions of each timed request (the median is reported).
RUNS = 7
#: Cold starts of each scale (each is a fresh process).
STARTS = 5
PAGE = 100
PAGE_TARGET_MS = 100.0
READY_TARGET_S = {"demo": 3.0, "large": 15.0}
PAGES = ("offset 0", "offset 500,000", "last page", "failed only, offset 0")
FIGURES = (
    *(f"sandbox {s}: {w}" for s in READY_TARGET_S for w in ("workflows list", "history ready")),
    *(f"million-run batch: {name}" for name in (*PAGES, "count", "one run (detail)")),
)


def _until_ok(http: httpx.Client, path: str, deadline: float) -> float:
    """Poll ``path`` until it answers 200; the moment it did (perf_counter)."""
    while time.perf_counter() < deadline:
        try:
            if http.get(path, timeout=60).status_code == 200:
                return time.perf_counter()
        except httpx.TransportError:
            pass
        time.sleep(0.01)
    raise TimeoutError(f"{path} did not answer in time")


def _start_once(scale: str) -> dict[str, float]:
    """Seconds from spawning the process until: it listens, the workflows list (with each
    workflow's last batch) answers, and the history answers (a page of batches)."""
    with sandbox(scale) as box:
        listening = time.perf_counter()
        headers = {"authorization": f"Bearer {TOKEN}"}
        deadline = box.spawned + 120
        with httpx.Client(base_url=box.base_url, headers=headers) as http:
            workflows = _until_ok(http, "/orchestration/workflows/list", deadline)
            history = _until_ok(http, "/orchestration/batches/list?limit=1", deadline)
    return {
        "listening": listening - box.spawned,
        "workflows": workflows - box.spawned,
        "history": history - box.spawned,
    }


def ready_figures() -> list[Figure]:
    figures = []
    for scale in ("demo", "large"):
        samples: dict[str, list[float]] = {"listening": [], "workflows": [], "history": []}
        for _ in range(STARTS):
            for name, value in _start_once(scale).items():
                samples[name].append(value)
        figures += [
            Figure(
                f"sandbox {scale}: workflows list",
                f"spawn `sandbox serve --scale {scale}` until /workflows/list (lastBatch) answers",
                median(samples["workflows"]),
                unit="s",
                target=("value", "<=", READY_TARGET_S[scale]),
                samples=samples,
                note=f"listening after {median(samples['listening']):.2f} s",
            ),
            Figure(
                f"sandbox {scale}: history ready",
                f"spawn `sandbox serve --scale {scale}` until a page of batches answers",
                median(samples["history"]),
                unit="s",
                target=("value", "<=", READY_TARGET_S[scale]),
            ),
        ]
    return figures


async def _timed(call: Callable[[], Awaitable[object]], runs: int = RUNS) -> list[float]:
    await call()  # warm: the connection, and chDB's caches for this batch
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def _page_samples(base_url: str) -> dict[str, list[float]]:
    from tui.api import CargoClient

    async with CargoClient(token=TOKEN, base_url=base_url) as client:
        batches = await client.orchestration.batch.list(has_runs=True, limit=1000)
        big = max(batches, key=lambda b: b.runs_count)
        if big.runs_count < 1_000_000:
            raise RuntimeError(f"no million-run batch (largest: {big.runs_count:,})")
        runs = client.orchestration.run
        last = (big.runs_count - 1) // PAGE * PAGE
        first_run = (await runs.list(batch_uuid=big.uuid, limit=1)).runs[0].uuid
        calls: dict[str, Callable[[], Awaitable[object]]] = {
            "offset 0": lambda: runs.list(batch_uuid=big.uuid, limit=PAGE, offset=0),
            "offset 500,000": lambda: runs.list(batch_uuid=big.uuid, limit=PAGE, offset=500_000),
            "last page": lambda: runs.list(batch_uuid=big.uuid, limit=PAGE, offset=last),
            "failed only, offset 0": lambda: runs.list(
                batch_uuid=big.uuid, statuses=["error"], limit=PAGE, offset=0
            ),
            "count": lambda: runs.count(batch_uuid=big.uuid),
            "one run (detail)": lambda: runs.get(first_run),
        }
        return {name: await _timed(call) for name, call in calls.items()}


def page_figures() -> list[Figure]:
    with sandbox("large") as box:
        headers = {"authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=box.base_url, headers=headers) as http:
            _until_ok(http, "/orchestration/batches/list?limit=1", box.spawned + 120)
        samples = asyncio.run(_page_samples(box.base_url))
    figures = []
    for name, values in samples.items():
        paged = name in PAGES
        figures.append(
            Figure(
                f"million-run batch: {name}",
                (f"client.orchestration.run.list(limit={PAGE}), " if paged else "")
                + f"median of {RUNS} over loopback HTTP, --scale large",
                median(values),
                target=("value", "<=", PAGE_TARGET_MS),
                samples={name: values},
            )
        )
    return figures


def sandbox_figures() -> list[Figure]:
    return ready_figures() + page_figures()
