"""What an export is fed from (an :class:`ExportSource`), and the steps sources share.

A source knows what it exports and how to get it: ask Cargo for a download (signed URLs),
fetch the files into a temporary folder, then convert and merge them with the engine into the
chosen file; or write rows it already holds. The export dialog, its progress view and
``cargo-tui export`` all call :meth:`ExportSource.run`.

Whatever stops an export midway (a dropped download, a cancel, a failure), the temporary
folder is removed and the destination is left as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import re
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar, Self
from urllib.parse import urlsplit

from tui.api.errors import CargoError
from tui.api.files import DestinationError, check_destination
from tui.export.async_engine import in_thread, write_rows_async
from tui.export.batches import Batch
from tui.export.engine import ProgressCallback, sidecar_path
from tui.export.errors import DestinationProblem, ExportError
from tui.export.full_runs import Shape
from tui.export.merge import merge_files
from tui.export.options import ExportOptions, ExportResult, Format, Provenance
from tui.export.progress import Report, Step

if TYPE_CHECKING:
    from tui.api.client import CargoClient

#: Longest file-name stem a default name gets (before the date and extension).
STEM_MAX = 80
_NOT_NAME = re.compile(r"[^a-z0-9]+")
_DOWNLOAD_SUFFIXES = (".csv", ".json", ".ndjson", ".jsonl")


def slug(*parts: str | None) -> str:
    """``Failed runs``, ``Enrich new companies`` -> ``failed-runs-enrich-new-companies``."""
    text = "-".join(p for p in parts if p)
    return _NOT_NAME.sub("-", text.lower()).strip("-")[:STEM_MAX].rstrip("-") or "export"


@dataclass(frozen=True, kw_only=True)
class ExportSource(ABC):
    """Something to export: what it is (``label``), a file name for it, how to get its rows.

    ``nodes``: the output nodes the user may pick from (``node`` is the one picked), for the
    sources that export one node's output; empty for the others.
    """

    label: str
    stem: str
    default_format: Format = Format.CSV
    nodes: tuple[str, ...] = ()
    node: str | None = None
    #: The node whose output is the workflow's, marked and preselected where nodes are picked.
    output_node: str | None = None

    #: The provenance's ``source``: runs, outputs, batch, segment, query, rows.
    kind: ClassVar[str] = "rows"

    @property
    def title(self) -> str:
        """What is exported, with the node when there is one."""
        return f"{self.label} · {self.node}" if self.node else self.label

    def file_name(self, fmt: Format, today: date) -> str:
        """``failed-runs-enrich-new-companies-2026-11-27.csv``."""
        return f"{slug(self.stem, self.node)}-{today.isoformat()}{fmt.suffix}"

    def with_node(self, node: str | None) -> Self:
        return dataclasses.replace(self, node=node)

    def describe(self) -> str | None:
        """The query or filter, for the provenance (JSON text, or SQL)."""
        return None

    def provenance(self, workspace: str | None) -> Provenance:
        return Provenance(self.kind, self.describe(), workspace)

    async def run(
        self,
        client: CargoClient | None,
        dest: Path,
        options: ExportOptions,
        provenance: Provenance,
        report: Report,
    ) -> ExportResult:
        """Export into ``dest``; :class:`ExportError` or :class:`CargoError` on failure, and
        ``CancelledError`` when cancelled, with the destination left as it was in every case.

        ``report`` may be called from a worker thread.
        """
        try:  # before any download: a wrong folder should not cost one
            check_destination(dest, overwrite=options.overwrite)
            if options.with_provenance and options.format is not Format.PARQUET:
                check_destination(sidecar_path(dest), overwrite=options.overwrite)
        except DestinationError as exc:
            raise DestinationProblem(str(exc)) from exc
        report(Step("preparing"))
        return await self._export(Job(client, dest, options, provenance, report))

    @abstractmethod
    async def _export(self, job: Job) -> ExportResult:
        """Get the rows and write them, through ``job``'s steps."""


def as_json(value: Any) -> str:
    """A filter for the provenance: compact, stable JSON."""
    from tui.api.wire import wire_value

    return json.dumps(wire_value(value), ensure_ascii=False, sort_keys=True)


# -- the steps: signed URLs into a temporary folder, then the engine ------------------------


@contextlib.contextmanager
def download_folder() -> Iterator[Path]:
    """A temporary folder for the downloaded files, removed however the export ends."""
    with tempfile.TemporaryDirectory(prefix="cargo-tui-export-") as folder:
        yield Path(folder)


def download_name(url: str, part: int) -> str:
    """``part-1.csv``: the URL's extension when it names a known format, else the engine
    recognises the file by its first character."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return f"part-{part}{suffix if suffix in _DOWNLOAD_SUFFIXES else '.download'}"


@dataclass(frozen=True)
class Job:
    """One export under way: where it goes, how, and the steps every source is made of."""

    client: CargoClient | None
    dest: Path
    options: ExportOptions
    provenance: Provenance
    report: Report

    @property
    def cargo(self) -> CargoClient:
        """The client, for the sources that read from Cargo."""
        if self.client is None:
            raise ExportError("This export reads from Cargo: sign in first.")
        return self.client

    async def fetch(self, url: str, folder: Path, part: int = 1, parts: int = 1) -> Path:
        """One signed URL into ``folder``, reporting bytes."""

        def progress(done: int, total: int | None) -> None:
            self.report(Step("downloading", done, total, "bytes", part, parts))

        progress(0, None)
        target = folder / download_name(url, part)
        return (await self.cargo.download_to(url, target, progress=progress)).path

    async def convert(
        self,
        paths: Sequence[Path],
        expected_rows: int | None = None,
        types: Mapping[str, str] | None = None,
        shape: Shape | None = None,
    ) -> ExportResult:
        """Downloaded files into the destination through :func:`merge_files`, in a thread
        (``types``: the columns' types, ``shape``: each row's, see there); cancelling the
        caller stops the thread at its next batch and removes its temporary."""
        cancel = threading.Event()
        progress = self._writing(expected_rows)
        return await in_thread(
            functools.partial(merge_files, types=types, shape=shape),
            paths,
            self.dest,
            self.options,
            self.provenance,
            progress,
            cancel,
            on_cancel=cancel.set,
        )

    async def write(
        self, columns: Sequence[str] | None, batches: Iterable[Batch], total: int | None = None
    ) -> ExportResult:
        """Rows already in memory into the destination, a batch at a time (cancellable
        between them)."""

        async def feed() -> AsyncIterator[Batch]:
            for batch in batches:
                yield batch

        progress = self._writing(total)
        return await write_rows_async(
            self.dest, columns, feed(), self.options, self.provenance, progress
        )

    def _writing(self, total: int | None) -> ProgressCallback:
        def progress(rows: int, _bytes: int) -> None:
            self.report(Step("writing", rows, total))

        progress(0, 0)
        return progress


def failure_message(error: BaseException | None) -> str:
    """What to tell the user when an export failed: the engine's and the client's messages
    already say what to do next; anything else is unexpected."""
    if isinstance(error, ExportError):
        return str(error)
    if isinstance(error, CargoError):
        return f"{error} Nothing was written."
    return f"Unexpected error: {type(error).__name__}: {error}. Nothing was written."
