"""Rows as text for the headless commands: an aligned table, CSV, JSON or NDJSON.

Small on purpose: one function, ``render(columns, rows, fmt)``, so the export engine
(``tui.export``) can take its place without the callers changing. Nested values (objects,
lists) become JSON text wherever the format has no nesting (CSV, the table).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
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
        return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    if fmt == "ndjson":
        return "".join(
            json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n"
            for row in rows
        )
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def flat(value: Any, null: str = "") -> str:
    """One value as a cell: JSON text for objects and lists, lower-case booleans."""
    if value is None:
        return null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


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
