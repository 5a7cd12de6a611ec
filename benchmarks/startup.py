"""Start-up figures: first paint, time to data, idle cost, imports (``--demo``: headless_bench)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks.report import Figure, interleaved, median
from benchmarks.services import (
    CARGO_TUI,
    NO_HARLEQUIN,
    ROOT,
    Sandbox,
    app_env,
    reference_bin,
    sandbox,
)
from benchmarks.terminal import Terminal, usage

RUNS = 5
PLAY = "Enrich new companies"
#: Seconds left to the app's one-off background imports before idle is measured.
WARM_UP_SECONDS = 5.0


def _cargo_tui(box: Sandbox, until: str) -> float:
    term = Terminal([CARGO_TUI, "--base-url", box.base_url, "--token", box.token], env=app_env())
    try:
        return term.wait_for(until)
    finally:
        term.close()


def _floor() -> float:
    term = Terminal([sys.executable, str(ROOT / "benchmarks" / "floor_app.py")])
    try:
        return term.wait_for("floor ready")
    finally:
        term.close()


def _harlequin(harlequin: str) -> float:
    term = Terminal([harlequin], env=app_env())
    try:
        return term.wait_for("Data Catalog")
    finally:
        term.close()


def start_figures() -> list[Figure]:
    harlequin = reference_bin("harlequin")
    with sandbox() as box:
        measures = {
            "paint": lambda: _cargo_tui(box, "Resources"),
            "data": lambda: _cargo_tui(box, PLAY),
            "floor": _floor,
        }
        if harlequin:
            measures["harlequin"] = lambda: _harlequin(harlequin)
        samples = interleaved(RUNS, **measures)
    floor = median(samples["floor"])
    figures = [
        Figure(
            "first paint",
            "cargo-tui on a running sandbox, until its frame shows, 80x24",
            median(samples["paint"]),
            floor,
            "bare Textual app",
            target=("ratio", "<=", 1.4),
            samples=samples,
        ),
        Figure(
            "time to data",
            "same start, until a play name is on screen",
            median(samples["data"]),
            floor,
            "bare Textual app",
            target=("ratio", "<=", 2.0),
        ),
    ]
    if harlequin:
        figures.append(
            Figure(
                "first paint vs Harlequin",
                "cargo-tui's first paint against Harlequin's (DuckDB, in memory)",
                median(samples["paint"]),
                median(samples["harlequin"]),
                "Harlequin",
                target=("ratio", "<=", 0.35),
            )
        )
    else:
        figures.append(Figure("first paint vs Harlequin", "", None, failed=NO_HARLEQUIN))
    return figures


def idle_figure(seconds: float = 30.0) -> Figure:
    with sandbox() as box:
        term = Terminal(
            [CARGO_TUI, "--base-url", box.base_url, "--token", box.token], env=app_env()
        )
        try:
            term.wait_for(PLAY)
            term.settle()
            # A second after the first paint the app loads what a first query or export needs
            # (pyarrow, sqlglot...) in a thread, once: idle is what comes after that.
            term.pump(WARM_UP_SECONDS)
            before = usage(term.proc.pid)
            started = time.perf_counter()
            term.pump(seconds)
            after = usage(term.proc.pid)
            wall = time.perf_counter() - started
        finally:
            term.close()
    share = (after.cpu_seconds - before.cpu_seconds) / wall * 100
    return Figure(
        "idle cost",
        f"CPU of the TUI idle for {seconds:g} s on Discovery",
        share,
        unit="% of a core",
        target=("value", "<=", 1.0),
        note=f"resident memory {after.rss_bytes / 1e6:.0f} MB; measured after a "
        f"{WARM_UP_SECONDS:g} s warm-up ({before.cpu_seconds:.2f} CPU s from start to then)",
    )


IMPORT_PROBE = """
import sys, time, json
t = time.perf_counter()
import {module}
ms = (time.perf_counter() - t) * 1000
print(json.dumps({{"ms": ms, "modules": len(sys.modules),
    "pyarrow": "pyarrow" in sys.modules, "chdb": "chdb" in sys.modules,
    "textual": "textual" in sys.modules}}))
"""


def import_figures() -> list[Figure]:
    figures = []
    for module in ("tui.api", "tui.app"):
        seen = []
        for _ in range(RUNS):
            out = subprocess.run(
                [sys.executable, "-c", IMPORT_PROBE.format(module=module)],
                capture_output=True,
                text=True,
                check=True,
            )
            seen.append(json.loads(out.stdout))
        heavy = [name for name in ("pyarrow", "chdb") if any(s[name] for s in seen)]
        figures.append(
            Figure(
                f"import {module}",
                "fresh interpreter",
                median([s["ms"] for s in seen]),
                note=f"{seen[0]['modules']} modules; "
                + (f"LOADED AT START: {', '.join(heavy)}" if heavy else "pyarrow and chdb absent")
                + ("; textual loaded" if seen[0]["textual"] else "; no textual"),
            )
        )
    return figures
