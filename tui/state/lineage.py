"""Which batch re-ran which: kept locally, since Cargo does not say (``new -> source``)."""

from __future__ import annotations

import json
from pathlib import Path

from tui.api.files import atomic_write
from tui.state.paths import data_dir


def lineage_path(workspace_uuid: str) -> Path:
    return data_dir() / "lineage" / f"{workspace_uuid}.json"


def load(workspace_uuid: str) -> dict[str, str]:
    path = lineage_path(workspace_uuid)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        links = data.get("links", {}) if data.get("version") == 1 else {}
        return {str(k): str(v) for k, v in links.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError):
        # Lineage is a convenience: an unreadable file is set aside, never fatal.
        path.rename(path.with_suffix(".json.bad"))
        return {}


def remember(workspace_uuid: str, new_batch: str, source_batch: str) -> None:
    links = load(workspace_uuid)
    links[new_batch] = source_batch
    path = lineage_path(workspace_uuid)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, overwrite=True) as fh:
        fh.write(json.dumps({"version": 1, "links": links}).encode())
