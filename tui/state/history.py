"""Query history, one JSON Lines file per workspace, newest entries last on disk.

``data_dir()/history/<workspace_uuid>.jsonl`` holds one entry a line:
``{"version": 1, "id", "at", "sql", "duration_ms", "rows", "error", "cap"}``. Appends are one
``write`` of a whole line, fsynced; a crash can only tear the last line, which reading skips
(and the next append starts on a fresh line). Past ``cap`` entries (plus some slack, so it is
not done on every append) the file is rewritten atomically with the newest ``cap``.

Two windows on one workspace append whole lines side by side (``O_APPEND``); a compaction in
one can drop an entry the other appends at that very moment, a loss history can afford.
A failed write never raises: the entry is returned and :attr:`History.warnings` says why.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.api.files import DestinationError
from tui.api.sql.fuzzy import matches_terms
from tui.state.jsonfiles import PRIVATE, log, set_aside, workspace_file, write_bytes
from tui.state.paths import data_dir

VERSION = 1
DEFAULT_CAP = 5_000


def history_path(workspace_uuid: str) -> Path:
    return workspace_file(data_dir() / "history", workspace_uuid, ".jsonl")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: str
    at: datetime
    sql: str
    duration_ms: int | None = None
    rows: int | None = None
    #: The short error message when the query failed.
    error: str | None = None
    #: The cap the query hit (``tui.api.sql.server_errors.Cap`` value), if any.
    cap: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "id": self.id,
            "at": self.at.isoformat(),
            "sql": self.sql,
            "duration_ms": self.duration_ms,
            "rows": self.rows,
            "error": self.error,
            "cap": self.cap,
        }

    @classmethod
    def from_json(cls, data: Any) -> HistoryEntry:
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("not a version 1 history entry")
        sql, at = data["sql"], datetime.fromisoformat(data["at"])
        if not isinstance(sql, str):
            raise ValueError("sql is not text")
        return cls(
            id=str(data["id"]),
            at=at if at.tzinfo else at.replace(tzinfo=UTC),
            sql=sql,
            duration_ms=_int_or_none(data.get("duration_ms")),
            rows=_int_or_none(data.get("rows")),
            error=_str_or_none(data.get("error")),
            cap=_str_or_none(data.get("cap")),
        )


def _int_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class History:
    """The query history of one workspace."""

    def __init__(self, workspace_uuid: str, *, path: Path | None = None, cap: int = DEFAULT_CAP):
        self.path = path or history_path(workspace_uuid)
        self.cap = cap
        self.warnings: list[str] = []
        self._count: int | None = None

    def record(
        self,
        sql: str,
        *,
        duration_ms: int | None = None,
        rows: int | None = None,
        error: str | None = None,
        cap: str | None = None,
        at: datetime | None = None,
    ) -> HistoryEntry:
        """Append a query that was run, and return its entry."""
        entry = HistoryEntry(
            uuid.uuid4().hex, at or datetime.now(UTC), sql, duration_ms, rows, error, cap
        )
        self.append(entry)
        return entry

    def append(self, entry: HistoryEntry) -> None:
        line = json.dumps(entry.to_json(), ensure_ascii=False).encode("utf-8") + b"\n"
        if self._count is None:
            self._count = len(self._read())
        try:
            self._append_line(line)
            self._count += 1
            if self._count > self.cap + max(self.cap // 10, 1):
                self.compact()
        except (OSError, DestinationError) as failure:
            message = f"Cannot write the query history to {self.path}: {failure}"
            log.warning(message)
            self._warn(message)

    def _append_line(self, line: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, PRIVATE)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # a torn last line: do not glue this entry to it
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def entries(self) -> list[HistoryEntry]:
        """Every readable entry, newest first."""
        return list(reversed(self._read()))

    def compact(self) -> None:
        """Keep only the newest ``cap`` entries, rewriting the file atomically."""
        kept = self._read()[-self.cap :] if self.cap else []
        body = b"".join(
            json.dumps(entry.to_json(), ensure_ascii=False).encode("utf-8") + b"\n"
            for entry in kept
        )
        write_bytes(self.path, body)
        self._count = len(kept)

    def search(self, query: str, *, limit: int = 500, unique: bool = False) -> list[HistoryEntry]:
        """Entries whose SQL or error contain ``query``, then fuzzy matches; newest first in each.

        ``unique`` keeps only the newest run of each query text (ignoring spacing).
        """
        entries = self.entries()
        wanted = query.strip().lower()
        if wanted:
            exact = [e for e in entries if wanted in _haystack(e).lower()]
            seen = {e.id for e in exact}
            fuzzy = [e for e in entries if e.id not in seen and matches_terms(wanted, _haystack(e))]
            entries = exact + fuzzy
        if unique:
            texts: set[str] = set()
            distinct = []
            for entry in entries:
                text = " ".join(entry.sql.split())
                if text not in texts:
                    texts.add(text)
                    distinct.append(entry)
            entries = distinct
        return entries[:limit]

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _read(self) -> list[HistoryEntry]:
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return []  # nothing there (a blocked folder shows when writing)
        except OSError as error:
            self._warn(set_aside(self.path, error.strerror or "unreadable"))
            return []
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._warn(set_aside(self.path, "not UTF-8 text"))
            return []
        lines = text.split("\n")
        torn = lines.pop()  # "" when the file ends with a newline, else a torn last line
        entries, bad = [], 0
        for line in lines:
            if not line.strip():
                continue
            try:
                entries.append(HistoryEntry.from_json(json.loads(line)))
            except (ValueError, KeyError, TypeError):
                bad += 1
        if torn.strip():
            # The line a crash cut short: expected, not worth a warning.
            with contextlib.suppress(ValueError, KeyError, TypeError):
                entries.append(HistoryEntry.from_json(json.loads(torn)))
        if bad and not entries:
            self._warn(set_aside(self.path, "no readable entry"))
        elif bad:
            message = f"{self.path}: {bad} unreadable history line(s) skipped"
            if message not in self.warnings:
                log.warning(message)
            self._warn(message)
        return entries


def _haystack(entry: HistoryEntry) -> str:
    return entry.sql if entry.error is None else f"{entry.sql}\n{entry.error}"
