"""The folder each kind of export last went to, so the export dialog starts there next time.

``data_dir()/export-folders.json`` holds ``{"version": 1, "folders": {"runs": "/abs/folder"}}``,
one entry per kind of export as :attr:`tui.export.ExportSource.kind` names it (runs, outputs,
batch, segment, query, rows), replaced atomically, readable by its owner only. Whether a
folder still exists is the reader's question: it may have been removed since.
"""

from __future__ import annotations

from pathlib import Path

from tui.api.files import DestinationError
from tui.state.jsonfiles import encode_json, log, read_json, write_bytes
from tui.state.paths import data_dir

VERSION = 1


def folders_path() -> Path:
    return data_dir() / "export-folders.json"


def _folders() -> tuple[dict[str, str], list[str]]:
    data, warnings = read_json(folders_path(), VERSION)
    found = data.get("folders") if data else None
    if not isinstance(found, dict):
        return {}, warnings
    kept = {
        str(kind): folder
        for kind, folder in found.items()
        if isinstance(folder, str) and Path(folder).is_absolute()
    }
    return kept, warnings


def last_folder(kind: str) -> tuple[Path | None, list[str]]:
    """The folder ``kind`` last went to (None: never, or unreadable), and warnings to show."""
    folders, warnings = _folders()
    folder = folders.get(kind)
    return (Path(folder) if folder else None), warnings


def remember_folder(kind: str, folder: Path) -> str | None:
    """Note ``folder`` (absolute) as where ``kind`` went; why that failed, or None."""
    folders, _ = _folders()
    folders[kind] = str(folder)
    path = folders_path()
    try:
        write_bytes(path, encode_json({"version": VERSION, "folders": folders}))
    except (OSError, DestinationError) as failure:
        message = f"Cannot remember the export folder in {path}: {failure}"
        log.warning(message)
        return message
    return None
