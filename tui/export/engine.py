"""The export engine: batches of rows in, one file out, whole or not at all.

``write_rows`` (a thread, a CLI) and ``write_rows_async`` (a Textual worker feeding API pages)
share one :class:`Export`. The file is written through :class:`tui.api.files.AtomicFile`: a
temporary beside the destination, renamed into place only once complete. Whatever stops an
export (a source that fails, a full disk, a cancel), the temporary is removed and the
destination is left as it was, and the error says so.

Columns: the caller's, or else the keys of the first non-empty batch in first-seen order.
They are fixed from then on (a CSV header and a Parquet schema cannot grow), so keys that
first appear in a later batch are left out of every format alike, and named in
``ExportResult.dropped_columns`` so the caller can warn or export again with ``columns=``.
A missing key is a null.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from tui.api.files import AtomicFile, DestinationError, check_destination
from tui.export.batches import ArrowBatch, Batch, batch_keys, batch_len
from tui.export.errors import (
    DestinationProblem,
    ExportCancelled,
    ExportError,
    SourceFailed,
    WriteFailed,
)
from tui.export.options import ExportOptions, ExportResult, Format, Provenance
from tui.export.text_writers import DelimitedWriter, JsonWriter, RowWriter

ProgressCallback = Callable[[int, int], None]
"""Called after each batch with (rows written, bytes written)."""


class CancelFlag(Protocol):
    """What ``cancel`` must offer; a ``threading.Event`` does."""

    def is_set(self) -> bool: ...


def sidecar_path(path: Path) -> Path:
    """Where ``with_provenance`` puts its ``.meta.json``: beside the file, named after it."""
    return path.with_name(f"{path.name}.meta.json")


def open_writer(
    target: AtomicFile,
    columns: Sequence[str],
    options: ExportOptions,
    provenance: Provenance | None,
) -> RowWriter:
    """The writer for ``options.format`` into the temporary ``target``."""
    match options.format:
        case Format.CSV | Format.TSV:
            return DelimitedWriter(
                target.file, columns, delimiter=options.cell_delimiter, header=options.header
            )
        case Format.JSON | Format.NDJSON:
            lines = options.format is Format.NDJSON
            return JsonWriter(target.file, columns, lines=lines, pretty=options.pretty_json)
        case Format.PARQUET:
            from tui.export.parquet import ParquetWriter

            meta = provenance.as_dict() if provenance is not None else None
            return ParquetWriter(target.temp, columns, meta)


class Export:
    """One export in progress: ``write`` batches, then ``prepare`` and ``commit``, or ``abort``.

    ``prepare`` does the slow, blocking part of finishing (footer, fsync, the sidecar);
    ``commit`` only renames, so an event loop can call it directly.
    """

    def __init__(
        self,
        dest: Path | str,
        columns: Sequence[str] | None,
        options: ExportOptions,
        provenance: Provenance | None = None,
    ) -> None:
        if options.with_provenance and provenance is None:
            raise ValueError("with_provenance=True needs a Provenance to write.")
        self.options = options
        self.provenance = provenance
        self.columns: tuple[str, ...] | None = None if columns is None else tuple(columns)
        self.rows = 0
        self._dropped: dict[str, None] = {}
        self._started = time.perf_counter()
        self._file: AtomicFile | None = None
        self._sidecar: AtomicFile | None = None
        self._writer: RowWriter | None = None
        with self._destination_errors():
            self.dest = check_destination(Path(dest), overwrite=options.overwrite)
            if self._wants_sidecar:
                check_destination(sidecar_path(self.dest), overwrite=options.overwrite)
        self._existed = self.dest.exists()

    @property
    def _wants_sidecar(self) -> bool:
        return self.options.with_provenance and self.options.format is not Format.PARQUET

    @property
    def untouched(self) -> str:
        """How the destination was left, for error messages."""
        if self._existed:
            return f"{self.dest.name} was left as it was."
        return "Nothing was written."

    @property
    def bytes(self) -> int:
        """Bytes written so far: buffered ones too, or (Parquet) what pyarrow wrote itself."""
        if self._file is None:
            return 0
        file = self._file.file
        return max(file.tell(), os.fstat(file.fileno()).st_size)

    def write(self, batch: Batch) -> None:
        if batch_len(batch) == 0:
            return
        with self._write_errors():
            if self._writer is None:
                self._open(batch)
            self._note_dropped_keys(batch)
            assert self._writer is not None
            self._writer.write(batch)
        self.rows += batch_len(batch)

    def check_cancel(self, cancel: CancelFlag | None) -> None:
        if cancel is not None and cancel.is_set():
            raise ExportCancelled(f"Export cancelled after {self.rows:,} rows. {self.untouched}")

    def source_failed(self, exc: Exception) -> ExportError:
        if isinstance(exc, ExportError):
            return exc
        reason = str(exc) or type(exc).__name__
        return SourceFailed(
            f"The rows stopped coming after {self.rows:,} ({reason}). {self.untouched} "
            "Retry the export."
        )

    def prepare(self) -> None:
        """Finish the file (Parquet footer, JSON's closing bracket), fsync it, and write the
        sidecar's temporary. Blocking: run it in a thread from an event loop."""
        with self._write_errors():
            if self._writer is None:
                self._open([])
            assert self._writer is not None and self._file is not None
            self._writer.finish()
            self._file.sync()
            if self._wants_sidecar:
                self._sidecar = AtomicFile(
                    sidecar_path(self.dest), overwrite=self.options.overwrite
                )
                self._sidecar.file.write(self._sidecar_text().encode())
                self._sidecar.sync()

    def commit(self) -> ExportResult:
        """Rename the file (then its sidecar) into place; quick enough for an event loop."""
        assert self._file is not None
        size = self.bytes
        with self._write_errors():
            path = self._file.commit(sync=False)
            sidecar = self._sidecar.commit(sync=False) if self._sidecar is not None else None
        return ExportResult(
            path=path,
            rows=self.rows,
            bytes=size,
            elapsed=time.perf_counter() - self._started,
            columns=self.columns or (),
            dropped_columns=tuple(self._dropped),
            sidecar=sidecar,
        )

    def abort(self) -> None:
        """Remove every temporary; the destination stays as it was. Safe to repeat."""
        if self._writer is not None:
            self._writer.abort()
        for temp in (self._file, self._sidecar):
            if temp is not None:
                temp.discard()

    def _open(self, first: Batch) -> None:
        if self.columns is None:
            self.columns = tuple(batch_keys(first))
        self._column_set = frozenset(self.columns)
        self._file = AtomicFile(self.dest, overwrite=self.options.overwrite)
        self._writer = open_writer(self._file, self.columns, self.options, self.provenance)

    def _note_dropped_keys(self, batch: Batch) -> None:
        known = self._column_set
        if not isinstance(batch, list) and isinstance(batch, ArrowBatch):
            self._dropped.update((n, None) for n in batch.schema.names if n not in known)
            return
        # The usual case, checked in C: a set of every key of the batch (built from each
        # dict's stored hashes, no key hashed again) within the columns.
        if known.issuperset(set().union(*batch)):
            return
        for row in batch:
            self._dropped.update((k, None) for k in row if k not in known)

    def _sidecar_text(self) -> str:
        assert self.provenance is not None
        meta: dict[str, Any] = {
            "file": self.dest.name,
            "format": self.options.format.value,
            "rows": self.rows,
            "bytes": self.bytes,
            "columns": list(self.columns or ()),
            "dropped_columns": list(self._dropped),
            **self.provenance.as_dict(),
        }
        return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"

    @contextlib.contextmanager
    def _destination_errors(self) -> Iterator[None]:
        try:
            yield
        except DestinationError as exc:
            raise DestinationProblem(str(exc)) from exc

    @contextlib.contextmanager
    def _write_errors(self) -> Iterator[None]:
        try:
            yield
        except ExportError:
            raise
        except DestinationError as exc:
            raise DestinationProblem(str(exc)) from exc
        except OSError as exc:
            raise WriteFailed(f"{_os_reason(exc, self.dest)} {self.untouched}") from exc
        except Exception as exc:
            raise ExportError(
                f"Row {self.rows + 1:,} or after could not be written as "
                f"{self.options.format.name}: {exc}. {self.untouched}"
            ) from exc


def _os_reason(exc: OSError, dest: Path) -> str:
    folder = dest.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk holding {folder} is full; free some space or pick another folder."
    if exc.errno == errno.EROFS:
        return f"{folder} is on a read-only filesystem; pick another folder."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"No permission to write in {folder}; pick another folder."
    return f"Could not write {dest}: {exc.strerror or exc}."


def write_rows(
    dest: Path | str,
    columns: Sequence[str] | None,
    batches: Iterable[Batch],
    options: ExportOptions,
    provenance: Provenance | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
) -> ExportResult:
    """Write ``batches`` to ``dest``; whole, or not at all (see the module's notes).

    Raises :class:`ExportError` (a subclass saying which kind) with a message for the user;
    ``cancel.is_set()`` is checked between batches and stops with :class:`ExportCancelled`.
    """
    job = Export(dest, columns, options, provenance)
    iterator = iter(batches)
    try:
        while True:
            job.check_cancel(cancel)
            try:
                batch = next(iterator)
            except StopIteration:
                break
            except Exception as exc:
                raise job.source_failed(exc) from exc
            job.write(batch)
            # Let go of the rows before the next batch is fetched: the heap then holds one
            # batch, not two, and the source frees its rows as it makes the next.
            del batch
            if progress is not None:
                progress(job.rows, job.bytes)
        job.check_cancel(cancel)
        job.prepare()
        job.check_cancel(cancel)
        return job.commit()
    except BaseException:
        job.abort()
        raise
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()
