"""Soak (issue 12): live refresh against the sandbox under a 10% fault rate, for a bounded time.

The app runs headless in this process (Textual's ``run_test``), so its memory is this
process's RSS and its workers and exceptions can be watched directly; the sandbox runs as a
child process (its memory is not ours), with a live batch running and faults drawn at random
on about 10% of requests: 503, 429, dropped connections, 2 s of latency. The app sits on the
workflow screen of *Enrich new companies*, refreshing the live batch every second.

Targets: RSS at the end within 10% of RSS after the warm-up; no unhandled error (an app
exception, a worker failing with anything but a ``CargoError``, an "Unexpected error" notice).
Failures Cargo reports (``CargoError``) are expected under faults and only counted.

``python -m benchmarks soak`` (default 180 s; ``CARGO_TUI_SOAK_SECONDS`` overrides), or
``python -m benchmarks.soak SECONDS``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks import services
from benchmarks.report import Figure, print_table

DEFAULT_SECONDS = 180.0
ADMIN_TOKEN = "bench-admin"
PLAY = "Enrich new companies"
#: Independent rules: 1 - 0.96 * 0.98^3, about 10% of requests get a fault.
FAULTS = [
    {"kind": "status", "status": 503, "probability": 0.04},
    {"kind": "status", "status": 429, "retry_after": 1, "probability": 0.02},
    {"kind": "drop", "probability": 0.02},
    {"kind": "latency", "latency_ms": 2000, "probability": 0.02},
]
GROWTH_TARGET = 10.0
FIGURES = (
    "soak: RSS after warm-up",
    "soak: RSS at the end",
    "soak: memory growth",
    "soak: unhandled errors",
    "soak: live refreshes",
    "soak: faults injected",
)


@dataclass
class Tally:
    """What the app went through: finished workers, notices, crashes."""

    workers: Counter[tuple[str, str]] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    unhandled: list[str] = field(default_factory=list)
    notices: Counter[str] = field(default_factory=Counter)


@dataclass
class Soak:
    seconds: float
    warm_up: float
    rss_warm: float
    rss_end: float
    rss_peak: float
    refreshes: int
    injected: dict[str, int]
    tally: Tally

    @property
    def growth(self) -> float:
        return (self.rss_end - self.rss_warm) / self.rss_warm * 100


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def watched_app(base_url: str, token: str, tally: Tally) -> Any:
    """The app, with its finished workers, exceptions and notices counted in ``tally``."""
    from textual.worker import Worker, WorkerState

    from tui.api import Secret
    from tui.api.errors import CargoError
    from tui.app import CargoApp
    from tui.connection import Connection

    class SoakApp(CargoApp):
        def _handle_exception(self, error: Exception) -> None:
            tally.unhandled.append(f"app: {type(error).__name__}: {error}")
            super()._handle_exception(error)

        def notify(self, message: str, **kwargs: Any) -> None:
            tally.notices[str(kwargs.get("severity", "information"))] += 1
            if "Unexpected error" in message:
                tally.unhandled.append(f"notice: {message}")
            super().notify(message, **kwargs)

    app = SoakApp(Connection(token=Secret(token), base_url=base_url))
    # Textual calls this when a worker ends, whatever its state: count it, keep nothing.
    manager = app.workers
    remove = manager._remove_worker

    def finished(worker: Worker[Any]) -> None:
        tally.workers[(worker.group, worker.state.name)] += 1
        if worker.state == WorkerState.ERROR:
            if isinstance(worker.error, CargoError):
                tally.expected[type(worker.error).__name__] += 1
            else:
                tally.unhandled.append(f"worker {worker.group}: {worker.error!r}")
        remove(worker)

    manager._remove_worker = finished  # type: ignore[method-assign]
    return app


async def _settle(pilot: Any, seconds: float = 30.0) -> None:
    """Until no worker runs (a failed one is the app's to report, and the tally's)."""
    from textual.worker import WorkerCancelled, WorkerFailed

    await pilot.pause()
    with contextlib.suppress(WorkerFailed, WorkerCancelled, TimeoutError):
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), seconds)
    await pilot.pause()


async def _run(
    base_url: str, token: str, seconds: float, warm_up: float, refreshes: int | None = None
) -> Soak:
    from tui.screens.workflow.screen import WorkflowScreen

    tally = Tally()
    app = watched_app(base_url, token, tally)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("slash", *PLAY, "enter", "enter")
        await _settle(pilot)
        if not isinstance(app.screen, WorkflowScreen):
            raise RuntimeError(f"did not reach the workflow screen: {app.screen}")

        def done() -> int:
            return tally.workers[("batches-refresh", "SUCCESS")]

        start = time.monotonic()
        rss_warm = peak = 0.0
        while (elapsed := time.monotonic() - start) < seconds:
            if refreshes is not None and done() >= refreshes:
                break
            await asyncio.sleep(1.0 if refreshes is None else 0.1)
            peak = max(peak, rss_mb())
            warm = elapsed >= warm_up if refreshes is None else done() >= refreshes // 2
            if not rss_warm and warm:
                gc.collect()
                rss_warm = rss_mb()
        gc.collect()
        rss_end = rss_mb()
        elapsed = time.monotonic() - start
    return Soak(elapsed, warm_up, rss_warm, rss_end, peak, done(), {}, tally)


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def soak(seconds: float | None = None, *, refreshes: int | None = None) -> Soak:
    """Soak for ``seconds``; or, given ``refreshes``, until the live batch has refreshed that
    many times (``seconds`` then only bounds a refresh that stopped: a test's way, which holds
    however busy the machine is)."""
    seconds = seconds or float(os.environ.get("CARGO_TUI_SOAK_SECONDS", DEFAULT_SECONDS))
    warm_up = min(30.0, seconds / 4)
    extra = {"CARGO_SANDBOX_FAULTS": json.dumps(FAULTS), "CARGO_SANDBOX_ADMIN_TOKEN": ADMIN_TOKEN}
    with (
        services.sandbox("demo", extra_env=extra) as box,
        _environment({**services.app_env(), "CARGO_TUI_REFRESH_SECONDS": "1"}),
    ):
        run = asyncio.run(_run(box.base_url, box.token, seconds, warm_up, refreshes))
        run.injected = httpx.get(
            box.base_url.removesuffix("/v1") + "/_sandbox/faults",
            headers={"authorization": f"Bearer {ADMIN_TOKEN}"},
        ).json()["injected"]
        return run


def soak_figures(seconds: float | None = None) -> list[Figure]:
    run = soak(seconds)
    how = f"headless app, {run.seconds:.0f} s, demo sandbox, ~10% faults, refresh every 1 s"
    tally = run.tally
    expected = ", ".join(f"{n} {k}" for k, n in tally.expected.most_common()) or "none"
    faults = ", ".join(f"{n} {k}" for k, n in run.injected.items() if n) or "none"
    return [
        Figure("soak: RSS after warm-up", f"after {run.warm_up:.0f} s", run.rss_warm, unit="MB"),
        Figure("soak: RSS at the end", f"peak {run.rss_peak:.1f} MB", run.rss_end, unit="MB"),
        Figure(
            "soak: memory growth",
            how,
            run.growth,
            unit="%",
            target=("value", "<=", GROWTH_TARGET),
        ),
        Figure(
            "soak: unhandled errors",
            "app exceptions, non-Cargo worker errors, 'Unexpected error' notices",
            float(len(tally.unhandled)),
            unit="",
            target=("value", "<=", 0),
            note="; ".join(tally.unhandled[:3]),
        ),
        Figure("soak: live refreshes", "batches-refresh workers done", run.refreshes, unit=""),
        Figure(
            "soak: faults injected",
            faults,
            float(sum(run.injected.values())),
            unit="",
            note=f"reported to the user: {expected}",
        ),
    ]


def main(argv: list[str]) -> int:
    figures = soak_figures(float(argv[0]) if argv else None)
    print_table(figures)
    return 0 if all(f.met is not False for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
