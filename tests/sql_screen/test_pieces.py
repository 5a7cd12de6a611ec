"""The plain pieces under the editor: which columns chart, a cell's whole text, the bars."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tests.support import screen_text
from tui.screens.sql.outcome import cell_text, chart_columns
from widgets.bar_chart import BarChart


@pytest.mark.parametrize(
    ("columns", "rows", "expected"),
    [
        (["hour", "runs"], [("2026-11-26 15:00:00", 3), ("2026-11-26 16:00:00", 5)], (0, 1)),
        (["n", "day"], [(4, "2026-11-26"), (5, "2026-11-27")], (1, 0)),
        (["bucket", "label", "rate"], [("Mon", "a", 0.5)], (0, 2)),
        (
            ["created_at", "status", "n"],
            [(None, "error", 2), ("2026-11-26 15:00:00", "ok", 3)],
            (0, 2),
        ),
        (["name", "n"], [("a", 1)], None),
        (["hour", "name"], [("2026-11-26 15:00:00", "a")], None),
        (["hour", "runs"], [], None),
        (["flag", "at"], [(True, "2026-11-26 15:00:00")], None),
    ],
    ids=[
        "datetime-text",
        "day-second",
        "named-bucket",
        "nulls",
        "no-time",
        "no-number",
        "no-rows",
        "booleans-are-not-numbers",
    ],
)
def test_chart_columns(
    columns: list[str], rows: list[tuple[object, ...]], expected: tuple[int, int] | None
) -> None:
    assert chart_columns(columns, rows) == expected


def test_cell_text_pretty_prints_json_and_keeps_the_rest() -> None:
    assert cell_text({"a": [1, 2]}) == '{\n  "a": [\n    1,\n    2\n  ]\n}'
    assert cell_text('{"kind":"segment"}') == '{\n  "kind": "segment"\n}'
    assert cell_text("{not json") == "{not json"
    assert cell_text(None) == "NULL"
    assert cell_text(False) == "false"
    assert cell_text(3.5) == "3.5"


class Chart(App[None]):
    def __init__(self, values: list[float]) -> None:
        super().__init__()
        self.values = values

    def compose(self) -> ComposeResult:
        yield BarChart([f"h{i}" for i in range(len(self.values))], self.values, title="t")


async def test_bars_scale_to_the_largest_value() -> None:
    app = Chart([8, 4, 0])
    async with app.run_test(size=(30, 7)) as pilot:
        await pilot.pause()
        lines = [line[1:] for line in screen_text(app).splitlines()]  # after the padding
    assert lines[0].strip() == "t"
    plot = lines[1:5]
    assert plot[0].startswith("8 ┤") and plot[-1].startswith("0 ┤")
    full = [line[3:] for line in plot]
    # 25 columns for 3 bars: 7 wide with a gap of 1.
    assert all(line.startswith("█" * 7) for line in full), "the largest fills the height"
    assert [line[8:15].strip() for line in full] == ["", "", "█" * 7, "█" * 7]
    assert all(line[16:23].strip() == "" for line in full), "zero draws nothing"
    assert "h0" in lines[6] and "h2" in lines[6]


async def test_more_points_than_columns_shows_the_last_and_says_so() -> None:
    app = Chart([float(v) for v in range(100)])
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "the last 34 of 100 points" in text
    assert "h99" in text and "h0 " not in text
