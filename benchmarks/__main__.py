"""``make bench``: measure cargo-tui beside its references and print one table.

Every figure is a median of interleaved repetitions, compared with something measured in the
same run. Benchmarks report; they never fail CI. ``python -m benchmarks NAME ...`` runs some.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from benchmarks import discovery_bench, export_bench, interactive, sandbox_bench, soak, startup
from benchmarks.report import Figure, print_table, save

SUITES: dict[str, Callable[[], list[Figure]]] = {
    "imports": startup.import_figures,
    "start": startup.start_figures,
    "demo": lambda: [startup.demo_figure()],
    "idle": lambda: [startup.idle_figure()],
    "sandbox": sandbox_bench.sandbox_figures,
    "discovery": lambda: [discovery_bench.discovery_figure()],
    "query": interactive.query_figure,
    "scale": interactive.scale_figures,
    "export": export_bench.export_figures,
    "soak": soak.soak_figures,
}


def main(names: list[str]) -> int:
    figures: list[Figure] = []
    for name, suite in SUITES.items():
        if names and name not in names:
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            figures += suite()
        except Exception as exc:  # a broken figure is reported, the others still run
            figures.append(Figure(name, "", None, note=f"failed: {type(exc).__name__}: {exc}"))
    print_table(figures)
    print(f"\nwrote {save(figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
