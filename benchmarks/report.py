"""Figures, their medians and ratios, the printed table and ``results/latest.json``.

A figure is met, missed, failed (it could not be measured: its suite raised, timed out, or a
reference is missing; ``failed`` says why) or report-only (no target). ``make bench`` fails
unless every figure with a target is met.
"""

from __future__ import annotations

import json
import platform
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).with_name("results")


@dataclass
class Figure:
    name: str
    how: str
    ours: float | None
    reference: float | None = None
    reference_name: str = ""
    unit: str = "ms"
    #: The target: ("ratio" | "value", "<=" | ">=", number).
    target: tuple[str, str, float] | None = None
    samples: dict[str, list[float]] = field(default_factory=dict)
    note: str = ""
    #: Why the figure could not be measured ("" when it was).
    failed: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.reference:
            return None
        return self.ours / self.reference

    @property
    def met(self) -> bool | None:
        if self.target is None or self.failed:
            return None
        kind, op, bound = self.target
        value = self.ratio if kind == "ratio" else self.ours
        if value is None:
            return None
        return value <= bound if op == "<=" else value >= bound

    @property
    def outcome(self) -> str:
        """``met``, ``missed``, ``failed`` or ``report`` (no target)."""
        if self.failed:
            return "failed"
        if self.target is None:
            return "report"
        return {True: "met", False: "missed", None: "failed"}[self.met]

    def settle_outcome(self) -> None:
        """A figure with a target that has no value (or no reference for its ratio) failed."""
        if self.failed or self.target is None or self.met is not None:
            return
        missing = "no value" if self.ours is None else "no reference figure"
        self.failed = self.note or f"not measured ({missing})"

    def target_text(self) -> str:
        if self.target is None:
            return "report"
        kind, op, bound = self.target
        return f"{op} {bound:g}x" if kind == "ratio" else f"{op} {bound:g} {self.unit}"


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def interleaved(runs: int, **measures: Callable[[], float]) -> dict[str, list[float]]:
    """Run each measure in turn, A B A B ..., so drift in the machine's speed hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            samples[name].append(measure())
    return samples


def interleaved_apart(
    runs: int, **measures: Callable[[], float]
) -> tuple[dict[str, list[float]], dict[str, str]]:
    """As :func:`interleaved`, but a measure that raises is dropped, with why (its figure
    fails), and the others go on: ``(samples, failures)``."""
    samples: dict[str, list[float]] = {name: [] for name in measures}
    failures: dict[str, str] = {}
    for _ in range(runs):
        for name, measure in measures.items():
            if name in failures:
                continue
            try:
                samples[name].append(measure())
            except Exception as exc:
                failures[name] = f"{type(exc).__name__}: {exc}"
    return samples, failures


def median_or_none(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:,.0f} ms"
    if unit == "MB":
        return f"{value:,.1f} MB"
    return f"{value:,.2f} {unit}".strip()


def print_table(figures: list[Figure]) -> None:
    rows = [("figure", "cargo-tui", "reference", "ratio", "target", "met")]
    for f in figures:
        ref = (
            f"{_number(f.reference, f.unit)} ({f.reference_name})"
            if f.reference is not None
            else "–"
        )
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "–"
        met = {"met": "yes", "missed": "NO", "failed": "FAILED", "report": "–"}[f.outcome]
        ours = "failed" if f.failed else _number(f.ours, f.unit)
        rows.append((f.name, ours, ref, ratio, f.target_text(), met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    for f in figures:
        if f.failed:
            print(f"FAILED: {f.name}: {f.failed}")
        elif f.note:
            print(f"note: {f.name}: {f.note}")


def summary(figures: list[Figure]) -> tuple[str, bool]:
    """The closing line (met / missed / failed / report-only), and whether all targets held."""
    counts = {outcome: 0 for outcome in ("met", "missed", "failed", "report")}
    for f in figures:
        counts[f.outcome] += 1
    ok = counts["missed"] == 0 and counts["failed"] == 0
    line = (
        f"{'all targets met' if ok else 'TARGETS NOT MET'}: {counts['met']} met, "
        f"{counts['missed']} missed, {counts['failed']} failed, {counts['report']} report-only"
    )
    return line, ok


def save(figures: list[Figure], timings: dict[str, float] | None = None) -> Path:
    """``results/latest.json``: every figure (with ``met`` and, if it failed, why), and how
    many seconds each suite took."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "latest.json"
    body = {
        "at": datetime.now(UTC).isoformat(),
        "machine": {
            "python": platform.python_version(),
            "cpus": _cpus(),
            "system": platform.platform(),
        },
        "suite_seconds": timings or {},
        "figures": [
            asdict(f)
            | {"ratio": f.ratio, "met": f.met, "outcome": f.outcome, "failed": f.failed or None}
            for f in figures
        ],
    }
    path.write_text(json.dumps(body, indent=2))
    return path


def _cpus() -> int:
    import os

    return os.cpu_count() or 0
