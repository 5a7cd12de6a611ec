"""An Arrow-backed table (textual-fastdatatable) that scrolls 10,000 rows smoothly.

pyarrow and the table widget load when the first table is made, never at start. Cell text is
never read as markup: data may hold brackets.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.widget import Widget

if TYPE_CHECKING:
    import pyarrow as pa


def arrow_table(data: pa.Table, *, id: str | None = None) -> Widget:
    from textual_fastdatatable import ArrowBackend, DataTable

    return DataTable(
        backend=ArrowBackend(data),
        id=id,
        render_markup=False,
        null_rep="∅",
        max_column_content_width=60,
        cursor_type="cell",
    )


def warm_up() -> None:
    """Import what the first table needs (pyarrow, its compute functions that measure the
    columns, the widget and what it loads as it is made), so that the first result does not
    wait for them: a table of one row is made and dropped."""
    import importlib

    importlib.import_module("pyarrow.compute")
    # The package loads its widget on first use of the name (PEP 562), and the widget loads
    # more as it is made: before this, ~30 ms of the first result's time to show.
    arrow_table(rows_to_arrow(["warm"], [(1,)]))


def records_to_arrow(records: list[dict[str, Any]]) -> pa.Table:
    """Rows of JSON objects as an Arrow table (see :func:`rows_to_arrow`)."""
    columns = list(dict.fromkeys(key for row in records for key in row))
    return rows_to_arrow(columns, [tuple(map(row.get, columns)) for row in records])


def rows_to_arrow(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> pa.Table:
    """Rows as tuples in ``columns`` order as an Arrow table, a column at a time; nested or
    mixed values become JSON text.

    Every ClickHouse type keeps its value: a UInt64 past Int64 is an unsigned column, wider
    integers (Int128, UInt256) and Decimals wider than Arrow's are their exact digits as text.
    """
    from widgets.arrow_import import pyarrow

    pa = pyarrow()
    if not columns:
        return pa.table({"(no columns)": pa.array([], pa.string())})
    # A list per column, transposed in C: no dict per row, no Python loop per cell.
    values = [list(column) for column in zip(*rows, strict=True)] if rows else []
    arrays = [_column(pa, column) for column in values or [[] for _ in columns]]
    return pa.table(arrays, names=list(columns))


def _column(pa: Any, values: list[Any]) -> Any:
    import json

    if any(issubclass(kind, dict | list) for kind in set(map(type, values))):
        values = [
            None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values
        ]
    try:
        return pa.array(values)
    except OverflowError:  # whole numbers past Int64: unsigned if they fit, else their digits
        with contextlib.suppress(OverflowError, pa.ArrowInvalid, pa.ArrowTypeError):
            return pa.array(values, pa.uint64())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    return pa.array([None if v is None else str(v) for v in values])
