"""The app in use: a 10,000-row query beside Harlequin (the million-run batch: scale_bench)."""

from __future__ import annotations

import re
import time

from benchmarks.report import Figure, interleaved, median
from benchmarks.services import CARGO_TUI, NO_HARLEQUIN, Sandbox, app_env, reference_bin, sandbox
from benchmarks.terminal import Terminal

RUNS = 5
#: Both queries are plain scans that return 10,000 rows: the figure is the tools', not SQL's.
OUR_QUERY = (
    "SELECT uuid, status, created_at FROM runs WHERE created_at > now() - INTERVAL 30 DAY "
    "LIMIT 10000"
)
THEIR_QUERY = "select * from range(10000)"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


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
        # The status line says "10,000 rows" a frame before the table shows them: the figure
        # waits for the rows themselves (a run's uuid is on screen only in the table's rows).
        term.wait_until(lambda text: "10,000 rows" in text and bool(UUID.search(text)), "rows")
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
        return [Figure("query to rows", "", None, failed=NO_HARLEQUIN)]
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
