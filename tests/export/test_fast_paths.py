"""The fast paths of the CSV and Parquet writers give the bytes the plain paths give.

From the second batch on, a column known to hold text is converted with the other text
columns in one pass over the rows; a value that is not text (a number, an object, a lone
surrogate) sends the batch back to one column at a time. Either way each cell follows the
rules of :mod:`tui.export.cells`.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

import pyarrow.parquet as pq

from tests.export.readers import read_back
from tui.export import ExportOptions, Format, write_rows

FIRST = [{"id": "r1", "name": "plain", "n": 1, "ctx": {"k": 1}}]
LATER: list[list[dict[str, Any]]] = [
    [  # text only: the one-pass path
        {"id": "r2", "name": 'say "hi",\r\nthen leave', "n": 2, "ctx": {"k": "é😀"}},
        {"id": "", "name": None, "n": None, "ctx": None},
        {"id": "r4", "n": 4},  # missing keys are nulls
        {"id": "r5", "name": "中文\u2028\t", "n": 5, "ctx": [1, None, {"a": "\x1e"}]},
    ],
    [{"id": 6, "name": "a number in a text column", "n": 6, "ctx": {}}],
    [{"id": "r7", "name": {"an": "object"}, "n": 7, "ctx": {"k": [True]}}],
    [{"id": "r8\ud800", "name": "a lone surrogate", "n": 8, "ctx": None}],
]


def test_later_text_batches_keep_the_cell_rules(tmp_path: Path) -> None:
    dest = tmp_path / "runs.csv"
    write_rows(dest, None, [FIRST, *LATER], ExportOptions(Format.CSV))
    assert dest.read_bytes().decode() == (
        '"id","name","n","ctx"\n'
        '"r1","plain",1,"{""k"":1}"\n'
        '"r2","say ""hi"",\r\nthen leave",2,"{""k"":""é😀""}"\n'
        '"",,,\n'
        '"r4",,4,\n'
        '"r5","中文\u2028\t",5,"[1,null,{""a"":""\\u001e""}]"\n'
        '6,"a number in a text column",6,"{}"\n'
        '"r7","{""an"":""object""}",7,"{""k"":[true]}"\n'
        '"r8\ufffd","a lone surrogate",8,\n'
    )


def test_parquet_later_text_batches_read_back_equal(tmp_path: Path) -> None:
    later = [[dict(row) for row in batch] for batch in LATER[:1]]
    dest = tmp_path / "runs.parquet"
    write_rows(dest, None, [FIRST, *later], ExportOptions(Format.PARQUET))
    back = read_back(dest, Format.PARQUET, ["id", "name", "n", "ctx"])
    want = [{"name": None, "ctx": None, **row} for batch in [FIRST, *later] for row in batch]
    assert back == [{k: row[k] for k in ("id", "name", "n", "ctx")} for row in want]
    assert pq.read_table(dest).column("name").to_pylist()[1] == 'say "hi",\r\nthen leave'


def test_very_wide_rows_keep_every_cell(tmp_path: Path) -> None:
    columns = [f"c{i}" for i in range(400)]
    batches = [
        [{c: (f"v{r}.{i}" if i % 7 else None) for i, c in enumerate(columns)} for r in rows]
        for rows in (range(3), range(3, 9))
    ]
    for fmt in (Format.CSV, Format.PARQUET):
        dest = tmp_path / f"wide{fmt.suffix}"
        write_rows(dest, None, batches, ExportOptions(fmt))
        assert read_back(dest, fmt, columns) == [row for batch in batches for row in batch]


def test_keys_outside_the_columns_are_reported_for_any_mapping(tmp_path: Path) -> None:
    batches = [
        [MappingProxyType({"a": "1"}), {"a": "2"}],
        [MappingProxyType({"a": "3", "late": "x"})],
    ]
    result = write_rows(tmp_path / "out.csv", None, batches, ExportOptions(Format.CSV))
    assert result.dropped_columns == ("late",)
    assert (tmp_path / "out.csv").read_text() == '"a"\n"1"\n"2"\n"3"\n'
