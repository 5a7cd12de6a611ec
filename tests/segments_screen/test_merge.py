"""Merging downloaded files into one export (no server: the files are written here)."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path

import pytest

from tui.export import ExportCancelled, Format
from tui.screens.segments.export import ExportChoice, merge

TYPES = {
    "id": "string",
    "employees": "number",
    "revenue": "number",
    "target": "boolean",
    "tags": "array",
}


def _parts(tmp_path: Path, *bodies: str) -> list[Path]:
    paths = []
    for index, body in enumerate(bodies):
        path = tmp_path / f"part-{index}"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def test_csv_parts_become_one_csv_with_one_header(tmp_path: Path) -> None:
    parts = _parts(tmp_path, "id,employees\na,1\nb,2\n", "id,employees\nc,3\n", "")
    result = merge(parts, ExportChoice(tmp_path / "out.csv", Format.CSV), TYPES)
    with result.path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == ["a", "b", "c"]
    assert result.rows == 3


def test_parts_with_other_columns_keep_them_all(tmp_path: Path) -> None:
    parts = _parts(tmp_path, "id,employees\na,1\n", 'id,tags\nb,"[""x""]"\n')
    result = merge(parts, ExportChoice(tmp_path / "out.csv", Format.CSV), TYPES)
    rows = list(csv.reader(result.path.read_text(encoding="utf-8").splitlines()))
    assert rows == [["id", "employees", "tags"], ["a", "1", ""], ["b", "", '["x"]']]


def test_typed_formats_type_the_cells_by_column(tmp_path: Path) -> None:
    parts = _parts(
        tmp_path, 'id,employees,revenue,target,tags\na,12,1.5,True,"[""x""]"\nb,,oops,,\n'
    )
    result = merge(parts, ExportChoice(tmp_path / "out.json", Format.JSON), TYPES)
    assert json.loads(result.path.read_text(encoding="utf-8")) == [
        {"id": "a", "employees": 12, "revenue": 1.5, "target": True, "tags": ["x"]},
        {"id": "b", "employees": None, "revenue": "oops", "target": None, "tags": None},
    ]


def test_json_and_json_lines_parts_are_read_too(tmp_path: Path) -> None:
    parts = _parts(
        tmp_path, ' [{"id": "a", "tags": ["x"]}]', '{"id": "b"}\n\n{"id": "c", "employees": 4}\n'
    )
    result = merge(parts, ExportChoice(tmp_path / "out.ndjson", Format.NDJSON), TYPES)
    lines = [json.loads(line) for line in result.path.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {"id": "a", "tags": ["x"], "employees": None},
        {"id": "b", "tags": None, "employees": None},
        {"id": "c", "tags": None, "employees": 4},
    ]


def test_a_cancelled_merge_writes_nothing(tmp_path: Path) -> None:
    parts = _parts(tmp_path, "id\na\n")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelled):
        merge(parts, ExportChoice(tmp_path / "out.csv", Format.CSV), TYPES, cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part-0"]


def test_parquet_keeps_the_columns_types(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    parts = _parts(tmp_path, "id,employees,target\na,12,True\n", "id,employees,target\nb,,False\n")
    result = merge(parts, ExportChoice(tmp_path / "out.parquet", Format.PARQUET), TYPES)
    table = pq.read_table(result.path)
    assert table.column("employees").to_pylist() == [12, None]
    assert table.column("target").to_pylist() == [True, False]
