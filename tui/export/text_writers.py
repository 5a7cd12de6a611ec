"""CSV, TSV, JSON (one array) and NDJSON writers: a batch in, its bytes out, nothing held.

Each batch is rendered (CSV/TSV by pyarrow's C++ writer, JSON by orjson) and written at once,
so memory follows the batch, not the file. Cell rules are in :mod:`tui.export.cells`.
TSV is CSV with a tab: cells holding a tab, a quote or a line break are quoted as in CSV
(what spreadsheets write and read), rather than the backslash escapes some databases use,
so every cell round-trips.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Mapping, Sequence
from typing import IO, Any, Protocol

from tui.export.arrow_columns import (
    JSON,
    NATIVE,
    TEXT,
    infer,
    mixed_text_array,
    row_arrays,
    text_array,
)
from tui.export.batches import Batch, as_rows
from tui.export.cells import json_bytes, row_cells, to_pretty_json, utf8

#: Line ends: ``\n`` (what pandas, Arrow and DuckDB write); a ``\r\n`` inside a cell is kept.
LINE_END = "\n"
QUOTE = '"'


class RowWriter(Protocol):
    """One open export file: batches go in through :meth:`write`, :meth:`finish` ends it."""

    def write(self, batch: Batch) -> None: ...

    def finish(self) -> None: ...

    def abort(self) -> None:
        """Stop without finishing (the file is about to be dropped)."""


def delimited_text(
    columns: Sequence[str],
    rows: list[Mapping[str, Any]],
    *,
    delimiter: str = "\t",
    header: bool = True,
) -> str:
    """Rows as CSV/TSV text quoted only where a cell needs it, as a spreadsheet copies them
    (nulls and empty strings look alike there): the clipboard's small payloads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=LINE_END)
    names = tuple(columns)
    if header:
        writer.writerow(names)
    writer.writerows(row_cells(rows, names))
    return buffer.getvalue()


class DelimitedWriter:
    """CSV or TSV through pyarrow's CSV writer: an optional header line, then one line per row.

    Each batch becomes an Arrow table whose column types are worked out per batch (a CSV file
    has no schema), remembering each column's kind from the batch before as the first guess.
    Arrow writes exactly the cell rules of :mod:`tui.export.cells`: strings quoted, nulls
    empty and unquoted, numbers bare, booleans ``true``/``false``.
    """

    def __init__(
        self, file: IO[bytes], columns: Sequence[str], *, delimiter: str, header: bool
    ) -> None:
        import pyarrow as pa
        import pyarrow.compute
        import pyarrow.csv as pa_csv

        self._pa, self._pa_csv = pa, pa_csv
        self._file = file
        self._columns = tuple(columns)
        self._kinds: dict[str, str] = {}
        self._options = pa_csv.WriteOptions(
            include_header=False, delimiter=delimiter, quoting_style="needed"
        )
        if header and self._columns:
            names = (f'"{name.replace(QUOTE, QUOTE * 2)}"' for name in self._columns)
            file.write(utf8(delimiter.join(names) + LINE_END))

    def write(self, batch: Batch) -> None:
        pa, columns = self._pa, self._columns
        kinds = [self._kinds.get(name) for name in columns]
        arrays = row_arrays(
            pa, as_rows(batch), columns, kinds, lambda i, values: self._array(columns[i], values)
        )
        if len(arrays) == 1:  # a lone null cell would be a blank line, which readers skip
            arrays[0] = pa.compute.fill_null(arrays[0].cast(pa.string()), "")
        table = pa.Table.from_arrays(arrays, names=list(columns))
        # Into memory, then to the file in one write: Arrow writing to a Python file calls
        # back into Python (and copies) for every chunk it writes.
        text = pa.BufferOutputStream()
        self._pa_csv.write_csv(table, text, self._options)
        self._file.write(text.getvalue())

    def _array(self, name: str, values: Sequence[Any]) -> Any:
        pa = self._pa
        kind = self._kinds.get(name)
        if kind == TEXT:
            with contextlib.suppress(pa.ArrowInvalid, pa.ArrowTypeError):
                return text_array(pa, values)
        elif kind == JSON:
            return mixed_text_array(pa, values)
        kind, type_, array = infer(pa, values)
        if kind == NATIVE and not _bare_in_csv(pa, type_):
            kind = JSON  # timestamps, dates, bytes...: as their text (ISO 8601, base64)
        self._kinds[name] = kind
        return mixed_text_array(pa, values) if kind == JSON else array

    def finish(self) -> None:
        pass

    def abort(self) -> None:
        pass


def _bare_in_csv(pa: Any, type_: Any) -> bool:
    """Types Arrow writes in CSV just as the cell rules say (a bare number or true/false)."""
    types = pa.types
    return bool(
        types.is_integer(type_)
        or types.is_floating(type_)
        or types.is_boolean(type_)
        or types.is_decimal(type_)
    )


class JsonWriter:
    """A JSON array of objects (one per line, or indented) or NDJSON (one object per line).

    Each object holds the export's columns in order, a missing key as null.
    """

    def __init__(
        self, file: IO[bytes], columns: Sequence[str], *, lines: bool, pretty: bool
    ) -> None:
        self._file = file
        self._columns = tuple(columns)
        self._lines = lines
        self._pretty = pretty and not lines
        self._rows = 0
        if not lines:
            file.write(b"[")

    def write(self, batch: Batch) -> None:
        columns = self._columns
        objects = [{c: row.get(c) for c in columns} for row in as_rows(batch)]
        if not objects:
            return
        if self._lines:
            data = b"\n".join(map(json_bytes, objects)) + b"\n"
        else:
            first = b"\n" if self._rows == 0 else b",\n"
            data = first + b",\n".join(map(self._array_item, objects))
        self._rows += len(objects)
        self._file.write(data)

    def _array_item(self, obj: dict[str, Any]) -> bytes:
        if not self._pretty:
            return json_bytes(obj)
        return utf8("\n".join("  " + line for line in to_pretty_json(obj).split("\n")))

    def finish(self) -> None:
        if not self._lines:
            self._file.write(b"\n]\n" if self._rows else b"]\n")

    def abort(self) -> None:
        pass
