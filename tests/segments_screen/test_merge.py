"""Merging downloaded files into one export (no server: the files are written here)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tui.screens.segments.export import Merger

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


def _run(merger: Merger) -> bytes:
    return b"".join(merger.chunks())


def test_csv_parts_become_one_csv_with_one_header(tmp_path: Path) -> None:
    parts = _parts(tmp_path, "id,employees\na,1\nb,2\n", "id,employees\nc,3\n", "")
    merger = Merger(parts, "csv", TYPES)
    rows = list(csv.DictReader(io.StringIO(_run(merger).decode())))
    assert [row["id"] for row in rows] == ["a", "b", "c"]
    assert merger.rows == 3


def test_parts_with_other_columns_keep_them_all(tmp_path: Path) -> None:
    parts = _parts(tmp_path, "id,employees\na,1\n", 'id,tags\nb,"[""x""]"\n')
    text = _run(Merger(parts, "csv", TYPES)).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "id,employees,tags"
    assert rows == [
        {"id": "a", "employees": "1", "tags": ""},
        {"id": "b", "employees": "", "tags": '["x"]'},
    ]


def test_json_export_types_cells_by_column(tmp_path: Path) -> None:
    parts = _parts(
        tmp_path,
        'id,employees,revenue,target,tags\na,12,1.5,True,"[""x""]"\nb,,oops,,\n',
    )
    merger = Merger(parts, "json", TYPES)
    records = json.loads(_run(merger))
    assert records == [
        {"id": "a", "employees": 12, "revenue": 1.5, "target": True, "tags": ["x"]},
        {"id": "b", "employees": None, "revenue": "oops", "target": None, "tags": None},
    ]
    assert merger.rows == 2


def test_json_and_json_lines_parts_are_read_too(tmp_path: Path) -> None:
    parts = _parts(
        tmp_path, ' [{"id": "a", "tags": ["x"]}]', '{"id": "b"}\n\n{"id": "c", "employees": 4}\n'
    )
    rows = list(csv.DictReader(io.StringIO(_run(Merger(parts, "csv", TYPES)).decode())))
    assert rows == [
        {"id": "a", "tags": '["x"]', "employees": ""},
        {"id": "b", "tags": "", "employees": ""},
        {"id": "c", "tags": "", "employees": "4"},
    ]


def test_nothing_to_merge_is_an_empty_list_or_a_header_less_csv(tmp_path: Path) -> None:
    parts = _parts(tmp_path, "")
    assert json.loads(_run(Merger(parts, "json", TYPES))) == []
    assert _run(Merger(parts, "csv", TYPES)).strip() == b""
