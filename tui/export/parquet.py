"""Parquet through pyarrow, imported here and only when a Parquet export starts.

A Parquet file has one schema, decided before the first row is written:

- Arrow input keeps its own types, nested ones included (typed, and the same in every batch);
  the first batch decides, and a column of nulls only becomes a string column.
- Rows as mappings: the first rows are held (up to ``HOLD_ROWS``) until every column has shown
  a value, then each column takes the type Arrow infers from all of them, except that a column
  holding any object or array (a run's ``runContext``, node outputs), or values of mixed kinds,
  is a string column of JSON text, marked ``cargo_tui.encoding = json`` in its field metadata.
  JSON text rather than structs because node outputs differ from row to row and from page to
  page: a struct schema fixed by the first page would refuse the next one. A column still
  empty after ``HOLD_ROWS`` rows is a string column.

A later value that does not fit its column (text in a number column, 1.5 in a whole-number
column) stops the export with a message naming the column; nothing is written. Rows are
gathered into row groups of about ``ROW_GROUP_BYTES`` so small API pages do not make a file of
tiny row groups, while memory stays bounded. Only columns whose first values repeat are
dictionary-encoded (a column of uuids or JSON would fill a dictionary and fall back).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tui import __version__
from tui.export.arrow_columns import (
    JSON,
    NATIVE,
    TEXT,
    extract_columns,
    faithful,
    infer,
    json_array,
    mixed_text_array,
    row_arrays,
    text_array,
)
from tui.export.batches import ArrowBatch, Batch, as_rows
from tui.export.errors import ExportError

JSON_ENCODING = {b"cargo_tui.encoding": b"json"}
PROVENANCE_KEY = b"cargo_tui.provenance"
VERSION_KEY = b"cargo_tui.version"
ROW_GROUP_BYTES = 8 * 1024 * 1024
ROW_GROUP_ROWS = 256 * 1024
#: Rows held back to decide the schema, at most (a few MB of runs).
HOLD_ROWS = 5_000


class ParquetWriter:
    """One Parquet file: ``write`` batches, ``finish`` writes the last row group and the footer."""

    def __init__(
        self,
        path: Path,
        columns: Sequence[str],
        provenance: Mapping[str, Any] | None = None,
    ) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa, self._pq = pa, pq
        # pyarrow opens the (temporary) file itself rather than writing through a Python file
        # object: a failure is then a plain OSError, and no Python exception stays held in
        # pyarrow's C++ objects, to be formatted when the collector frees them.
        self._path = path
        self._columns = tuple(columns)
        self._metadata = {VERSION_KEY: __version__.encode()}
        if provenance is not None:
            self._metadata[PROVENANCE_KEY] = json.dumps(dict(provenance)).encode()
        self._writer: Any = None
        self._kinds: list[str] = []
        self._held: list[Mapping[str, Any]] = []
        self._unseen = set(self._columns)
        self._pending: list[Any] = []
        self._pending_bytes = 0
        self._pending_rows = 0
        self._rows_seen = 0

    def write(self, batch: Batch) -> None:
        if self._writer is None:
            if not isinstance(batch, list) and isinstance(batch, ArrowBatch):
                self._open(*_fields_from_arrow(self._pa, batch.schema, self._columns))
            else:
                self._hold(as_rows(batch))
                return
        self._add(batch)

    def finish(self) -> None:
        if self._writer is None:
            self._open(*_fields_from_rows(self._pa, self._held, self._columns))
        self._flush()
        self._writer.close()

    def abort(self) -> None:
        """Stop; the caller drops the file. pyarrow's writer, left open (a failed ``close``
        leaves it so), would try to close again whenever the collector frees it."""
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.close()
            self._writer.is_open = False
            self._writer = None

    def _hold(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self._held.extend(rows)
        for name in list(self._unseen):
            if any(row.get(name) is not None for row in rows):
                self._unseen.discard(name)
        if not self._unseen or len(self._held) >= HOLD_ROWS:
            self._open(*_fields_from_rows(self._pa, self._held, self._columns))

    def _open(
        self, fields: list[Any], kinds: list[str], dictionary: bool | list[str] = True
    ) -> None:
        self.schema = self._pa.schema(fields, metadata=self._metadata)
        self._kinds = kinds
        self._writer = self._pq.ParquetWriter(
            str(self._path), self.schema, use_dictionary=dictionary
        )
        held, self._held = self._held, []
        if held:
            self._add(held)

    def _add(self, batch: Batch) -> None:
        if isinstance(batch, list) or not isinstance(batch, ArrowBatch):
            table = self._rows_table(batch)
        else:
            table = self._arrow_table(batch)
        self._rows_seen += table.num_rows
        self._pending.append(table)
        self._pending_bytes += table.nbytes
        self._pending_rows += table.num_rows
        if self._pending_bytes >= ROW_GROUP_BYTES or self._pending_rows >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        table = self._pa.concat_tables(self._pending)
        self._pending, self._pending_bytes, self._pending_rows = [], 0, 0
        self._writer.write_table(table, row_group_size=table.num_rows)

    def _rows_table(self, batch: Batch) -> Any:
        fields = list(self.schema)

        def convert(index: int, values: Sequence[Any]) -> Any:
            return self._column(fields[index], self._kinds[index], values)

        arrays = row_arrays(self._pa, as_rows(batch), self._columns, self._kinds, convert)
        return self._pa.Table.from_arrays(arrays, schema=self.schema)

    def _column(self, field: Any, kind: str, values: Sequence[Any]) -> Any:
        pa = self._pa
        if kind == JSON:
            return json_array(pa, values)
        if kind == TEXT:
            try:
                return text_array(pa, values)
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # a number among the text
                return mixed_text_array(pa, values)
        try:
            array = pa.array(values)
            if not faithful(pa, array, values):
                raise pa.ArrowInvalid("booleans among numbers, or a whole number past 2**53")
            return array if array.type == field.type else array.cast(field.type)
        except (
            pa.ArrowInvalid,
            pa.ArrowTypeError,
            pa.ArrowNotImplementedError,
            OverflowError,
        ) as exc:
            raise self._misfit(field, exc) from exc

    def _arrow_table(self, batch: Any) -> Any:
        pa = self._pa
        table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
        arrays = []
        for field in self.schema:
            if field.name not in table.column_names:
                arrays.append(pa.nulls(table.num_rows, field.type))
                continue
            column = table.column(field.name)
            try:
                arrays.append(column if column.type == field.type else column.cast(field.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
                raise self._misfit(field, exc) from exc
        return pa.Table.from_arrays(arrays, schema=self.schema)

    def _misfit(self, field: Any, exc: Exception) -> ExportError:
        return ExportError(
            f"Column {field.name!r} held {field.type} values in the first rows, then a value "
            f"of another kind after row {self._rows_seen:,} ({exc}). A Parquet column has one "
            "type; export as CSV or JSON instead. Nothing was written."
        )


def _fields_from_arrow(
    pa: Any, schema: Any, columns: tuple[str, ...]
) -> tuple[list[Any], list[str]]:
    fields = []
    for name in columns:
        index = schema.get_field_index(name)
        field = schema.field(index) if index >= 0 else pa.field(name, pa.null())
        if pa.types.is_null(field.type):
            field = pa.field(name, pa.string())
        fields.append(field)
    return fields, [NATIVE] * len(fields)


def _fields_from_rows(
    pa: Any, rows: Sequence[Mapping[str, Any]], columns: tuple[str, ...]
) -> tuple[list[Any], list[str], list[str]]:
    """The fields and kinds the first ``rows`` decide, and the columns worth a dictionary."""
    fields, kinds, repeating = [], [], []
    for name, values in zip(columns, extract_columns(rows, columns), strict=True):
        if _repeats(values):
            repeating.append(name)
        kind, type_, _ = infer(pa, values)
        if pa.types.is_decimal(type_):  # the first rows' precision would refuse wider values
            type_ = pa.decimal128(38, max(type_.scale, 9))
        metadata = JSON_ENCODING if kind == JSON else None
        fields.append(pa.field(name, type_, metadata=metadata))
        kinds.append(kind)
    return fields, kinds, repeating


def _repeats(values: Sequence[Any]) -> bool:
    """Whether a column's first values repeat enough for dictionary encoding to pay: at most
    one distinct value in two. Encoding a column of uuids or JSON tries a dictionary, fills it
    and falls back, for a larger file, slower; this choice only sets the encoding, never a
    value."""
    try:
        return len(set(values)) * 2 <= len(values)
    except TypeError:  # objects or arrays: JSON text, seldom twice the same
        return False
