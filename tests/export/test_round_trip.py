"""What an export writes reads back equal to what it was given, in every format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings

from tests.export.readers import cell_matches, projected, read_back
from tests.export.strategies import COLUMNS, batches
from tui.export import ExportOptions, Format, write_rows

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_same(fmt: Format, written: list[dict[str, Any]], back: list[dict[str, Any]]) -> None:
    assert len(back) == len(written)
    if fmt in (Format.CSV, Format.TSV):
        for number, (want, got) in enumerate(zip(written, back, strict=True)):
            for column, value in want.items():
                assert cell_matches(value, got[column]), (number, column, value, got[column])
    else:
        assert back == written


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
@SETTINGS
@given(data=batches(COLUMNS))
def test_rows_read_back_equal(
    fmt: Format, data: list[list[dict[str, Any]]], tmp_path: Path
) -> None:
    columns = list(COLUMNS)
    if fmt is Format.PARQUET:  # one schema per file: see the mixed-column tests below
        data = [[{k: v for k, v in row.items() if k != "anything"} for row in b] for b in data]
        columns.remove("anything")
    dest = tmp_path / f"round-trip{fmt.suffix}"
    result = write_rows(dest, columns, data, ExportOptions(fmt, overwrite=True))
    rows = [row for batch in data for row in batch]
    assert result.rows == len(rows)
    assert result.bytes == dest.stat().st_size
    assert_same(fmt, projected(rows, columns), read_back(dest, fmt, columns))


@pytest.mark.parametrize("fmt", [Format.CSV, Format.TSV], ids=lambda f: f.value)
@SETTINGS
@given(data=batches({"only": "mixed"}))
def test_a_single_column_keeps_every_row(
    fmt: Format, data: list[list[dict[str, Any]]], tmp_path: Path
) -> None:
    """A lone null cell would be a blank line, which readers skip: it is written as ``""``."""
    dest = tmp_path / f"one{fmt.suffix}"
    write_rows(dest, ["only"], data, ExportOptions(fmt, overwrite=True))
    rows = [row for batch in data for row in batch]
    back = read_back(dest, fmt, ["only"])
    assert len(back) == len(rows)
    for want, got in zip(rows, back, strict=True):
        value = want.get("only")
        assert cell_matches(value, got["only"]) or (value is None and got["only"] == "")


def test_the_cells_follow_the_documented_rules(tmp_path: Path) -> None:
    rows = [
        {"s": 'say "hi", then\r\nleave', "n": 3, "x": 1.5, "b": True, "e": "", "z": None},
        {"s": "tab\there", "n": None, "x": None, "b": False, "e": "é😀", "z": {"a": [1, None]}},
    ]
    dest = tmp_path / "rules.csv"
    write_rows(dest, None, [rows], ExportOptions(Format.CSV))
    assert dest.read_bytes().decode() == (
        '"s","n","x","b","e","z"\n'
        '"say ""hi"", then\r\nleave",3,1.5,true,"",\n'
        '"tab\there",,,false,"é😀","{""a"":[1,null]}"\n'
    )


def test_nan_and_infinity_are_null_in_json(tmp_path: Path) -> None:
    rows = [{"x": float("nan"), "y": {"z": float("inf")}, "w": 2**70}]
    for fmt in (Format.JSON, Format.NDJSON):
        dest = tmp_path / f"nan{fmt.suffix}"
        write_rows(dest, None, [rows], ExportOptions(fmt))
        assert read_back(dest, fmt, ["x", "y", "w"]) == [{"x": None, "y": {"z": None}, "w": 2**70}]


def test_pretty_json_is_indented_and_equal(tmp_path: Path) -> None:
    rows = [{"a": 1, "ctx": {"k": ["v"]}}, {"a": 2, "ctx": None}]
    dest = tmp_path / "pretty.json"
    write_rows(dest, None, [rows[:1], rows[1:]], ExportOptions(Format.JSON, pretty_json=True))
    text = dest.read_text()
    assert '\n    "ctx": {\n      "k": [\n' in text
    assert json.loads(text) == rows


def test_a_lone_surrogate_is_replaced_not_fatal(tmp_path: Path) -> None:
    rows = [{"s": "a\ud800b", "ctx": {"k": "\udfff"}}]
    for fmt in Format:
        dest = tmp_path / f"surrogate{fmt.suffix}"
        write_rows(dest, None, [rows], ExportOptions(fmt))
        back = read_back(dest, fmt, ["s", "ctx"])
        assert back[0]["s"] == "a\ufffdb"
        ctx = back[0]["ctx"]
        assert (json.loads(ctx) if isinstance(ctx, str) else ctx) == {"k": "\ufffd"}


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_arrow_batches_are_written_like_rows(fmt: Format, tmp_path: Path) -> None:
    table = pa.table(
        {
            "uuid": ["r1", "r2", None],
            "credits": pa.array([1, None, 3], type=pa.int64()),
            "ctx": [{"a": 1}, None, {"a": 2}],
        }
    )
    dest = tmp_path / f"arrow{fmt.suffix}"
    result = write_rows(
        dest, None, [table.slice(0, 2), table.slice(2).to_batches()[0]], ExportOptions(fmt)
    )
    assert result.rows == 3
    assert result.columns == ("uuid", "credits", "ctx")
    back = read_back(dest, fmt, ["uuid", "credits", "ctx"])
    if fmt is Format.PARQUET:  # Arrow's own types are kept, structs included
        assert pq.read_schema(dest).field("ctx").type == pa.struct([("a", pa.int64())])
        assert back == table.to_pylist()
    else:
        assert_same(fmt, table.to_pylist(), back)


@SETTINGS
@given(data=batches(COLUMNS, max_batches=1))
def test_parquet_holds_mixed_columns_as_json(
    data: list[list[dict[str, Any]]], tmp_path: Path
) -> None:
    """A column of mixed kinds, seen before the schema is fixed, is JSON text: exact."""
    columns = list(COLUMNS)
    dest = tmp_path / "mixed.parquet"
    write_rows(dest, columns, data, ExportOptions(Format.PARQUET, overwrite=True))
    assert read_back(dest, Format.PARQUET, columns) == projected(data[0], columns)


def test_parquet_text_columns_take_later_values_as_text(tmp_path: Path) -> None:
    """Once the schema is fixed, a text column holds a later number or object as CSV would."""
    first = [{"v": "a"}]
    later = [{"v": 1}, {"v": False}, {"v": {"k": 1}}, {"v": None}]
    dest = tmp_path / "later.parquet"
    write_rows(dest, None, [first, later], ExportOptions(Format.PARQUET))
    assert pq.read_table(dest).column("v").to_pylist() == ["a", "1", "false", '{"k":1}', None]


def test_parquet_waits_for_a_value_before_typing_a_column(tmp_path: Path) -> None:
    """A column null on the first page takes its type from the first page that has a value."""
    pages = [[{"id": "r1", "credits": None}], [{"id": "r2", "credits": 3}]]
    dest = tmp_path / "typed.parquet"
    write_rows(dest, None, pages, ExportOptions(Format.PARQUET))
    assert pq.read_schema(dest).field("credits").type == pa.int64()
    assert pq.read_table(dest).column("credits").to_pylist() == [None, 3]
