"""Export throughput and memory: 100,000 runs-like rows to CSV and to Parquet.

``python -m benchmarks.export_bench [--rows N]`` prints a table and returns (from ``main``) a
dict of the figures. Each measurement runs in a fresh subprocess so that its peak memory is
its own: the rows are built first (as API pages of 1,000 rows, each row with a nested
``runContext``), then the baseline RSS is read, then ``tui.export.write_rows`` writes them
while a sampler thread tracks RSS; growth = peak RSS during the export - RSS before it.

A reference runs beside each (the obvious stdlib code for CSV: ``csv.DictWriter`` with
``json.dumps`` for nested cells; for Parquet, ``pyarrow.Table.from_pylist`` of the same rows
with nested values pre-encoded, then ``pyarrow.parquet.write_table``), so the ratio says what
the engine's atomicity, streaming and cell rules cost or save.

Targets: >= 150,000 rows/s; <= 64 MB peak growth.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TARGET_ROWS_PER_SECOND = 150_000
TARGET_GROWTH_MB = 64
FIGURES = tuple(
    f"export {fmt}: {what}"
    for fmt in ("csv", "parquet")
    for what in ("rows/s", "peak memory growth")
)
PAGE_ROWS = 1_000
_NODES = ("start", "clearbit_enrich", "qualify", "hubspot_upsert")
_ERRORS = ("429 Too Many Requests", 'Invalid domain: "globex"', "Agent timed out after 60s")


def make_pages(rows: int, seed: int = 7) -> list[list[dict[str, Any]]]:
    """Runs as the API lists them, with each run's ``runContext`` joined in."""
    rng = random.Random(seed)
    workflow = "3f1c2a9e-0b4d-4a5b-9c7d-0e1f2a3b4c5d"
    batch = "7a8b9c0d-1e2f-4e5f-8a9b-1c2d3e4f5a6b"
    release = "9c0d1e2f-3a4b-4a5b-8c9d-2e3f4a5b6c7d"
    pages, page = [], []
    for i in range(rows):
        failed = rng.random() < 0.06
        company = f"Company {i}, Inc."
        context: dict[str, Any] = {
            "start": {"domain": f"company{i}.com", "name": company},
            "clearbit_enrich": {
                "employees": rng.randint(5, 5000),
                "industry": rng.choice(["Software", "Retail", "Finance"]),
                "tags": ["b2b", "saas"][: rng.randint(0, 2)],
                "location": {"country": "US", "city": "Austin"},
            },
            "qualify": {
                "answer": {"score": round(rng.random(), 3), "reason": 'Fits ICP: "mid-market"'}
            },
        }
        if failed:
            context["hubspot_upsert"] = {"status": 429, "body": {"message": "You have reached…"}}
        page.append(
            {
                "uuid": f"{rng.getrandbits(128):032x}",
                "workflowUuid": workflow,
                "batchUuid": batch,
                "releaseUuid": release,
                "traceUuid": f"{rng.getrandbits(128):032x}",
                "recordId": f"rec_{i:08d}",
                "recordTitle": company,
                "status": "error" if failed else "success",
                "errorMessage": rng.choice(_ERRORS) if failed else None,
                "failingNode": rng.choice(_NODES[1:]) if failed else None,
                "creditsUsedCount": rng.randint(0, 4),
                "createdAt": "2026-11-27T14:02:11.123Z",
                "finishedAt": "2026-11-27T14:02:13.456Z",
                "runContext": context,
            }
        )
        if len(page) == PAGE_ROWS:
            pages.append(page)
            page = []
    if page:
        pages.append(page)
    return pages


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: the peak so far is the best there is
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class _PeakRss:
    def __init__(self) -> None:
        self.peak = _rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss_bytes())

    def __enter__(self) -> _PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_bytes())


def _engine(fmt: str, pages: _Pages, dest: Path) -> None:
    from tui.export import ExportOptions, Format, write_rows

    write_rows(dest, None, pages, ExportOptions(Format(fmt), overwrite=True))


def _reference(fmt: str, pages: _Pages, dest: Path) -> None:
    if fmt == "csv":
        import csv

        with dest.open("w", newline="", encoding="utf-8") as fh:
            writer: Any = None
            for page in pages:
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(page[0]))
                    writer.writeheader()
                writer.writerows(
                    {**row, "runContext": json.dumps(row["runContext"])} for row in page
                )
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    for page in pages:
        rows = [{**row, "runContext": json.dumps(row["runContext"])} for row in page]
        table = pa.Table.from_pylist(rows, schema=writer.schema if writer else None)
        if writer is None:
            writer = pq.ParquetWriter(dest, table.schema)
        writer.write_table(table)
    if writer is not None:
        writer.close()


class _Pages:
    """API pages as the client hands them over: each parsed from its JSON body only when asked
    for, so the heap holds one page at a time, as in a real export. The time spent parsing is
    the source's, not the writer's, and is taken off the measured time."""

    def __init__(self, bodies: list[bytes]) -> None:
        self.bodies = bodies
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    def __iter__(self) -> Iterator[list[dict[str, Any]]]:
        for body in self.bodies:
            started, cpu = time.perf_counter(), time.thread_time()
            page = json.loads(body)
            self.seconds += time.perf_counter() - started
            self.cpu_seconds += time.thread_time() - cpu
            yield page


def child(kind: str, fmt: str, rows: int) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    bodies = [json.dumps(page).encode() for page in make_pages(rows)]
    gc.collect()
    run = _engine if kind == "engine" else _reference
    with tempfile.TemporaryDirectory() as folder:
        # A first, small export pays the one-off imports (pyarrow, and pandas, which pyarrow
        # loads on its first conversion when it is installed); they are reported apart.
        started = time.perf_counter()
        run(fmt, _Pages([json.dumps(p).encode() for p in make_pages(10)]), Path(folder) / "warm")
        warm_up = time.perf_counter() - started
        dest = Path(folder) / f"runs.{fmt}"
        pages = _Pages(bodies)
        before = _rss_bytes()
        with _PeakRss() as peak:
            started, cpu = time.perf_counter(), time.process_time()
            run(fmt, pages, dest)
            elapsed = time.perf_counter() - started - pages.seconds
            cpu_elapsed = time.process_time() - cpu - pages.cpu_seconds
        size = dest.stat().st_size
    return {
        "rows": rows,
        "seconds": elapsed,
        "rows_per_second": rows / elapsed,
        "cpu_seconds": cpu_elapsed,
        "rows_per_cpu_second": rows / cpu_elapsed,
        "peak_growth_mb": max(0, peak.peak - before) / 2**20,
        "file_mb": size / 2**20,
        "source_seconds": pages.seconds,
        "first_export_seconds": warm_up,
    }


def _measure(kind: str, fmt: str, rows: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.export_bench", "--child", kind, fmt, str(rows)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.export_bench")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is kept")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "FORMAT", "ROWS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        kind, fmt, rows = args.child
        print(json.dumps(child(kind, fmt, int(rows))))
        return {}
    figures: dict[str, Any] = {}
    for fmt in ("csv", "parquet"):
        for kind in ("engine", "reference"):
            runs = [_measure(kind, fmt, args.rows) for _ in range(args.repeat)]
            runs.sort(key=lambda r: r["rows_per_second"])  # the median run is kept
            figures[f"{fmt}/{kind}"] = runs[len(runs) // 2]
    _print_table(figures)
    return figures


def _print_table(figures: dict[str, Any]) -> None:
    print(
        f"{'export':<18}{'rows/s':>10}{'rows/cpu-s':>12}{'seconds':>9}{'peak growth':>13}"
        f"{'file':>10}{'vs ref':>8}"
    )
    for name, fig in figures.items():
        fmt = name.split("/")[0]
        ratio = fig["rows_per_second"] / figures[f"{fmt}/reference"]["rows_per_second"]
        print(
            f"{name:<18}{fig['rows_per_second']:>10,.0f}{fig['rows_per_cpu_second']:>12,.0f}"
            f"{fig['seconds']:>9.2f}{fig['peak_growth_mb']:>10.1f} MB"
            f"{fig['file_mb']:>7.1f} MB{ratio:>7.2f}x"
        )
    for fmt in ("csv", "parquet"):
        fig = figures[f"{fmt}/engine"]
        speed = "ok" if fig["rows_per_second"] >= TARGET_ROWS_PER_SECOND else "MISSED"
        memory = "ok" if fig["peak_growth_mb"] <= TARGET_GROWTH_MB else "MISSED"
        print(
            f"{fmt}: >= {TARGET_ROWS_PER_SECOND:,} rows/s {speed} (wall clock; "
            f"{fig['rows_per_cpu_second']:,.0f} per CPU second); "
            f"<= {TARGET_GROWTH_MB} MB growth {memory}; first export in a process "
            f"{fig['first_export_seconds']:.2f} s (imports)"
        )


if __name__ == "__main__":
    main()


def export_figures(rows: int = 100_000, repeat: int = 3) -> list[Any]:
    """The export figures for ``make bench``'s table: rows/s against the reference code of
    the same run, and peak memory growth."""
    from benchmarks.report import Figure

    found = main(["--rows", str(rows), "--repeat", str(repeat)])
    figures = []
    for fmt in ("csv", "parquet"):
        ours, ref = found[f"{fmt}/engine"], found[f"{fmt}/reference"]
        figures += [
            Figure(
                f"export {fmt}: rows/s",
                f"{rows:,} runs-like rows through tui.export.write_rows, median of {repeat}",
                ours["rows_per_second"],
                ref["rows_per_second"],
                "stdlib/pyarrow code",
                unit="rows/s",
                target=("value", ">=", TARGET_ROWS_PER_SECOND),
                note=f"{ours['rows_per_cpu_second']:,.0f} rows per CPU second",
            ),
            Figure(
                f"export {fmt}: peak memory growth",
                "peak RSS during the export minus RSS before it",
                ours["peak_growth_mb"],
                ref["peak_growth_mb"],
                "stdlib/pyarrow code",
                unit="MB",
                target=("value", "<=", TARGET_GROWTH_MB),
            ),
        ]
    return figures
