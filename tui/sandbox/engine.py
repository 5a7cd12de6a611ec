"""The chDB engine: one embedded ClickHouse session per process, shared by every sandbox in it.

chDB keeps one session per process safely; FastAPI runs sync endpoints in a thread pool, so every
statement goes through one lock. Each workspace lives in its own database (see ``schema.py``).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

_lock = threading.RLock()
_session: Any = None
#: The session's folder, once opened.
_folders: list[str] = []
_counter = 0


class EngineError(Exception):
    """ClickHouse refused or failed a statement; ``code`` is its error code when known."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.code = _code_of(message)


def _code_of(message: str) -> int | None:
    _, _, rest = message.partition("Code: ")
    digits = rest.split(".", 1)[0].strip()
    return int(digits) if digits.isdigit() else None


def session() -> Any:
    """The process's chDB session, opened on first use in a temporary folder removed at exit."""
    global _session
    with _lock:
        if _session is None:
            from chdb import session as chdb_session

            path = tempfile.mkdtemp(prefix="cargo-sandbox-chdb-")
            _session = chdb_session.Session(path)  # type: ignore[no-untyped-call]
            _folders.append(path)
            atexit.register(shutil.rmtree, path, True)
        return _session


def remove_folders() -> None:
    """Remove the session's folder now, for a process that ends without its exit handlers
    (chDB can crash at interpreter shutdown). chDB may still be writing there (a stop while
    the history loads): a removal it raced fails part-way, so remove until nothing is left."""
    for path in _folders:
        for _ in range(100):
            if not os.path.exists(path):
                break
            shutil.rmtree(path, ignore_errors=True)


def new_database_prefix() -> str:
    """A fresh database name prefix, so several sandboxes can share the process's session."""
    global _counter
    with _lock:
        _counter += 1
        return f"sandbox{_counter}"


def _failed(exc: Exception) -> EngineError:
    """The error of a statement that failed, once chDB has let go of its output.

    A statement that fails part way (one over ``max_result_rows`` does, having written some
    rows) leaves what it wrote in the session: chDB hands it out at the start of the next
    statement's answer (a ``DESCRIBE`` after a capped ``SELECT * FROM spans`` answered spans).
    A throwaway statement takes it, so the next one answers only its own rows.
    """
    with contextlib.suppress(Exception):
        session().query("SELECT 1", "TSVRaw")
    return EngineError(str(exc))


@contextlib.contextmanager
def together() -> Iterator[None]:
    """Statements run in this block run back to back: no other thread's come between."""
    with _lock:
        yield


def execute(sql: str, params: Mapping[str, Any] | None = None) -> str:
    """Run one statement; its output as text (TSV unless the statement says otherwise)."""
    with _lock:
        try:
            result = session().query(sql, "TSVRaw", params=dict(params) if params else None)
        except Exception as exc:  # chDB raises its own error type, or RuntimeError
            raise _failed(exc) from None
        # Read while no other statement runs: a result is chDB's buffer until read.
        return str(result)


def rows(sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a SELECT; its rows as dicts (64-bit integers as JSON numbers)."""
    return [json.loads(line) for line in rows_json(sql, params)]


def rows_json(sql: str, params: Mapping[str, Any] | None = None) -> list[bytes]:
    """Run a SELECT; each row as the JSON object ClickHouse wrote (no Python round trip)."""
    with _lock:
        try:
            result = session().query(sql, "JSONEachRow", params=dict(params) if params else None)
        except Exception as exc:
            raise _failed(exc) from None
        raw = result.bytes() if hasattr(result, "bytes") else str(result).encode()
    return [line for line in raw.splitlines() if line]


def scalar(sql: str, params: Mapping[str, Any] | None = None) -> Any:
    found = rows(sql, params)
    return next(iter(found[0].values())) if found else None


def quote(value: str) -> str:
    """A ClickHouse string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def ch_time(moment: datetime) -> str:
    """A DateTime64(3) literal value in UTC, as ClickHouse parses it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def parse_ch_time(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def iso_from_ch(text: str | None) -> str | None:
    """ClickHouse's ``2026-11-27 14:02:11.123`` as the API writes it: ``2026-11-27T14:02:11.123Z``."""
    if text is None:
        return None
    return text.replace(" ", "T") + ("Z" if "." in text else ".000Z")
