"""What the API log shows and hands over, below the screens: the requests behind one screen
("how this was fetched"), the log as rows for an export, and as a shell transcript to copy."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from tui.api.command_lines import entry_lines, repeat_lines
from tui.api.request_log import Entry

#: The columns of an exported log, in order.
COLUMNS = ("seq", "at", "method", "path", "params", "body", "status", "duration_ms", "retries",
           "error", "screen", "cargo_ai", "curl")  # fmt: skip


def _key(entry: Entry) -> str:
    asked = [entry.method, entry.path, entry.params, entry.body, entry.workspace_uuid]
    return json.dumps(asked, sort_keys=True, default=str)


def behind(entries: Iterable[Entry], origin: int) -> list[Entry]:
    """The requests that made what the screen ``origin`` shows: the ones its workers sent,
    each distinct request once, at its last sending (a refresh or a page asked again does not
    repeat it), in the order they were last sent."""
    last: dict[str, Entry] = {}
    for entry in entries:
        if entry.origin is not None and entry.origin[0] == origin:
            last.pop(_key(entry), None)
            last[_key(entry)] = entry
    return list(last.values())


def transcript(entries: Iterable[Entry]) -> str:
    """The requests as a shell script: a comment naming each and its outcome, then its
    cargo-ai line where there is one and its curl line (run it with ``CARGO_API_TOKEN`` set)."""
    return "".join("\n".join(repeat_lines(entry)) + "\n" for entry in entries)


def rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """One row per request, :data:`COLUMNS` (parameters and bodies as JSON text)."""
    found = []
    for entry in entries:
        cargo_ai, curl = entry_lines(entry)
        found.append(
            {
                "seq": entry.seq,
                "at": entry.at.isoformat(),
                "method": entry.method,
                "path": entry.path,
                "params": _json(entry.params),
                "body": _json(entry.body),
                "status": entry.status,
                "duration_ms": None if entry.duration is None else round(entry.duration * 1000),
                "retries": entry.retries,
                "error": entry.error,
                "screen": entry.origin[1] if entry.origin else None,
                "cargo_ai": cargo_ai,
                "curl": curl,
            }
        )
    return found


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)
