"""Versioned JSON state files: written atomically, and set aside (never fatal) when unreadable.

Every state file is ``{"version": N, ...}``. One that cannot be read (bad JSON, not UTF-8, an
unknown version, a folder where a file should be) is renamed ``<name>.bad-<timestamp>`` so
nothing is lost and the app starts afresh; the caller gets a warning to show.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.api.files import atomic_write, remove_stale_temps

log = logging.getLogger("tui.state")

#: State can hold SQL and error text from the workspace: readable by its owner only.
PRIVATE = 0o600
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")


def workspace_file(folder: Path, workspace_uuid: str, suffix: str) -> Path:
    """``folder/<workspace_uuid><suffix>``; an odd uuid is hashed, never used as a path."""
    name = workspace_uuid
    if not _SAFE_NAME.fullmatch(name):
        name = hashlib.sha256(workspace_uuid.encode()).hexdigest()[:32]
    return folder / f"{name}{suffix}"


def set_aside(path: Path, reason: str) -> str:
    """Rename an unreadable file out of the way; the warning to show."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.bad-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.bad-{stamp}-{counter}")
    try:
        path.rename(target)
    except OSError as error:
        message = f"{path} is unreadable ({reason}) and could not be moved aside: {error.strerror}"
    else:
        message = f"{path} was unreadable ({reason}); it was kept as {target.name}"
    log.warning(message)
    return message


def read_json(path: Path, version: int) -> tuple[dict[str, Any] | None, list[str]]:
    """The file's object, or None when it is missing or was set aside; and any warnings."""
    remove_stale_temps(path)  # a writer killed mid-write leaves its temporary
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None, []  # nothing there (a blocked folder shows when writing)
    except OSError as error:
        return None, [set_aside(path, error.strerror or type(error).__name__)]
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return None, [set_aside(path, f"not JSON: {error}")]
    if not isinstance(data, dict) or data.get("version") != version:
        found = data.get("version") if isinstance(data, dict) else None
        return None, [set_aside(path, f"version {found!r}, expected {version}")]
    return data, []


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` atomically: the old file or the new one, whatever happens meanwhile."""
    write_bytes(path, encode_json(data))


def encode_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def write_bytes(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with atomic_write(path, overwrite=True, mode=PRIVATE) as handle:
        handle.write(body)
