"""Files written atomically: complete at the destination, or not there at all.

A temporary file is made in the destination's folder (so the final rename stays on one
filesystem), flushed and fsynced, and renamed into place only when the writer finished
without error. A failure or a cancel removes the temporary and leaves the destination as it
was. Shared by signed-URL downloads (here) and every export writer (``tui.export``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class DestinationError(Exception):
    """The destination cannot be written; the message says why and what to do."""


def check_destination(path: Path, *, overwrite: bool = False) -> Path:
    """The resolved destination, or a :class:`DestinationError` saying what is wrong with it."""
    path = path.expanduser()
    if path.is_dir():
        raise DestinationError(f"{path} is a folder; give a file name inside it.")
    folder = path.parent
    if not folder.exists():
        raise DestinationError(f"The folder {folder} does not exist; create it or pick another.")
    if not folder.is_dir():
        raise DestinationError(f"{folder} is not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DestinationError(f"No permission to write in {folder}; pick another folder.")
    if path.exists() and not overwrite:
        raise DestinationError(
            f"{path} already exists; confirm to replace it, or pick another name."
        )
    return path


@contextlib.contextmanager
def atomic_write(path: Path, *, overwrite: bool = False, mode: int = 0o644) -> Iterator[IO[bytes]]:
    """``with atomic_write(path) as fh: fh.write(...)``: the file appears whole, or not at all."""
    path = check_destination(path, overwrite=overwrite)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        if not overwrite and path.exists():
            raise DestinationError(f"{path} appeared while writing; nothing was replaced.")
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
