"""The export dialog's path field, checked as the user types, and completed on tab.

The checks are :func:`tui.api.files.check_destination`'s (the ones the writers apply again
when they start), reported as a :class:`DestinationCheck` instead of raised, plus the two
that only make sense for typed text: a trailing ``/`` names a folder, and an empty field.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tui.api.files import (
    DestinationError,
    check_destination,
    check_name_length,
    exists_message,
)
from tui.export.engine import sidecar_path

Status = Literal["ok", "exists", "invalid"]


@dataclass(frozen=True)
class DestinationCheck:
    """``ok``: write there. ``exists``: ask before replacing. ``invalid``: ``message`` says why."""

    status: Status
    message: str
    path: Path | None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def needs_confirmation(self) -> bool:
        return self.status == "exists"


def resolve_typed(typed: str, cwd: Path | None = None) -> Path:
    """The absolute path ``typed`` names: ``~`` expanded, relative to ``cwd``, ``..`` resolved
    (through symlinks, as the kernel will; the file name itself is kept as typed)."""
    path = Path(os.path.expanduser(typed.strip()))
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    if path.name in ("", ".", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


def check_typed_destination(
    typed: str, *, cwd: Path | None = None, with_sidecar: bool = False
) -> DestinationCheck:
    """Whether the export can be written where ``typed`` says, and if not, why and what to do.

    ``with_sidecar``: also check the ``.meta.json`` that ``with_provenance`` writes beside it.
    """
    if not typed.strip():
        return DestinationCheck("invalid", "Type a file name, such as runs.csv.", None)
    control = next((c for c in typed if unicodedata.category(c) == "Cc"), None)
    if control is not None:  # a paste can carry them; a file name holding one is a trap
        return DestinationCheck(
            "invalid",
            f"The path holds a control character (U+{ord(control):04X}, character "
            f"{typed.index(control) + 1}); retype it without.",
            None,
        )
    path = resolve_typed(typed, cwd)
    try:
        check_name_length(path)  # first: asking the system about such a name fails
    except DestinationError as exc:
        return DestinationCheck("invalid", str(exc), path)
    if typed.rstrip().endswith(("/", os.sep)) or path.is_dir():
        example = path / "export.csv"
        return DestinationCheck(
            "invalid", f"{path} is a folder; add a file name, such as {example}.", path
        )
    targets = [path, sidecar_path(path)] if with_sidecar else [path]
    try:
        for target in targets:
            check_destination(target, overwrite=True)
    except DestinationError as exc:
        return DestinationCheck("invalid", str(exc), path)
    existing = [t for t in targets if t.exists()]
    if existing:
        return DestinationCheck("exists", exists_message(existing[0]), path)
    return DestinationCheck("ok", "", path)


def complete_path(typed: str, *, cwd: Path | None = None, limit: int = 50) -> list[str]:
    """Completions of a partly typed path: the entries of its folder whose names start with
    what follows the last ``/``, as the user would type them (``~`` kept), folders ending
    in ``/``, folders first. Hidden entries only when the typed name starts with a dot."""
    if typed == "~":
        return ["~/"]
    head, prefix = os.path.split(typed)
    folder = Path(os.path.expanduser(head)) if head else Path(".")
    if not folder.is_absolute():
        folder = (cwd or Path.cwd()) / folder
    found: list[tuple[bool, str]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if not name.startswith(prefix) or (
                    name.startswith(".") and not prefix.startswith(".")
                ):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                found.append((not is_dir, os.path.join(head, name) + ("/" if is_dir else "")))
    except OSError:
        return []
    found.sort(key=lambda item: (item[0], item[1].lower()))
    return [candidate for _, candidate in found[:limit]]
