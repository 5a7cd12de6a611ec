"""What ``y``/``Y`` copy, and whether it fits one OSC 52 sequence."""

from __future__ import annotations

import base64
import csv
import io
import json

from tui.export import (
    OSC52_LIMIT_BYTES,
    clipboard_json,
    clipboard_tsv,
    clipboard_value,
    osc52_size,
)

ROWS = [
    {"uuid": "r1", "status": "error", "error": 'Invalid domain: "globex"', "ctx": {"a": [1]}},
    {"uuid": "r2", "status": "success", "error": None, "ctx": None, "note": "tab\there\nline"},
]


def test_tsv_reads_back_as_a_spreadsheet_would() -> None:
    payload = clipboard_tsv(["uuid", "status", "error", "ctx", "note"], ROWS)
    assert payload.kind == "tsv" and payload.rows == 2
    assert payload.text.splitlines()[
        1
    ] == 'r1\terror\t"Invalid domain: ""globex"""\t{""a"":[1]}\t'.replace(
        '{""a"":[1]}', '"{""a"":[1]}"'
    )
    parsed = list(csv.reader(io.StringIO(payload.text), delimiter="\t"))
    assert parsed == [
        ["uuid", "status", "error", "ctx", "note"],
        ["r1", "error", 'Invalid domain: "globex"', '{"a":[1]}', ""],
        ["r2", "success", "", "", "tab\there\nline"],
    ]


def test_json_is_one_object_for_one_row_else_an_array() -> None:
    one = clipboard_json(["uuid", "ctx"], ROWS[:1])
    assert json.loads(one.text) == {"uuid": "r1", "ctx": {"a": [1]}}
    assert one.text.startswith('{\n  "uuid": "r1",')
    both = clipboard_json(None, ROWS)
    assert json.loads(both.text) == ROWS
    assert json.loads(clipboard_value({"answer": {"score": 0.9}}).text) == {
        "answer": {"score": 0.9}
    }


def test_the_osc52_size_is_the_base64_length() -> None:
    for text in ["", "a", "ab", "abc", "é😀", "x" * 1000]:
        assert osc52_size(text) == len(base64.b64encode(text.encode()))


def test_a_payload_fits_up_to_the_limit_and_not_past_it() -> None:
    # 3 bytes of text make 4 of base64: the largest text that fits is 3/4 of the limit.
    largest = OSC52_LIMIT_BYTES // 4 * 3
    fits = clipboard_value("x" * (largest - 2))  # JSON adds the two quotes
    assert fits.encoded_size == OSC52_LIMIT_BYTES and fits.fits
    too_big = clipboard_value("x" * (largest - 1))
    assert too_big.encoded_size > OSC52_LIMIT_BYTES and not too_big.fits
