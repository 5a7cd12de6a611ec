"""``make bench``: measure cargo-tui beside its references and print one table.

Every figure is a median of interleaved repetitions, compared with something measured in the
same run. ``python -m benchmarks NAME ...`` runs some suites. A suite that fails (raises, times
out, cannot measure a figure) is reported as failed, figure by figure, and the others still run;
at the end the exit status is non-zero unless every figure with a target was measured and met.
CI does not run ``make bench``: benchmarks report, they never fail CI.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import (
    discovery_bench,
    export_bench,
    headless_bench,
    interactive,
    sandbox_bench,
    scale_bench,
    screens_bench,
    soak,
    startup,
)
from benchmarks.report import Figure, print_table, save, summary
from benchmarks.services import ROOT


@dataclass(frozen=True)
class Suite:
    run: Callable[[], list[Figure]]
    #: The figures it must give: one it does not give is failed (a suite cannot silently lose
    #: a figure).
    figures: tuple[str, ...]


SUITES: dict[str, Suite] = {
    "imports": Suite(startup.import_figures, ("import tui.api", "import tui.app")),
    "start": Suite(
        startup.start_figures, ("first paint", "time to data", "first paint vs Harlequin")
    ),
    "demo": Suite(headless_bench.demo_figures, headless_bench.FIGURES),
    "idle": Suite(lambda: [startup.idle_figure()], ("idle cost",)),
    "quit": Suite(screens_bench.quit_figures, screens_bench.QUIT_FIGURES),
    "screens": Suite(screens_bench.screen_figures, screens_bench.SCREEN_FIGURES),
    "sandbox": Suite(sandbox_bench.sandbox_figures, sandbox_bench.FIGURES),
    "discovery": Suite(
        lambda: [discovery_bench.discovery_figure()], ("discovery, 7 lists concurrently",)
    ),
    "query": Suite(interactive.query_figure, ("query to rows",)),
    "scale": Suite(scale_bench.scale_figures, scale_bench.FIGURES),
    "export": Suite(export_bench.export_figures, export_bench.FIGURES),
    "soak": Suite(soak.soak_figures, soak.FIGURES),
}


def run_suite(name: str, suite: Suite) -> list[Figure]:
    """The suite's figures; each one it should give and did not, failed with the reason."""
    try:
        figures = suite.run()
        reason = "the suite did not give this figure"
    except Exception as exc:  # a broken suite is reported, the others still run
        figures, reason = [], f"suite {name!r} failed: {type(exc).__name__}: {exc}"
    given = {f.name for f in figures}
    figures += [Figure(n, "", None, failed=reason) for n in suite.figures if n not in given]
    for figure in figures:
        figure.settle_outcome()
    return figures


def compile_app() -> None:
    """Write the app's bytecode, as an installed app has it. An editable install (``make``)
    writes none, and where ``PYTHONDONTWRITEBYTECODE`` is set (this machine sets it) nothing
    ever does: each cold start measured would compile every module of cargo-tui again (0.2 s
    of CPU), which no user's start pays and the references (installed by pip) never do."""
    import compileall

    for package in ("tui", "widgets"):
        compileall.compile_dir(ROOT / package, quiet=1)


def main(names: list[str]) -> int:
    unknown = [name for name in names if name not in SUITES]
    if unknown:
        print(f"unknown suite {', '.join(unknown)}; suites: {', '.join(SUITES)}", file=sys.stderr)
        return 2
    compile_app()
    figures: list[Figure] = []
    timings: dict[str, float] = {}
    began = time.perf_counter()
    for name, suite in SUITES.items():
        if names and name not in names:
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        figures += run_suite(name, suite)
        timings[name] = round(time.perf_counter() - started, 1)
        print(f"  {name}: {timings[name]:.0f} s", file=sys.stderr, flush=True)
    print_table(figures)
    line, ok = summary(figures)
    print(f"\nwrote {save(figures, timings)}")
    print(f"{line} (suites took {time.perf_counter() - began:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
