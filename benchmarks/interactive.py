"""Figures of the app in use: a 10,000-row query beside Harlequin, and a million-run batch."""

from __future__ import annotations

import asyncio
import statistics
import time

from benchmarks.report import Figure, interleaved, median
from benchmarks.services import CARGO_TUI, Sandbox, app_env, reference_bin, sandbox
from benchmarks.terminal import Terminal, usage

RUNS = 5
#: Both queries are plain scans that return 10,000 rows: the figure is the tools', not SQL's.
OUR_QUERY = (
    "SELECT uuid, status, created_at FROM runs WHERE created_at > now() - INTERVAL 30 DAY "
    "LIMIT 10000"
)
THEIR_QUERY = "select * from range(10000)"


def _ours(box: Sandbox) -> float:
    term = Terminal([CARGO_TUI, "--base-url", box.base_url, "--token", box.token], env=app_env())
    try:
        term.wait_for("Enrich new companies")
        term.settle()
        term.press("s")
        term.wait_for("SQL editor")
        term.wait_for("Results show here")
        term.settle(0.5)  # the buffers load, then the editor takes the focus
        term.press(OUR_QUERY)
        term.settle(0.3)
        started = time.perf_counter()
        term.press("ctrl+j")
        term.wait_for("10,000 rows")
        return (time.perf_counter() - started) * 1000
    finally:
        term.close()


def _harlequin(harlequin: str) -> float:
    term = Terminal([harlequin], env=app_env())
    try:
        term.wait_for("Query Editor")
        term.settle()
        term.press(THEIR_QUERY)
        term.settle(0.3)
        started = time.perf_counter()
        term.press("ctrl+j")
        term.wait_for("10,000 Records")
        return (time.perf_counter() - started) * 1000
    finally:
        term.close()


def query_figure() -> list[Figure]:
    harlequin = reference_bin("harlequin")
    if harlequin is None:
        return [Figure("query to rows", "", None, note="Harlequin is not installed")]
    with sandbox() as box:
        samples = interleaved(
            RUNS, ours=lambda: _ours(box), harlequin=lambda: _harlequin(harlequin)
        )
    return [
        Figure(
            "query to rows",
            "ctrl+j until a 10,000-row result shows (sandbox SQL vs Harlequin on DuckDB)",
            median(samples["ours"]),
            median(samples["harlequin"]),
            "Harlequin",
            target=("ratio", "<=", 0.7),
            samples=samples,
        )
    ]


def _million_run_batch(box: Sandbox) -> str:
    from tui.api import CargoClient

    async def find() -> str:
        async with CargoClient(token=box.token, base_url=box.base_url) as client:
            for play in await client.orchestration.play.list():
                batches = await client.orchestration.batch.list(
                    workflow_uuids=[play.workflow_uuid], limit=200
                )
                for batch in batches:
                    if batch.runs_count >= 1_000_000:
                        return f"{play.name}\t{batch.uuid}"
        raise RuntimeError("the large sandbox has no million-run batch")

    return asyncio.run(find())


def scale_figures() -> list[Figure]:
    """Runs of the million-run batch: first page, 20 pagedowns, memory, bytes per pagedown."""
    with sandbox("large") as box:
        play, batch = _million_run_batch(box).split("\t")
        first_pages, steps, rss, pagedown_bytes = [], [], [], []
        for _ in range(RUNS):
            term = Terminal(
                [CARGO_TUI, "--base-url", box.base_url, "--token", box.token], env=app_env()
            )
            try:
                term.wait_for(play, timeout=60)
                term.settle()
                term.press("/")
                term.press(play + "\r")
                term.settle(0.2)
                term.press("\r")
                term.wait_for("Batches")
                term.settle()
                term.press("/")
                term.press(batch + "\r")
                started = time.perf_counter()
                # the runs open on the Failed tab when there are failures: its first page
                term.wait_for("showing 1-", timeout=60)
                first_pages.append((time.perf_counter() - started) * 1000)
                term.settle()
                term.press("f")  # all of the million, for the pagedowns
                term.wait_for("of 1,000,000", timeout=60)
                term.settle()
                for _ in range(20):
                    before = term.bytes
                    started = time.perf_counter()
                    term.press("pgdn")
                    settled_at = term.settle(0.1)
                    steps.append(settled_at - (started - term.started) * 1000)
                    pagedown_bytes.append(term.bytes - before)
                rss.append(usage(term.proc.pid).rss_bytes / 1e6)
            finally:
                term.close()
    p95 = statistics.quantiles(steps, n=20)[18]
    return [
        Figure("runs at scale: first page", "enter on a million-run batch until its runs show",
               median(first_pages), target=("value", "<=", 400)),
        Figure("runs at scale: pagedown p95", "20 pagedowns, each until the screen settles",
               p95, target=("value", "<=", 100), note=f"median {median(steps):.0f} ms"),
        Figure("runs at scale: memory", "resident memory of the TUI after the 20 pagedowns",
               median(rss), unit="MB", target=("value", "<=", 200)),
        Figure("terminal bytes per pagedown", "bytes written for one pagedown at 80x24",
               median(pagedown_bytes) / 1000, unit="KB", target=("value", "<=", 8)),
    ]  # fmt: skip
