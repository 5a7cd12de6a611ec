"""Which batch re-ran which: kept locally, since Cargo does not say (``new -> source``)."""

from __future__ import annotations

from pathlib import Path

from tui.state.jsonfiles import read_json, workspace_file, write_json
from tui.state.paths import data_dir

VERSION = 1


def lineage_path(workspace_uuid: str) -> Path:
    return workspace_file(data_dir() / "lineage", workspace_uuid, ".json")


def load(workspace_uuid: str) -> dict[str, str]:
    """The links of a workspace; an unreadable file is set aside (lineage is a convenience)."""
    data, _ = read_json(lineage_path(workspace_uuid), VERSION)
    links = data.get("links", {}) if data else {}
    return {str(k): str(v) for k, v in links.items()} if isinstance(links, dict) else {}


def remember(workspace_uuid: str, new_batch: str, source_batch: str) -> None:
    links = load(workspace_uuid)
    links[new_batch] = source_batch
    write_json(lineage_path(workspace_uuid), {"version": VERSION, "links": links})
