"""The SQL editor's buffers, saved as the user types so a dropped SSH session loses nothing.

``data_dir()/buffers/<workspace_uuid>.json`` holds
``{"version": 1, "active": 0, "buffers": [{"name", "text", "cursor": [line, column]}]}``,
always replaced atomically (temporary file, fsync, rename): a ``kill -9`` at any moment leaves
the previous version or the new one, never a mix.

The editor calls :meth:`BufferWriter.update` on every change (no I/O, just a snapshot) and
:meth:`BufferWriter.tick` from a timer; the writer writes at most once per ``interval`` and
only when something changed. :meth:`BufferWriter.flush` writes at once (on quit or suspend).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.api.files import DestinationError
from tui.state.jsonfiles import encode_json, log, read_json, workspace_file, write_bytes
from tui.state.paths import data_dir

VERSION = 1


def buffers_path(workspace_uuid: str) -> Path:
    return workspace_file(data_dir() / "buffers", workspace_uuid, ".json")


@dataclass
class Buffer:
    name: str
    text: str = ""
    #: (line, column), from 0, as the editor reports it.
    cursor: tuple[int, int] = (0, 0)


@dataclass
class Buffers:
    buffers: list[Buffer] = field(default_factory=lambda: [Buffer("query 1")])
    #: Index of the buffer shown.
    active: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "active": self.active,
            "buffers": [
                {"name": b.name, "text": b.text, "cursor": list(b.cursor)} for b in self.buffers
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Buffers:
        buffers: list[Buffer] = []
        for item in data.get("buffers") or []:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                continue
            cursor = item.get("cursor")
            location = (
                (cursor[0], cursor[1])
                if isinstance(cursor, list) and _is_location(cursor)
                else (0, 0)
            )
            name = str(item.get("name") or f"query {len(buffers) + 1}")
            buffers.append(Buffer(name, item["text"], location))
        if not buffers:
            return cls()
        active = data.get("active")
        if not isinstance(active, int) or not 0 <= active < len(buffers):
            active = 0
        return cls(buffers, active)


def _is_location(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(part, int) and part >= 0 for part in value)
    )


def load_buffers(workspace_uuid: str, *, path: Path | None = None) -> tuple[Buffers, list[str]]:
    """The saved buffers (one empty buffer when there are none), and any warnings to show."""
    data, warnings = read_json(path or buffers_path(workspace_uuid), VERSION)
    return (Buffers.from_json(data) if data else Buffers()), warnings


def save_buffers(workspace_uuid: str, buffers: Buffers, *, path: Path | None = None) -> None:
    """Write the buffers now, atomically."""
    write_bytes(path or buffers_path(workspace_uuid), encode_json(buffers.to_json()))


class BufferWriter:
    """Coalesces saves: snapshot on every change, write at most once per ``interval`` seconds."""

    def __init__(
        self,
        workspace_uuid: str,
        *,
        path: Path | None = None,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path or buffers_path(workspace_uuid)
        self.interval = interval
        self._clock = clock
        self._pending: bytes | None = None
        self._written: bytes | None = None
        self._last_write = float("-inf")
        self.writes = 0
        #: Why the last write failed (the disk is full, the folder is read-only), or None.
        self.error: str | None = None

    @property
    def dirty(self) -> bool:
        return self._pending is not None

    def update(self, buffers: Buffers) -> None:
        """Note the current buffers (cheap: call it on every keystroke)."""
        body = encode_json(buffers.to_json())
        self._pending = None if body == self._written else body

    def tick(self) -> bool:
        """Write if something changed and ``interval`` has passed since the last write."""
        if self._pending is None or self._clock() - self._last_write < self.interval:
            return False
        return self.flush()

    def flush(self) -> bool:
        """Write now if something changed; True when a write happened.

        A failed write never raises (this runs from a timer): the change stays pending, to be
        tried again at the next tick, and :attr:`error` says what went wrong.
        """
        if self._pending is None:
            return False
        body = self._pending
        self._last_write = self._clock()
        try:
            write_bytes(self.path, body)
        except (OSError, DestinationError) as failure:
            message = f"Cannot save the SQL buffers to {self.path}: {failure}"
            if message != self.error:
                log.warning(message)
            self.error = message
            return False
        self._written, self._pending, self.error = body, None, None
        self.writes += 1
        return True
