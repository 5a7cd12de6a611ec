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

from tui.api.secret import Secret
from tui.state.jsonfiles import read_json, set_aside, write_bytes
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
    """The cached discovery, or None; an unreadable cache is set aside, never fatal."""
    data, _ = read_json(cache_path(key), VERSION)
    if data is None:
        return None
    try:
        return CachedDiscovery(
            saved_at=datetime.fromisoformat(data["saved_at"]),
            workspace_uuid=str(data["workspace"]["uuid"]),
            workspace_name=str(data["workspace"]["name"]),
            lists=dict(data["lists"]),
        )
    except (ValueError, KeyError, TypeError):
        set_aside(cache_path(key), "not a discovery cache")
        return None


def save(key: str, workspace_uuid: str, workspace_name: str, lists: dict[str, Any]) -> None:
    body = {
        "version": VERSION,
        "saved_at": datetime.now(UTC).isoformat(),
        "workspace": {"uuid": workspace_uuid, "name": workspace_name},
        "lists": lists,
    }
    write_bytes(cache_path(key), json.dumps(body, separators=(",", ":")).encode())
