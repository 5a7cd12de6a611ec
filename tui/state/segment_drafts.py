"""Segment filters being edited, saved as the user types so a dropped SSH session loses nothing.

``data_dir()/segment-drafts/<workspace_uuid>.json`` holds
``{"version": 1, "drafts": {"<segment uuid>": {"filter": text, "sort": text, "limit": text}}}``:
the editor's text as typed (not parsed: half-typed JSON is kept too), replaced atomically. A
draft equal to the segment's own filter is not kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.api.files import DestinationError
from tui.state.jsonfiles import encode_json, log, read_json, workspace_file, write_bytes
from tui.state.paths import data_dir

VERSION = 1
#: Drafts kept per workspace; the oldest go first (a workspace has tens of segments, not more).
MAX_DRAFTS = 200


def drafts_path(workspace_uuid: str) -> Path:
    return workspace_file(data_dir() / "segment-drafts", workspace_uuid, ".json")


@dataclass(frozen=True)
class Draft:
    """What the user typed for a segment: its filter, sort and limit, as text."""

    filter: str
    sort: str = ""
    limit: str = ""

    def to_json(self) -> dict[str, str]:
        return {"filter": self.filter, "sort": self.sort, "limit": self.limit}

    @classmethod
    def from_json(cls, data: Any) -> Draft | None:
        if not isinstance(data, dict) or not isinstance(data.get("filter"), str):
            return None
        sort, limit = data.get("sort", ""), data.get("limit", "")
        return cls(
            data["filter"],
            sort if isinstance(sort, str) else "",
            limit if isinstance(limit, str) else "",
        )


def load_drafts(workspace_uuid: str) -> tuple[dict[str, Draft], list[str]]:
    """The saved drafts by segment uuid, and any warnings to show (never raises)."""
    data, warnings = read_json(drafts_path(workspace_uuid), VERSION)
    drafts: dict[str, Draft] = {}
    items = data.get("drafts") if data else None
    if isinstance(items, dict):
        for uuid, item in items.items():
            draft = Draft.from_json(item)
            if draft is not None:
                drafts[str(uuid)] = draft
    return drafts, warnings


def save_drafts(workspace_uuid: str, drafts: dict[str, Draft]) -> str | None:
    """Write the drafts now, atomically; the reason it failed (the message to show), or None."""
    kept = dict(list(drafts.items())[-MAX_DRAFTS:])
    body = {"version": VERSION, "drafts": {uuid: d.to_json() for uuid, d in kept.items()}}
    path = drafts_path(workspace_uuid)
    try:
        write_bytes(path, encode_json(body))
    except (OSError, DestinationError) as failure:
        message = f"Cannot save the filter drafts to {path}: {failure}"
        log.warning(message)
        return message
    return None
