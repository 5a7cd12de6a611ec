"""Files written atomically: complete at the destination, or not there at all.

A temporary file is made in the destination's folder (so the final rename stays on one
filesystem), flushed and fsynced, and renamed into place only when the writer finished
without error. A failure or a cancel removes the temporary and leaves the destination as it
was. Shared by signed-URL downloads (here) and every export writer (``tui.export``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

#: The longest file name (one path component) most filesystems accept, in bytes.
NAME_MAX = 255
#: How much of the destination's name the temporary's name keeps, in bytes, so that
#: ``.<name>.<random>.part`` stays within NAME_MAX whatever the destination's length.
_TEMP_NAME_KEEP = 200
#: A temporary untouched for this long was left by a writer that died (``kill -9``, a power
#: cut): nothing can remove it then, so the next writer of the same file does.
STALE_TEMP_SECONDS = 600


class DestinationError(Exception):
    """The destination cannot be written; the message says why and what to do."""


def check_name_length(path: Path) -> None:
    """A :class:`DestinationError` when a component of ``path`` is longer than NAME_MAX bytes."""
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            shown = part if len(part) <= 40 else f"{part[:37]}..."
            raise DestinationError(
                f"The name {shown!r} is {size} bytes long; names are limited to {NAME_MAX} "
                "bytes. Shorten it."
            )


def check_destination(path: Path, *, overwrite: bool = False) -> Path:
    """The resolved destination, or a :class:`DestinationError` saying what is wrong with it."""
    path = path.expanduser()
    check_name_length(path)
    if path.is_dir():
        raise DestinationError(f"{path} is a folder; give a file name inside it.")
    folder = path.parent
    if not folder.exists():
        raise DestinationError(f"The folder {folder} does not exist; create it or pick another.")
    if not folder.is_dir():
        raise DestinationError(f"{folder} is not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DestinationError(f"No permission to write in {folder}; pick another folder.")
    if path.exists() and not path.is_file():
        raise DestinationError(f"{path} is not a regular file; pick another name.")
    if path.exists() and not overwrite:
        raise DestinationError(exists_message(path))
    return path


def exists_message(path: Path) -> str:
    """What to tell the user when ``path`` exists and replacing it needs their word."""
    return f"{path} already exists; confirm to replace it, or pick another name."


def temp_prefix(path: Path) -> str:
    """The start of the name of ``path``'s temporaries: ``.<name>.`` (the name cut to fit)."""
    keep = os.fsencode(path.name)[:_TEMP_NAME_KEEP].decode(errors="ignore")
    return f".{keep}."


def remove_stale_temps(path: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temporaries of ``path`` that a killed writer left (untouched for
    ``older_than`` seconds: a live writer keeps its own fresh); the ones removed."""
    pattern = glob.escape(str(path.parent / temp_prefix(path))) + "*.part"
    removed = []
    now = time.time()
    for leftover in glob.glob(pattern, include_hidden=True):
        try:
            if now - os.stat(leftover).st_mtime > older_than:
                os.unlink(leftover)
                removed.append(Path(leftover))
        except OSError:
            continue
    return removed


class AtomicFile:
    """An open temporary beside ``path``: :meth:`commit` puts it in place, :meth:`discard` drops it.

    For callers that cannot hold a ``with`` block across their writes (an async exporter that
    writes each batch in a thread); everyone else uses :func:`atomic_write`.
    """

    def __init__(self, path: Path, *, overwrite: bool = False, mode: int = 0o644) -> None:
        self.path = check_destination(path, overwrite=overwrite)
        self.overwrite = overwrite
        self.mode = mode
        remove_stale_temps(self.path)
        prefix = temp_prefix(self.path)
        fd, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=self.path.parent)
        self.temp = Path(temp_name)
        self.file: IO[bytes] = os.fdopen(fd, "wb")

    def sync(self) -> None:
        """Flush what was written and fsync it (the slow part of :meth:`commit`)."""
        self.file.flush()
        os.fsync(self.file.fileno())

    def commit(self, *, sync: bool = True) -> Path:
        """Sync, close and rename into place; on any failure the temporary is removed.

        ``sync=False`` when :meth:`sync` was called after the last write (elsewhere, off an
        event loop), so that what is left here is only metadata: close, chmod, rename.
        """
        try:
            if sync:
                self.sync()
            self.file.close()
            os.chmod(self.temp, self.mode)
            if not self.overwrite and self.path.exists():
                raise DestinationError(f"{self.path} appeared while writing; nothing was replaced.")
            os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise
        return self.path

    def discard(self) -> None:
        """Close and remove the temporary; the destination stays as it was. Safe to repeat."""
        with contextlib.suppress(OSError):
            self.file.close()
        self.temp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_write(path: Path, *, overwrite: bool = False, mode: int = 0o644) -> Iterator[IO[bytes]]:
    """``with atomic_write(path) as fh: fh.write(...)``: the file appears whole, or not at all."""
    target = AtomicFile(path, overwrite=overwrite, mode=mode)
    try:
        yield target.file
    except BaseException:
        target.discard()
        raise
    target.commit()
