"""When follow mode asks next: one query per interval at most, longer after a refusal.

The pacer counts from the end of a poll, so polls never overlap and never come closer than
the interval. A 429 (after the transport's own retries) doubles the interval, up to
:data:`CEILING`, and at least to the server's ``Retry-After``; another failure backs off the
same way; a poll that answers halves it back towards the base. Holding (the user reads a
row) stops the polls; releasing makes an overdue poll due at once. The clock is given (a
monotonic one in the app, a fake one in tests).
"""

from __future__ import annotations

import math
from collections.abc import Callable

#: The longest the pacer waits between polls, however often it was refused.
CEILING = 300.0


class Pacer:
    def __init__(self, interval: float, clock: Callable[[], float]) -> None:
        if interval <= 0:
            raise ValueError("the interval is a number of seconds, more than 0")
        self.clock = clock
        self.base = interval
        self.interval = interval
        self.next_at = clock()
        self.in_flight = False
        #: Why polls wait (the user reads a row, a detail is open): none, they run.
        self.holds: set[str] = set()
        #: The refusal the interval was last lengthened for (None: not backing off).
        self.backing_off: str | None = None

    @property
    def held(self) -> bool:
        return bool(self.holds)

    def set_base(self, interval: float) -> None:
        self.base = interval
        self.interval = max(self.interval, interval) if self.backing_off else interval

    def due(self) -> bool:
        return not self.in_flight and not self.held and self.clock() >= self.next_at

    def wait(self) -> float:
        """Seconds until the next poll is due (infinite while held or a poll runs)."""
        if self.in_flight or self.held:
            return math.inf
        return max(0.0, self.next_at - self.clock())

    def begin(self) -> None:
        self.in_flight = True

    def answered(self) -> None:
        self.in_flight = False
        self.interval = max(self.base, self.interval / 2)
        if self.interval == self.base:
            self.backing_off = None
        self.next_at = self.clock() + self.interval

    def refused(self, reason: str, retry_after: float | None = None) -> None:
        """The poll failed (``reason``: what to say); wait longer before the next."""
        self.in_flight = False
        self.interval = min(CEILING, max(self.interval * 2, retry_after or 0.0, self.base))
        self.backing_off = reason
        self.next_at = self.clock() + self.interval

    def hold(self, reason: str) -> None:
        self.holds.add(reason)

    def release(self, reason: str) -> None:
        self.holds.discard(reason)

    def now(self) -> bool:
        """Poll at once (``r``), unless backing off; whether it will."""
        if self.backing_off:
            return False
        self.next_at = self.clock()
        return True
