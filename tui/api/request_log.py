"""Every request a client made, in order, in memory: the session's API log.

The transport opens an :class:`Entry` for each request it sends (a read and its retries are
one entry), and closes it with the answer's status, or the error's reason. What is kept is
what a person needs to repeat the request: the method, the path, the GET parameters or the
JSON body, and which workspace it was asked of. Never a header: the token travels in one,
and no entry holds it. The log is bounded (:data:`KEEP`: the oldest entries drop off) and is
written nowhere; the API log screen can export it when the user asks.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tui import clock

#: Entries kept: the last 1,000 requests (a long on-call session makes a few hundred; an entry
#: is a few hundred bytes, its body aside).
KEEP = 1_000

#: Who made a request: a key (one per screen) and its name in words.
Origin = tuple[int, str]


@dataclass(slots=True)
class Entry:
    """One request: what was asked, and how it ended (``status`` None and ``done`` False while
    it is in flight; ``status`` None once done: no answer came)."""

    seq: int
    at: datetime
    method: str
    path: str
    params: Mapping[str, Any] | None = None
    body: Mapping[str, Any] | None = None
    base_url: str = ""
    #: The ``selected-workspace-uuid`` header's value, when the request carried one.
    workspace_uuid: str | None = None
    status: int | None = None
    #: Seconds from the first try to the answer (the retries' waits included).
    duration: float | None = None
    #: Tries after the first (a read is retried on 429, 5xx and connection errors).
    retries: int = 0
    #: What went wrong, in the client's words (the server's reason included), or None.
    error: str | None = None
    done: bool = False
    origin: Origin | None = None
    _started: float = field(default=0.0, repr=False)

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def outcome(self) -> str:
        """``200``, ``429: rate limited (...)``, ``no answer: no answer in time``,
        ``in flight``."""
        if not self.done:
            return "in flight"
        said = f"{self.status}" if self.status is not None else "no answer"
        return f"{said}: {self.error}" if self.error else said

    def summary(self) -> str:
        """``200 in 12 ms``, ``429 in 1.4 s after 2 retries: rate limited (...)``."""
        if not self.done:
            return "in flight"
        parts = [f"{self.status}" if self.status is not None else "no answer"]
        if self.duration is not None:
            parts.append(f"in {milliseconds(self.duration)}")
        if self.retries:
            parts.append(f"after {self.retries} {'retry' if self.retries == 1 else 'retries'}")
        said = " ".join(parts)
        return f"{said}: {self.error}" if self.error else said


class RequestLog:
    """The last :data:`KEEP` requests, oldest first; ``subscribe`` to hear of each change."""

    def __init__(self, keep: int = KEEP, *, timer: Callable[[], float] = time.perf_counter) -> None:
        self.keep = keep
        self.timer = timer
        self._entries: deque[Entry] = deque(maxlen=keep)
        self._seq = itertools.count(1)
        self._listeners: list[Callable[[Entry], None]] = []
        #: Who is asking, when a request opens (the app names the screen whose worker asks).
        self.origin: Callable[[], Origin | None] | None = None
        #: How many entries were ever opened (``dropped``: how many fell off the front).
        self.total = 0

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def dropped(self) -> int:
        return self.total - len(self._entries)

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def since(self, seq: int) -> list[Entry]:
        """The entries opened after ``seq``."""
        return [entry for entry in self._entries if entry.seq > seq]

    @property
    def last_seq(self) -> int:
        return self._entries[-1].seq if self._entries else 0

    def subscribe(self, listener: Callable[[Entry], None]) -> Callable[[], None]:
        """Call ``listener(entry)`` when an entry opens and when it closes, until the function
        returned is called."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def open(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        base_url: str = "",
        workspace_uuid: str | None = None,
    ) -> Entry:
        self.total += 1
        entry = Entry(
            seq=next(self._seq),
            at=clock.now(),
            method=method,
            path=path,
            params=dict(params) if params else None,
            body=dict(body) if body is not None else None,
            base_url=base_url,
            workspace_uuid=workspace_uuid,
            origin=self._origin(),
            _started=self.timer(),
        )
        self._entries.append(entry)
        self._tell(entry)
        return entry

    def close(self, entry: Entry, *, status: int | None, error: str | None = None) -> None:
        entry.status, entry.error, entry.done = status, error, True
        entry.duration = max(0.0, self.timer() - entry._started)
        self._tell(entry)

    @contextlib.contextmanager
    def recording(self, method: str, path: str, **request: Any) -> Iterator[Entry]:
        """``with log.recording("GET", path, params=...) as entry:`` around a request: the
        entry closes when the block ends, with the status the block set (``entry.status``),
        or with the error that ended it."""
        from tui.api.errors import CargoError

        entry = self.open(method, path, **request)
        try:
            yield entry
        except CargoError as exc:
            self.close(entry, status=exc.status, error=exc.message)
            raise
        except BaseException as exc:  # cancelled (the screen left), or a bug
            said = "cancelled" if type(exc).__name__ == "CancelledError" else type(exc).__name__
            self.close(entry, status=entry.status, error=said)
            raise
        self.close(entry, status=entry.status)

    def _origin(self) -> Origin | None:
        if self.origin is None:
            return None
        try:
            return self.origin()
        except Exception:  # who asked is a courtesy: it never stops a request
            return None

    def _tell(self, entry: Entry) -> None:
        for listener in list(self._listeners):
            listener(entry)


def milliseconds(seconds: float) -> str:
    """``12 ms``, ``1.4 s``."""
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.1f} s"
