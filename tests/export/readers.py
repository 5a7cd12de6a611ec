"""Reading exports back the way other tools do, and comparing with what was written."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from tui.export import Format


def read_back(path: Path, fmt: Format, columns: list[str]) -> list[dict[str, Any]]:
    """The rows of an export: CSV/TSV as text cells (null apart from ""), JSON as parsed,
    Parquet with its JSON columns decoded."""
    if fmt in (Format.CSV, Format.TSV):
        return read_delimited(path, "\t" if fmt is Format.TSV else ",", columns)
    if fmt is Format.JSON:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    if fmt is Format.NDJSON:
        # NDJSON lines end at \n only (str.splitlines would also cut at U+0085 or U+2028).
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[-1] == ""
        return [json.loads(line) for line in lines[:-1]]
    table = pq.read_table(path)
    json_columns = {
        f.name for f in table.schema if (f.metadata or {}).get(b"cargo_tui.encoding") == b"json"
    }
    rows = table.to_pylist()
    for row in rows:
        for name in json_columns:
            if row[name] is not None:
                row[name] = json.loads(row[name])
    return rows


def read_delimited(path: Path, delimiter: str, columns: list[str]) -> list[dict[str, Any]]:
    """Arrow's CSV reader told that a quoted empty cell is text and a bare one is null (the
    PostgreSQL convention the writer follows); cross-checked with Python's csv module."""
    table = pa_csv.read_csv(
        path,
        parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types={c: pa.string() for c in columns},
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    assert table.column_names == columns
    rows: list[dict[str, Any]] = table.to_pylist()
    with path.open(newline="", encoding="utf-8") as fh:
        plain = list(csv.reader(fh, delimiter=delimiter))
    assert plain[0] == columns
    assert plain[1:] == [["" if r[c] is None else r[c] for c in columns] for r in rows]
    return rows


def cell_matches(value: Any, cell: str | None) -> bool:
    """Whether a CSV cell holds ``value`` by the export's cell rules."""
    if value is None:
        return cell is None
    if cell is None:
        return False
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, int | float):
        return cell == str(value) or math.isclose(float(cell), value, rel_tol=0, abs_tol=0)
    if isinstance(value, str):
        return cell == value
    return json.loads(cell) == value


def projected(rows: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    return [{c: row.get(c) for c in columns} for row in rows]
