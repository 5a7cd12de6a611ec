"""Downloaded files (a segment download may be several) into one export, in any format.

Columns are the union over every file, in first-seen order, so a file that lacks a column
gives nulls there rather than shifting cells. A CSV's columns are its header line; a JSON or
NDJSON file is read once more to collect its keys (streaming, so memory stays flat) unless
the caller passes ``columns``.

A CSV's cells are all text; given the columns' types (a model's: number, boolean, object...),
the formats that keep types (JSON, NDJSON, Parquet) get numbers, booleans and nested values back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from tui.api.files import DestinationError, check_destination
from tui.export.engine import CancelFlag, ProgressCallback, write_rows
from tui.export.errors import DestinationProblem, ExportCancelled, ExportError
from tui.export.options import ExportOptions, ExportResult, Format, Provenance
from tui.export.sources import (
    BATCH_ROWS,
    SourceFormat,
    iter_rows,
    read_batches,
    source_columns,
    source_format,
)


def merge_files(
    sources: Sequence[Path | str],
    dest: Path | str,
    options: ExportOptions,
    provenance: Provenance | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    *,
    columns: Sequence[str] | None = None,
    types: Mapping[str, str] | None = None,
    shape: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ExportResult:
    """Convert and concatenate ``sources`` (CSV with a header, JSON array, NDJSON) into ``dest``.

    Blocking: call it from a thread worker, with a ``threading.Event`` as ``cancel``.
    Errors are :class:`ExportError`\\s naming the file and line at fault; nothing is written.
    ``shape`` makes each row read into the row written (the columns are then its keys').
    """
    if not sources:
        raise ExportError("There are no downloaded files to export.")
    try:
        check_destination(Path(dest), overwrite=options.overwrite)
    except DestinationError as exc:
        raise DestinationProblem(str(exc)) from exc
    paths = [Path(p) for p in sources]
    kinds = [source_format(p) for p in paths]
    if columns is None:
        columns = union_columns(paths, kinds, cancel, shape)
    batches: Iterator[Any] = chain.from_iterable(
        read_batches(p, k, batch_rows=batch_rows) for p, k in zip(paths, kinds, strict=True)
    )
    if shape is not None:
        batches = ([shape(row) for row in batch] for batch in batches)
    if types and options.format in _TYPED:
        batches = ([typed_row(row, types) for row in batch] for batch in batches)
    return write_rows(dest, columns, batches, options, provenance, progress, cancel)


def union_columns(
    paths: Sequence[Path],
    kinds: Sequence[SourceFormat],
    cancel: CancelFlag | None = None,
    shape: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
) -> list[str]:
    """Every file's columns (of its rows as ``shape`` makes them), in first-seen order."""
    seen: dict[str, None] = {}
    for path, kind in zip(paths, kinds, strict=True):
        if cancel is not None and cancel.is_set():
            raise ExportCancelled("Export cancelled. Nothing was written.")
        if shape is None:
            seen.update(dict.fromkeys(source_columns(path, kind)))
            continue
        for row in iter_rows(path, kind):
            seen.update(dict.fromkeys(shape(row)))
    return list(seen)


#: The formats that keep a value's type (CSV and TSV cells are text anyway).
_TYPED = (Format.JSON, Format.NDJSON, Format.PARQUET)


def typed_row(row: Mapping[str, Any], types: Mapping[str, str]) -> dict[str, Any]:
    """A CSV row's cells as their columns' types say (values already typed are kept)."""
    return {key: typed_cell(value, types.get(key)) for key, value in row.items()}


def typed_cell(value: Any, kind: str | None) -> Any:
    """``"42"`` as a number column -> 42; ``"true"`` as a boolean -> True; ``"[1]"`` as an
    array -> [1]. A cell that does not parse stays the text it was."""
    if not isinstance(value, str):
        return value
    try:
        if kind == "number":
            number = float(value)
            return int(number) if number.is_integer() and "." not in value else number
        if kind == "boolean" and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if kind in ("object", "array", "any"):
            return json.loads(value)
    except ValueError:
        return value
    return value
