"""The last discovery of each workspace, painted at once on the next start.

Keyed by a hash of the base URL and token (known before any network answer), never by the
token itself. Versioned JSON; an unreadable file is set aside, never fatal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.api.files import atomic_write
from tui.api.secret import Secret
from tui.state.paths import cache_dir

VERSION = 1


@dataclass
class CachedDiscovery:
    saved_at: datetime
    workspace_uuid: str
    workspace_name: str
    lists: dict[str, Any]


def cache_key(base_url: str, token: Secret) -> str:
    digest = hashlib.sha256(f"{base_url}\0{token.reveal()}".encode()).hexdigest()
    return digest[:24]


def cache_path(key: str) -> Path:
    return cache_dir() / "discovery" / f"{key}.json"


def load(key: str) -> CachedDiscovery | None:
    path = cache_path(key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        return CachedDiscovery(
            saved_at=datetime.fromisoformat(data["saved_at"]),
            workspace_uuid=str(data["workspace"]["uuid"]),
            workspace_name=str(data["workspace"]["name"]),
            lists=dict(data["lists"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        # A cache is only a head start: an unreadable one is dropped, never fatal.
        path.unlink(missing_ok=True)
        return None


def save(key: str, workspace_uuid: str, workspace_name: str, lists: dict[str, Any]) -> None:
    path = cache_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "version": VERSION,
        "saved_at": datetime.now(UTC).isoformat(),
        "workspace": {"uuid": workspace_uuid, "name": workspace_name},
        "lists": lists,
    }
    with atomic_write(path, overwrite=True, mode=0o600) as fh:
        fh.write(json.dumps(body, separators=(",", ":")).encode())
