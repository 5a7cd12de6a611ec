"""The bar chart as drawn: bars scaled to the largest, a label axis that scrolls with the
cursor, a time axis spaced by time, the readout of the bar under the cursor."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from textual.app import App, ComposeResult

from tests.support import screen_text
from widgets.bar_chart import BarChart

HOUR = timedelta(hours=1)
START = datetime(2026, 11, 26, 15)


class Chart(App[None]):
    def __init__(self, x: Sequence[datetime] | Sequence[str], values: list[float | None]) -> None:
        super().__init__()
        self.x, self.values = x, values

    def compose(self) -> ComposeResult:
        yield BarChart(self.x, self.values, title="t")


def lines_of(app: App[None]) -> list[str]:
    return [line[1:] for line in screen_text(app).splitlines()]  # after the padding


async def test_bars_scale_to_the_largest_value() -> None:
    app = Chart(["h0", "h1", "h2"], [8, 4, 0])
    async with app.run_test(size=(30, 9)) as pilot:
        await pilot.pause()
        lines = lines_of(app)
    assert lines[0].strip() == "t"
    assert lines[1].strip() == "1 bar per row"
    plot = lines[2:6]
    assert plot[0].startswith("8 ┤") and plot[-1].startswith("0 ┤")
    full = [line[3:] for line in plot]
    # 25 columns for 3 bars: 7 wide with a gap of 1.
    assert all(line.startswith("█" * 7) for line in full), "the largest fills the height"
    assert [line[8:15].strip() for line in full] == ["", "", "█" * 7, "█" * 7]
    assert all(line[16:23].strip() == "" for line in full), "zero draws nothing"
    assert lines[6].startswith("  └┬") and "▲" in lines[6]
    assert "h0" in lines[7] and "h2" in lines[7]
    assert lines[8].strip() == "▲ h0: 8", "the cursor starts on the first label"


async def test_labels_that_do_not_fit_scroll_with_the_cursor_and_say_which_show() -> None:
    app = Chart([f"h{n}" for n in range(100)], [float(n) for n in range(100)])
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert "rows 1–34 of 100 (← → scroll)" in screen_text(app)
        await pilot.press("end")
        assert "rows 67–100 of 100" in screen_text(app)
        assert "▲ h99: 99" in screen_text(app)
        await pilot.press("pageup")
        assert "▲ h65: 65" in screen_text(app)
        assert "rows 66–99 of 100" in screen_text(app)


async def test_a_time_axis_leaves_a_gap_marked_where_a_time_has_no_point() -> None:
    app = Chart([START, START + HOUR, START + 3 * HOUR], [2.0, 4.0, 4.0])
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        lines = lines_of(app)
        assert "1 bar = 1 hour · · = no row" in lines[1]
        baseline = next(line for line in lines if line.startswith("0 ┤"))
        # 4 hours in 36 columns: 8 wide with a gap of 1; the third hour is a gap.
        assert baseline[3:] == "█" * 8 + " " + "█" * 8 + " " + "·" * 8 + " " + "█" * 8
        assert "▲ 2026-11-26 18:00: 4" in screen_text(app), "the cursor starts on the last"
        await pilot.press("left")
        assert "▲ 2026-11-26 17:00: no row" in screen_text(app)


async def test_a_null_reads_null_and_below_zero_says_it_is_drawn_as_zero() -> None:
    app = Chart(["a", "b"], [None, -3.0])
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert "below 0 drawn as 0" in screen_text(app)
        assert "▲ a: NULL" in screen_text(app)
        await pilot.press("right")
        assert "▲ b: -3" in screen_text(app)


async def test_a_cycles_what_a_bar_of_several_rows_shows() -> None:
    many = [START + n * HOUR for n in range(200)]
    app = Chart(many, [float(n % 4) for n in range(200)])
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert "1 bar = 6 hours: the sum of its rows" in screen_text(app)
        chart = app.query_one(BarChart)
        assert sum(bar.value or 0 for bar in chart.frame().shown) == sum(n % 4 for n in range(200))
        await pilot.press("a")
        assert "the mean of its rows" in screen_text(app)
        await pilot.press("a")
        assert "the max of its rows" in screen_text(app)
        assert max(bar.value or 0 for bar in chart.frame().shown) == 3
