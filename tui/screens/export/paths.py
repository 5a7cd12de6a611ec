"""The export dialog's path field: its default, its checks as the user types, its extension.

The checks are the engine's (:func:`tui.export.check_typed_destination`: folder exists and is
writable, not a folder, ``~`` and ``..`` resolved, names not too long) plus the format the
extension names; a Textual :class:`Validator` carries them to the field.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.validation import ValidationResult, Validator

from tui.export import DestinationCheck, ExportSource, Format, check_typed_destination
from tui.state.export_folders import last_folder

#: Where exports go by default when it exists; else the current folder.
EXPORTS_FOLDER = "cargo-exports"


def default_folder() -> Path:
    folder = Path.home() / EXPORTS_FOLDER
    return folder if folder.is_dir() else Path.cwd()


@dataclass(frozen=True)
class StartFolder:
    """Where the dialog starts, and what to say about it (a remembered folder since removed,
    an unreadable state file), if anything."""

    folder: Path
    note: str | None = None


def start_folder(kind: str) -> StartFolder:
    """The folder this kind of export went to last time, if it still exists; else the usual
    default (``~/cargo-exports``, else the current folder), saying why."""
    remembered, notes = last_folder(kind)
    if remembered is not None and remembered.is_dir():
        return StartFolder(remembered, " ".join(notes) or None)
    folder = default_folder()
    if remembered is not None:
        notes.append(
            f"{shown(remembered)}, where this kind of export went last, no longer exists; "
            f"starting in {shown(folder)} instead."
        )
    return StartFolder(folder, " ".join(notes) or None)


def shown(path: Path) -> str:
    """``~/cargo-exports/runs.csv`` for a path under the home folder, else the path."""
    home = Path.home()
    if path == home:
        return "~"
    if path.is_relative_to(home) and home != Path("/"):
        return os.path.join("~", path.relative_to(home))
    return str(path)


def default_path(source: ExportSource, fmt: Format, today: date, folder: Path) -> str:
    return shown(folder / source.file_name(fmt, today))


def with_suffix(typed: str, fmt: Format) -> str:
    """``typed`` with its extension replaced by (or, with none, ended with) ``fmt``'s."""
    head, name = os.path.split(typed)
    if not name:
        return typed
    stem, _ = os.path.splitext(name)
    return os.path.join(head, (stem or name) + fmt.suffix)


def format_of(typed: str) -> Format | None:
    try:
        return Format.from_path(typed.strip())
    except ValueError:
        return None


def check(typed: str, *, with_sidecar: bool) -> DestinationCheck:
    """The engine's destination checks, then the format the extension names."""
    found = check_typed_destination(typed, with_sidecar=with_sidecar)
    if found.status == "invalid":
        return found
    try:
        Format.from_path(typed.strip())
    except ValueError as exc:
        return DestinationCheck("invalid", str(exc), found.path)
    return found


class DestinationValidator(Validator):
    """Marks the field invalid while :func:`check` says so (``exists`` is valid: it asks)."""

    def __init__(self, checker: Callable[[str], DestinationCheck]) -> None:
        super().__init__()
        self.checker = checker

    def validate(self, value: str) -> ValidationResult:
        found = self.checker(value)
        if found.status == "invalid":
            return self.failure(found.message)
        return self.success()
