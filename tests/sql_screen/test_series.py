"""Which columns of a result a chart offers along the x axis and to plot, best first, and the
points of one pick (the result as the SQL screen holds it: ``records_to_arrow``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from tui.screens.sql.series import choices, points
from widgets.arrow_table import records_to_arrow


def offered(rows: list[dict[str, Any]]) -> tuple[list[str], list[str]] | None:
    found = choices(records_to_arrow(rows))
    if found is None:
        return None
    return [x.name for x in found.xs], [y.name for y in found.ys_for(found.xs[0])]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [
                {"hour": "2026-11-26 15:00:00", "runs": 3},
                {"hour": "2026-11-26 17:00:00", "runs": 5},
            ],
            (["hour", "row"], ["runs"]),
        ),
        ([{"n": 4, "day": "2026-11-26"}], (["day", "row"], ["n"])),
        (
            [{"t": "2026-01-02 03:04:05.678", "status": "ok", "n": 1, "rate": 0.5}],
            (["t", "status", "row", "n", "rate"], ["n", "rate"]),
        ),
        ([{"status": "error", "n": 2}, {"status": None, "n": 3}], (["status", "row"], ["n"])),
        ([{"hour": 3, "runs": 9}], (["hour", "row", "runs"], ["runs"])),
        ([{"errors": 3, "total": 9}], (["row", "errors", "total"], ["errors", "total"])),
        ([{"credits": Decimal("1.5")}], (["row"], ["credits"])),
        ([{"at": "2026-11-26 15:00:00", "n": 1}, {"at": "soon", "n": 2}], (["at", "row"], ["n"])),
        (
            [{"workflow_uuid": "8507", "workflow_uuid · name": "Enrich (play)", "runs": 1}],
            (["workflow_uuid · name", "workflow_uuid", "row"], ["runs"]),
        ),
        ([{"name": "a", "flag": True, "nothing": None}], None),
        ([], None),
    ],
    ids=[
        "a-time-column",
        "a-date-after-the-number",
        "times-then-text-then-the-row-then-numbers",
        "text-with-nulls",
        "a-number-named-like-a-time",
        "numbers-only",
        "decimals-are-numbers",
        "text-that-is-not-all-times",
        "names-before-their-uuids",
        "no-number",
        "no-rows",
    ],
)
def test_the_axes_offered(
    rows: list[dict[str, Any]], expected: tuple[list[str], list[str]] | None
) -> None:
    assert offered(rows) == expected


def test_points_of_a_time_axis_leave_out_rows_without_a_time() -> None:
    table = records_to_arrow(
        [
            {"at": "2026-11-26T15:00:00+01:00", "n": 1},
            {"at": None, "n": 2},
            {"at": "2026-11-26 16:00:00", "n": None},
        ]
    )
    found = choices(table)
    assert found is not None
    x, values = points(table, found.xs[0], found.ys[0])
    assert x == [datetime(2026, 11, 26, 14), datetime(2026, 11, 26, 16)]  # in UTC
    assert values == [1.0, None]
    row = found.xs[-1]
    assert points(table, row, found.ys[0]) == (["1", "2", "3"], [1.0, 2.0, None])
