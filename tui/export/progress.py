"""How far an export has gone, said the same way by the dialog and by ``cargo-tui export``.

An export reports :class:`Step`\\s: bytes while it downloads, rows while it writes. A
:class:`Meter` turns them into a rate and a time left, once a phase has run long enough for
the rate to mean something (before that it says neither, rather than a wild guess).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tui.export.options import ExportResult

Phase = Literal["preparing", "downloading", "writing"]
Unit = Literal["bytes", "rows"]

#: Seconds a phase must have run before its rate (and so a time left) is shown.
MIN_SECONDS_FOR_RATE = 1.0


@dataclass(frozen=True)
class Step:
    """``done`` of ``total`` (None: unknown) ``unit`` in ``phase``; ``part`` of ``parts`` files."""

    phase: Phase
    done: int = 0
    total: int | None = None
    unit: Unit = "rows"
    part: int = 1
    parts: int = 1

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)

    @property
    def title(self) -> str:
        """``Downloading file 2 of 3``, ``Writing rows``, ``Asking Cargo for the file``."""
        if self.phase == "preparing":
            return "Asking Cargo for the file"
        if self.phase == "downloading":
            return (
                f"Downloading file {self.part} of {self.parts}" if self.parts > 1 else "Downloading"
            )
        return "Writing rows"


#: Called as an export goes; may be called from a worker thread.
Report = Callable[[Step], None]


def human_bytes(size: float) -> str:
    """``812 B``, ``12.3 KB``, ``4.0 MB`` (powers of 1,024)."""
    if size < 1024:
        return f"{int(size)} B"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}"
    raise AssertionError("unreachable")


def human_seconds(seconds: float) -> str:
    """``4 s``, ``2 min 05 s``, ``1 h 12 min``."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def amount(step: Step) -> str:
    """``1.2 MB of 3.4 MB``, ``1,000 of 4,980 rows``, ``812 rows``."""
    if step.unit == "bytes":
        done = human_bytes(step.done)
        return done if step.total is None else f"{done} of {human_bytes(step.total)}"
    rows = "row" if (step.done if step.total is None else step.total) == 1 else "rows"
    if step.total is None:
        return f"{step.done:,} {rows}"
    return f"{step.done:,} of {step.total:,} {rows}"


class Meter:
    """The rate and time left of the current phase, from the steps reported so far."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._key: tuple[Phase, int] | None = None
        self._started = 0.0
        self._step: Step | None = None
        self._seconds = 0.0

    def update(self, step: Step) -> None:
        now = self._clock()
        key = (step.phase, step.part)
        if key != self._key:
            self._key, self._started = key, now
        self._step = step
        self._seconds = now - self._started

    @property
    def rate(self) -> float | None:
        """Units per second, once the phase has run :data:`MIN_SECONDS_FOR_RATE`."""
        step = self._step
        if step is None or self._seconds < MIN_SECONDS_FOR_RATE or step.done <= 0:
            return None
        return step.done / self._seconds

    @property
    def seconds_left(self) -> float | None:
        step, rate = self._step, self.rate
        if step is None or rate is None or not step.total:
            return None
        return max(0.0, (step.total - step.done) / rate)

    def text(self) -> str:
        """``1.2 MB of 3.4 MB · 800.0 KB/s · about 3 s left`` (what is known of it)."""
        step = self._step
        if step is None or step.phase == "preparing":
            return ""
        parts = [amount(step)]
        rate = self.rate
        if rate is not None:
            per = f"{human_bytes(rate)}/s" if step.unit == "bytes" else f"{rate:,.0f} rows/s"
            parts.append(per)
        left = self.seconds_left
        if left is not None:
            parts.append(f"about {human_seconds(left)} left")
        return " · ".join(parts)


def describe_result(result: ExportResult) -> str:
    """``85 rows (12.3 KB)``: what the done message and the CLI's last line say."""
    rows = "1 row" if result.rows == 1 else f"{result.rows:,} rows"
    return f"{rows} ({human_bytes(result.bytes)})"
