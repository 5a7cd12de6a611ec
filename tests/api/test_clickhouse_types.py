"""Every ClickHouse type a query may return comes back exactly, and renders, through the sandbox.

The client reads the sandbox's JSON (ClickHouse's ``JSONEachRow``, 64-bit integers and decimals
unquoted), ``records_to_arrow`` makes the table the SQL screen shows, and the table renders it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from textual.app import App, ComposeResult

from tests.support import screen_text
from tui.api import CargoClient
from tui.api.transport import loads
from tui.sandbox.threaded import ThreadedSandbox
from widgets.arrow_table import arrow_table, records_to_arrow

UINT256_MAX = 2**256 - 1
INT128_MIN = -(2**127)
WIDE = "1234567890123456789012345678901234567890.5"

#: name: (expression, the value the client reads, the cell's text)
TYPES: dict[str, tuple[str, Any, str]] = {
    "UInt64": ("toUInt64(-1)", 2**64 - 1, "18446744073709551615"),
    "Int64": ("toInt64(-9223372036854775808)", -(2**63), "-9223372036854775808"),
    "Int128": (f"toInt128('{INT128_MIN}')", INT128_MIN, str(INT128_MIN)),
    "UInt256": (f"toUInt256('{UINT256_MAX}')", UINT256_MAX, str(UINT256_MAX)),
    "Decimal64": ("toDecimal64(123.456, 3)", 123.456, "123.456"),
    "Decimal256": (f"toDecimal256('{WIDE}', 1)", Decimal(WIDE), WIDE),
    "Nullable": ("CAST(NULL AS Nullable(Int32))", None, "∅"),
    "Array": ("[1, 2, 3]", [1, 2, 3], "[1, 2, 3]"),
    "Map": ("map('a', 1, 'b', 2)", {"a": 1, "b": 2}, '{"a": 1, "b": 2}'),
    "Tuple": ("tuple(1, 'x')", [1, "x"], '[1, "x"]'),
    "LowCardinality": ("toLowCardinality('lc')", "lc", "lc"),
    "Date32": ("toDate32('1900-01-01')", "1900-01-01", "1900-01-01"),
    "DateTime64": (
        "toDateTime64('2026-01-02 03:04:05.678', 3)",
        "2026-01-02 03:04:05.678",
        "2026-01-02 03:04:05.678",
    ),
    "UUID": (
        "toUUID('3fbf0000-0000-4000-8000-000000000000')",
        *(["3fbf0000-0000-4000-8000-000000000000"] * 2),
    ),
    "IPv4": ("toIPv4('10.0.0.1')", "10.0.0.1", "10.0.0.1"),
    "IPv6": ("toIPv6('2001:db8::1')", "2001:db8::1", "2001:db8::1"),
    "Enum8": ("CAST('b' AS Enum8('a' = 1, 'b' = 2))", "b", "b"),
    "JSON": ('CAST(\'{"a": {"b": 1}}\' AS JSON)', {"a": {"b": 1}}, '{"a": {"b": 1}}'),
    "Bool": ("true", True, "True"),
    "Float64": ("0.1 + 0.2", 0.30000000000000004, "0.3"),
}


@pytest.fixture
async def client(sandbox: ThreadedSandbox) -> AsyncIterator[CargoClient]:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        yield client


class OneTable(App[None]):
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield arrow_table(records_to_arrow(self.rows))


@pytest.mark.parametrize("name", TYPES)
async def test_a_clickhouse_type_comes_back_exactly_and_renders(
    client: CargoClient, name: str
) -> None:
    expression, value, cell = TYPES[name]
    result = await client.orchestration.query.execute(f"SELECT {expression} AS v")
    assert result.rows == [(value,)]
    assert type(result.rows[0][0]) is type(value)
    table = records_to_arrow(result.as_dicts())
    shown = table.column("v").to_pylist()[0]
    assert shown == value or str(shown) == cell
    app = OneTable(result.as_dicts())
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause()
        # A cell shows 60 characters at most (the whole value is one key away in the editor).
        assert (cell if len(cell) <= 60 else cell[:59] + "…") in screen_text(app)


def test_whole_numbers_past_int64_keep_a_numeric_column_when_they_fit() -> None:
    table = records_to_arrow([{"n": 2**64 - 1}, {"n": 1}, {"n": None}])
    assert str(table.schema.field("n").type) == "uint64"
    assert table.column("n").to_pylist() == [2**64 - 1, 1, None]
    mixed = records_to_arrow([{"n": -1}, {"n": 2**64 - 1}])
    assert mixed.column("n").to_pylist() == ["-1", str(2**64 - 1)]
    nested = records_to_arrow([{"a": [Decimal("1.5"), 2**70]}])
    assert nested.column("a").to_pylist() == [f'["1.5", {2**70}]']


def test_a_float_of_17_digits_stays_a_float_and_a_longer_number_stays_exact() -> None:
    body = b'{"f": 0.30000000000000004, "g": 1.2345678901234567e-300, "id": "123456789012345678"}'
    assert loads(body) == {"f": 0.1 + 0.2, "g": 1.2345678901234567e-300, "id": "123456789012345678"}
    assert type(loads(body)["f"]) is float
    wide = loads(b"[0.000123456789012345678, 12345678901234567890123, -0.5]")
    assert wide == [Decimal("0.000123456789012345678"), 12345678901234567890123, -0.5]
    assert type(wide[2]) is float
