"""Downloaded CSV cells typed by the model's columns, for the formats that keep types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.export import ExportOptions, Format
from tui.export.merge import merge_files

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
        path = tmp_path / f"part-{index}.csv"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def test_json_gets_numbers_booleans_and_arrays_back(tmp_path: Path) -> None:
    parts = _parts(
        tmp_path, 'id,employees,revenue,target,tags\na,12,1.5,True,"[""x""]"\nb,,oops,,\n'
    )
    dest = tmp_path / "out.json"
    merge_files(parts, dest, ExportOptions(Format.JSON), types=TYPES)
    assert json.loads(dest.read_text(encoding="utf-8")) == [
        {"id": "a", "employees": 12, "revenue": 1.5, "target": True, "tags": ["x"]},
        {"id": "b", "employees": None, "revenue": "oops", "target": None, "tags": None},
    ]


@pytest.mark.parametrize("fmt", [Format.CSV, Format.TSV])
def test_text_formats_keep_the_cells_as_they_came(fmt: Format, tmp_path: Path) -> None:
    parts = _parts(tmp_path, "id,employees\na,012\n")
    dest = tmp_path / f"out{fmt.suffix}"
    merge_files(parts, dest, ExportOptions(fmt), types=TYPES)
    assert "012" in dest.read_text(encoding="utf-8")


def test_parquet_keeps_the_columns_types(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    parts = _parts(tmp_path, "id,employees,target\na,12,True\n", "id,employees,target\nb,,False\n")
    dest = tmp_path / "out.parquet"
    merge_files(parts, dest, ExportOptions(Format.PARQUET), types=TYPES)
    table = pq.read_table(dest)
    assert table.column("employees").to_pylist() == [12, None]
    assert table.column("target").to_pylist() == [True, False]


@pytest.mark.parametrize("body", ['{"errorMessage": "no"}', "<Error><Code>AccessDenied</Code>"])
def test_an_error_page_sent_as_the_csv_is_refused(body: str, tmp_path: Path) -> None:
    from tui.export.errors import ExportError

    dest = tmp_path / "out.csv"
    with pytest.raises(ExportError, match="is not the CSV Cargo should have sent"):
        merge_files(_parts(tmp_path, body), dest, ExportOptions(Format.CSV))
    assert not dest.exists()


def test_a_csv_cut_mid_row_is_refused_and_a_whole_one_without_last_newline_kept(
    tmp_path: Path,
) -> None:
    from tui.export.errors import ExportError

    dest = tmp_path / "out.csv"
    with pytest.raises(ExportError, match="ends in the middle of a row"):
        merge_files(_parts(tmp_path, "id,name,tags\na,b,c\nd,e"), dest, ExportOptions(Format.CSV))
    assert not dest.exists()
    merge_files(_parts(tmp_path, "id,name\na,b\nc,d"), dest, ExportOptions(Format.CSV))
    assert dest.read_text(encoding="utf-8").count("\n") == 3, "the last row, whole, is kept"
