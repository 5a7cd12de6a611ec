"""Rows as text for the headless commands: an aligned table, CSV, JSON or NDJSON.

Small on purpose: one function, ``render(columns, rows, fmt)``, so the export engine
(``tui.export``) can take its place without the callers changing. Nested values (objects,
lists) become JSON text wherever the format has no nesting (CSV, the table).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

FORMATS = ("table", "csv", "json", "ndjson")


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """The whole output for ``fmt`` (one of :data:`FORMATS`), ending with a newline."""
    if fmt == "table":
        return table(columns, rows)
    if fmt == "csv":
        return to_csv(columns, rows)
    if fmt == "json":
        objects = [dict(zip(columns, row, strict=True)) for row in rows]
        return dumps(objects, indent=2) + "\n"
    if fmt == "ndjson":
        return "".join(dumps(dict(zip(columns, row, strict=True))) + "\n" for row in rows)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def flat(value: Any, null: str = "") -> str:
    """One value as a cell: JSON text for objects and lists, lower-case booleans."""
    if value is None:
        return null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return dumps(value, separators=(",", ":"))
    return str(value)


#: How a Decimal crosses ``json.dumps``, which has no way to write one as a number.
_DECIMAL = re.compile(r'"\\u0000([-+0-9.eE]+)\\u0000"')


def _marked(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"\0{value}\0" if value.is_finite() else None
    if isinstance(value, dict):
        return {k: _marked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_marked(v) for v in value]
    return value


def dumps(value: Any, **options: Any) -> str:
    """JSON text; a Decimal (a ClickHouse Decimal wider than a double) is its exact number."""
    text = json.dumps(_marked(value), ensure_ascii=False, **options)
    return _DECIMAL.sub(r"\1", text) if "\\u0000" in text else text


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([flat(value) for value in row])
    return out.getvalue()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns aligned with spaces, numbers to the right, one line a row (newlines shown as ⏎)."""
    if not columns:
        return "(no columns)\n"
    cells = [[flat(v, "NULL").replace("\r\n", "⏎").replace("\n", "⏎") for v in r] for r in rows]
    numeric = [
        any(_is_number(row[i]) for row in rows)
        and all(row[i] is None or _is_number(row[i]) for row in rows)
        for i in range(len(columns))
    ]
    widths = [
        max([len(name), *(len(line[index]) for line in cells)])
        for index, name in enumerate(columns)
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(columns), "  ".join("─" * width for width in widths)]
    lines += [line(values) for values in cells]
    return "\n".join(lines) + "\n"
