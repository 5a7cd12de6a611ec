"""The engine's contract: columns, progress, provenance, options."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.export.readers import read_back
from tui import __version__
from tui.export import ExportOptions, Format, Provenance, write_rows
from tui.export.parquet import PROVENANCE_KEY

PROVENANCE = Provenance(
    source="runs of Enrich new companies",
    query_or_filter="SELECT * FROM runs WHERE status = 'error'",
    workspace="Acme GTM",
    created_at=datetime(2026, 11, 27, 15, 0, tzinfo=UTC),
)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.csv", Format.CSV),
        ("a.TSV", Format.TSV),
        ("a.json", Format.JSON),
        ("a.ndjson", Format.NDJSON),
        ("a.jsonl", Format.NDJSON),
        ("a.parquet", Format.PARQUET),
    ],
)
def test_the_format_follows_the_extension(name: str, fmt: Format) -> None:
    assert Format.from_path(name) is fmt


def test_an_unknown_extension_names_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"runs.xlsx has the extension .xlsx; end it with one of .csv, .tsv"
    ):
        Format.from_path("runs.xlsx")
    with pytest.raises(ValueError, match="runs has no extension"):
        Format.from_path("runs")


@pytest.mark.parametrize("bad", ["", ";;", '"', "\n"])
def test_a_delimiter_is_one_safe_character(bad: str) -> None:
    with pytest.raises(ValueError, match="The delimiter must be one character"):
        ExportOptions(Format.CSV, delimiter=bad)


def test_columns_come_from_the_first_batch_and_later_keys_are_reported(tmp_path: Path) -> None:
    batches = [[{"b": 1, "a": 2}, {"c": 3}], [{"a": 4, "late": 5, "later": 6}], [{"late": 7}]]
    result = write_rows(tmp_path / "out.ndjson", None, batches, ExportOptions(Format.NDJSON))
    assert result.columns == ("b", "a", "c")
    assert result.dropped_columns == ("late", "later")
    assert read_back(tmp_path / "out.ndjson", Format.NDJSON, [])[2] == {
        "b": None,
        "a": 4,
        "c": None,
    }


def test_given_columns_pick_and_order(tmp_path: Path) -> None:
    result = write_rows(
        tmp_path / "out.csv", ["c", "a"], [[{"a": 1, "b": 2, "c": 3}]], ExportOptions(Format.CSV)
    )
    assert (tmp_path / "out.csv").read_text() == '"c","a"\n3,1\n'
    assert result.dropped_columns == ("b",)


def test_options_shape_the_text(tmp_path: Path) -> None:
    rows = [[{"a": "x;y", "b": 2}]]
    write_rows(
        tmp_path / "semi.csv", None, rows, ExportOptions(Format.CSV, delimiter=";", header=False)
    )
    assert (tmp_path / "semi.csv").read_text() == '"x;y";2\n'


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_an_empty_source_writes_an_empty_file_of_that_format(fmt: Format, tmp_path: Path) -> None:
    dest = tmp_path / f"empty{fmt.suffix}"
    result = write_rows(dest, ["uuid", "status"], iter([[], []]), ExportOptions(fmt))
    assert result.rows == 0
    assert read_back(dest, fmt, ["uuid", "status"]) == []
    if fmt is Format.PARQUET:
        assert pq.read_schema(dest).names == ["uuid", "status"]


def test_progress_counts_rows_and_bytes(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    pages = [[{"i": i, "t": "x" * 100} for i in range(n, n + 10)] for n in range(0, 30, 10)]
    result = write_rows(
        tmp_path / "out.json",
        None,
        pages,
        ExportOptions(Format.JSON),
        progress=lambda rows, size: seen.append((rows, size)),
    )
    assert [rows for rows, _ in seen] == [10, 20, 30]
    sizes = [size for _, size in seen]
    assert sizes == sorted(sizes) and sizes[0] > 1000
    assert result.bytes == (tmp_path / "out.json").stat().st_size > sizes[-1]


def test_parquet_carries_its_provenance(tmp_path: Path) -> None:
    dest = tmp_path / "runs.parquet"
    result = write_rows(
        dest,
        None,
        [[{"uuid": "r1"}]],
        ExportOptions(Format.PARQUET, with_provenance=True),
        PROVENANCE,
    )
    assert result.sidecar is None, "Parquet holds its provenance inside"
    metadata = pq.read_schema(dest).metadata
    meta = json.loads(metadata[PROVENANCE_KEY])
    assert meta == {
        "source": "runs of Enrich new companies",
        "query_or_filter": "SELECT * FROM runs WHERE status = 'error'",
        "workspace": "Acme GTM",
        "created_at": "2026-11-27T15:00:00+00:00",
        "cargo_tui_version": __version__,
    }
    assert Provenance.from_dict(meta) == PROVENANCE


def test_other_formats_write_a_sidecar_when_asked(tmp_path: Path) -> None:
    dest = tmp_path / "runs.csv"
    result = write_rows(
        dest,
        None,
        [[{"uuid": "r1", "x": 1}]],
        ExportOptions(Format.CSV, with_provenance=True),
        PROVENANCE,
    )
    assert result.sidecar == tmp_path / "runs.csv.meta.json"
    meta = json.loads(result.sidecar.read_text())
    assert meta["file"] == "runs.csv" and meta["rows"] == 1 and meta["columns"] == ["uuid", "x"]
    assert meta["bytes"] == dest.stat().st_size
    assert Provenance.from_dict(meta) == PROVENANCE
    plain = write_rows(tmp_path / "plain.csv", None, [[{"a": 1}]], ExportOptions(Format.CSV))
    assert plain.sidecar is None and not (tmp_path / "plain.csv.meta.json").exists()


def test_with_provenance_needs_one(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs a Provenance"):
        write_rows(tmp_path / "a.csv", None, [], ExportOptions(Format.CSV, with_provenance=True))
