"""Downloaded files (CSV, JSON arrays, NDJSON) merged into one export, streaming."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export.conftest import leftovers
from tests.export.readers import read_back
from tests.export.strategies import nested
from tui.export import ExportOptions, Format, SourceFailed, merge_files, sources
from tui.export.sources import iter_json_array, source_format


def write_sources(folder: Path) -> list[Path]:
    csv_part = folder / "part-1.csv"
    csv_part.write_text(
        'id,title,note\nr1,"Acme, Inc.","line\nbreak"\nr2,Globex,\n', encoding="utf-8"
    )
    json_part = folder / "part-2.json"
    json_part.write_text(
        json.dumps([{"id": "r3", "title": "Initech", "score": 0.5, "ctx": {"a": [1, 2]}}]),
        encoding="utf-8",
    )
    ndjson_part = folder / "part-3.ndjson"
    ndjson_part.write_text('{"id": "r4", "extra": true}\n\n{"id": "r5"}\n', encoding="utf-8")
    return [csv_part, json_part, ndjson_part]


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_files_merge_with_the_union_of_their_columns(fmt: Format, tmp_path: Path) -> None:
    parts = write_sources(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = merge_files(parts, out / f"segment{fmt.suffix}", ExportOptions(fmt))
    columns = ["id", "title", "note", "score", "ctx", "extra"]
    assert result.columns == tuple(columns)
    assert result.rows == 5
    back = read_back(out / f"segment{fmt.suffix}", fmt, columns)
    assert [r["id"] for r in back] == ["r1", "r2", "r3", "r4", "r5"]
    assert back[0]["title"] == "Acme, Inc." and back[0]["note"] == "line\nbreak"
    assert back[1]["note"] is None, "an empty CSV cell is a null"
    assert back[3]["title"] is None and back[4]["extra"] is None
    ctx = back[2]["ctx"]
    assert (json.loads(ctx) if isinstance(ctx, str) else ctx) == {"a": [1, 2]}


def test_sources_without_an_extension_are_recognised(tmp_path: Path) -> None:
    for name, text, kind in [
        ("a", '  [{"x": 1}]', "json"),
        ("b", '{"x": 1}\n', "ndjson"),
        ("c", "x,y\n1,2\n", "csv"),
    ]:
        (tmp_path / name).write_text(text)
        assert source_format(tmp_path / name) == kind


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", '[{"a": 1}, {"a": ', "bad.json ends in the middle of a row: the download was"),
        ("bad.json", '[{"a": 1}, {"a" 2}]', "bad.json is not valid JSON"),
        ("bad.json", '[{"a": 1} {"a": 2}]', "bad.json is not valid JSON"),
        ("bad.json", '{"a": 1}', "bad.json is not the JSON array of rows"),
        ("bad.json", "[1, 2]", "bad.json, element 1: expected an object"),
        ("bad.ndjson", '{"a": 1}\n{"a": \n', "bad.ndjson, line 2: not valid JSON"),
        ("bad.csv", "a,b\n1,2,3\n", "bad.csv, line 2: 3 cells, but the header names 2 columns"),
    ],
)
def test_a_malformed_download_says_where_and_leaves_nothing(
    name: str, text: str, message: str, tmp_path: Path
) -> None:
    (tmp_path / name).write_text(text)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SourceFailed, match=message):
        merge_files([tmp_path / name], out / "merged.csv", ExportOptions(Format.CSV))
    assert leftovers(out) == []


def test_a_vanished_download_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceFailed, match="gone; download it again"):
        merge_files([tmp_path / "missing.csv"], tmp_path / "out.csv", ExportOptions(Format.CSV))
    assert leftovers(tmp_path) == []


def test_a_large_cell_is_read(tmp_path: Path) -> None:
    """The csv module refuses cells over 128 KiB unless told; a node output can be larger."""
    big = "x" * 300_000
    (tmp_path / "big.csv").write_text(f"id,ctx\nr1,{big}\n")
    merge_files([tmp_path / "big.csv"], tmp_path / "out.ndjson", ExportOptions(Format.NDJSON))
    assert json.loads((tmp_path / "out.ndjson").read_text()) == {"id": "r1", "ctx": big}


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.dictionaries(st.text(max_size=5), nested, max_size=3), max_size=8),
    chunk=st.integers(min_value=1, max_value=40),
    indent=st.sampled_from([None, 0, 2]),
)
def test_the_json_array_reader_is_exact_at_any_chunk_size(
    values: list[dict[str, Any]], chunk: int, indent: int | None
) -> None:
    """Elements cut anywhere by the read-ahead, numbers at its very end included."""
    original = sources._CHUNK
    sources._CHUNK = chunk
    try:
        text = json.dumps(values, indent=indent)
        assert list(iter_json_array(io.StringIO(text), "x.json")) == values
    finally:
        sources._CHUNK = original


def test_the_json_array_reader_streams(tmp_path: Path) -> None:
    """It reads a bit at a time: it never asks for the whole file."""
    reads: list[int] = []

    class Recording(io.StringIO):
        def read(self, size: int | None = -1) -> str:
            reads.append(-1 if size is None else size)
            return super().read(size)

    rows = [{"id": i, "ctx": {"t": "y" * 50}} for i in range(20_000)]
    text = json.dumps(rows)
    assert list(iter_json_array(Recording(text), "x.json")) == rows
    assert reads and all(0 < size < len(text) // 10 for size in reads)
