"""Figures, their medians and ratios, the printed table and ``results/latest.json``."""

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

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.reference:
            return None
        return self.ours / self.reference

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        kind, op, bound = self.target
        value = self.ratio if kind == "ratio" else self.ours
        if value is None:
            return None
        return value <= bound if op == "<=" else value >= bound

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
        met = {True: "yes", False: "NO", None: "–"}[f.met]
        rows.append((f.name, _number(f.ours, f.unit), ref, ratio, f.target_text(), met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    for f in figures:
        if f.note:
            print(f"note: {f.name}: {f.note}")


def save(figures: list[Figure]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "latest.json"
    body = {
        "at": datetime.now(UTC).isoformat(),
        "machine": {
            "python": platform.python_version(),
            "cpus": _cpus(),
            "system": platform.platform(),
        },
        "figures": [asdict(f) | {"ratio": f.ratio, "met": f.met} for f in figures],
    }
    path.write_text(json.dumps(body, indent=2))
    return path


def _cpus() -> int:
    import os

    return os.cpu_count() or 0
