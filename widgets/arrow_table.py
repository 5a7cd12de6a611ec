"""An Arrow-backed table (textual-fastdatatable) that scrolls 10,000 rows smoothly.

pyarrow and the table widget load when the first table is made, never at start. Cell text is
never read as markup: data may hold brackets.
"""

from __future__ import annotations

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


def records_to_arrow(records: list[dict[str, Any]]) -> pa.Table:
    """Rows of JSON objects as an Arrow table; nested or mixed values become JSON text."""
    import json

    import pyarrow as pa

    columns = list(dict.fromkeys(key for row in records for key in row))
    arrays: dict[str, Any] = {}
    for name in columns:
        values = [row.get(name) for row in records]
        if any(isinstance(v, dict | list) for v in values):
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays[name] = pa.array([None if v is None else str(v) for v in values])
    return pa.table(arrays) if arrays else pa.table({"(no columns)": pa.array([], pa.string())})
