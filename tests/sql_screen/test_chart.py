"""The chart of a result (``c``), on the sandbox's SQL endpoint: time spaced by time (an hour
with no row is a gap), the number column and the x axis picked by key, a text axis one bar per
row, more hours than columns summed into round spans, the bar under the cursor read out."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta

from textual.pilot import Pilot

from tests.sql_screen.support import open_editor, put, run
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.outcome import Ran
from tui.screens.sql.screen import SqlScreen
from widgets.bar_chart import BarChart

LAST_DAY = "FROM runs WHERE created_at > now() - INTERVAL 1 DAY"
HOURLY = f"SELECT toStartOfHour(created_at) AS hour, count() AS runs {LAST_DAY} GROUP BY hour"
ERRORS_AND_TOTAL = (
    "SELECT toStartOfHour(created_at) AS hour, countIf(status = 'error') AS errors, "
    f"count() AS total {LAST_DAY} GROUP BY hour ORDER BY hour"
)
HOUR = timedelta(hours=1)


async def chart_of(pilot: Pilot[None], screen: SqlScreen, sql: str) -> tuple[BarChart, Ran]:
    """Run ``sql``, then ``c`` on its result: the chart, and the result it plots."""
    put(screen, sql)
    await run(pilot)
    shown = screen.results.current
    assert isinstance(shown, Ran), screen_text(pilot.app)
    screen.query_one(f"#result-table-{shown.sent.number}").focus()
    await pilot.press("c")
    await settle(pilot)
    return pilot.app.screen.query_one(BarChart), shown


def words_under_the_axis(text: str) -> str:
    lines = text.splitlines()
    return lines[next(n for n, line in enumerate(lines) if " └" in line) + 1]


def hour_of(cell: object) -> datetime:
    return datetime.fromisoformat(str(cell))


async def test_an_hour_with_no_row_is_a_gap_on_the_time_axis(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        chart, ran = await chart_of(pilot, screen, HOURLY)  # no ORDER BY: time orders it
        runs = {hour_of(hour): n for hour, n in ran.result.rows}
        first, last = min(runs), max(runs)
        every = [first + n * HOUR for n in range((last - first) // HOUR + 1)]
        missing = [hour for hour in every if hour not in runs]
        assert missing, "the sandbox's last day has hours without a run"
        text = screen_text(app)
        assert "1 bar = 1 hour · · = no row" in text
        # The line at 0: a '·' under each hour with no row, a bar under each other hour.
        frame = chart.frame()
        assert [bar.value for bar in frame.shown] == [runs.get(hour) for hour in every]
        baseline = next(line for line in text.splitlines() if " 0 ┤" in line)
        start, step = baseline.index("┤") + 1, frame.width + frame.gap
        cells = [baseline[start + n * step] for n in range(len(every))]
        assert cells == ["·" if hour in missing else cells[n] for n, hour in enumerate(every)]
        assert all(cells[n] not in "· " for n, hour in enumerate(every) if hour in runs)
        # The cursor starts on the last hour; ← walks back to the last gap, read out in words.
        assert f"▲ {last:%Y-%m-%d %H:%M}: {runs[last]:,}" in text
        await pilot.press(*["left"] * every[::-1].index(missing[-1]))
        assert f"▲ {missing[-1]:%Y-%m-%d %H:%M}: no row" in screen_text(app)


async def test_y_plots_the_next_number_column(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        chart, ran = await chart_of(pilot, screen, ERRORS_AND_TOTAL)
        assert "errors by hour   y 1/2" in screen_text(app)
        await pilot.press("y")
        assert "total by hour   y 2/2" in screen_text(app)
        totals = [row[2] for row in ran.result.rows]
        plotted = [bar.value for bar in chart.frame().shown if bar.rows]
        assert plotted == totals
        last = ran.result.rows[-1]
        assert f"▲ {hour_of(last[0]):%Y-%m-%d %H:%M}: {last[2]:,}" in screen_text(app)
        await pilot.press("Y")
        assert "errors by hour   y 1/2" in screen_text(app)


async def test_x_puts_another_column_along_the_axis(sandbox: ThreadedSandbox) -> None:
    """By hour, the rows of one hour (one per status) make one bar, their sum; by status,
    one bar per row."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        sql = (
            f"SELECT toStartOfHour(created_at) AS hour, status, count() AS runs {LAST_DAY} "
            "GROUP BY hour, status ORDER BY status, hour"
        )
        chart, ran = await chart_of(pilot, screen, sql)
        per_hour: dict[datetime, int] = defaultdict(int)
        for hour, _, runs in ran.result.rows:
            per_hour[hour_of(hour)] += runs
        assert len(per_hour) < len(ran.result.rows), "some hour has runs of two statuses"
        assert "runs by hour" in screen_text(app)
        assert "1 bar = 1 hour: the sum of its rows" in screen_text(app)
        bars = [bar for bar in chart.frame().shown if bar.rows]
        assert [bar.value for bar in bars] == [per_hour[h] for h in sorted(per_hour)]
        await pilot.press("x")
        assert "runs by status   y 1/1 · x 2/3" in screen_text(app)
        assert "1 bar per row" in screen_text(app)
        shown = chart.frame().shown
        assert [bar.text for bar in shown] == [row[1] for row in ran.result.rows]
        assert [bar.value for bar in shown] == [row[2] for row in ran.result.rows]
        await pilot.press("X")
        assert "runs by hour" in screen_text(app)


async def test_a_text_column_charts_one_bar_per_row(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        sql = (
            "SELECT node_slug, count() AS failures FROM spans WHERE execution_status = 'error' "
            "AND execution_started_at > now() - INTERVAL 7 DAY GROUP BY node_slug "
            "ORDER BY failures DESC"
        )
        chart, ran = await chart_of(pilot, screen, sql)
        (slug, n), (second, m) = ran.result.rows[:2]
        text = screen_text(app)
        assert "failures by node_slug" in text
        assert f"▲ {slug}: {n:,}" in text, "the cursor starts on the first row"
        assert slug in words_under_the_axis(text)
        await pilot.press("right")
        assert f"▲ {second}: {m:,}" in screen_text(app)
        assert len(chart.frame().shown) == len(ran.result.rows)


async def test_more_hours_than_columns_are_summed_into_round_spans(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        sql = HOURLY.replace("INTERVAL 1 DAY", "INTERVAL 7 DAY")
        chart, ran = await chart_of(pilot, screen, sql)
        said = re.search(r"1 bar = (\d+) hours: the sum of its rows", screen_text(app))
        assert said, screen_text(app)
        hours = int(said[1])
        runs = [row[1] for row in ran.result.rows]
        frame = chart.frame()
        room = chart.size.width - frame.axis - 2
        assert len(ran.result.rows) > room, "more hours than the chart has columns"
        assert len(frame.shown) <= room
        assert frame.bars.span is not None and frame.bars.span.length == hours * HOUR
        assert sum(bar.value or 0 for bar in frame.shown) == sum(runs)
        assert any(bar.rows > 1 for bar in frame.shown)
        await pilot.press("a")
        assert f"1 bar = {hours} hours: the mean of its rows" in screen_text(app)
        held = next(n for n, bar in enumerate(frame.shown[::-1]) if bar.rows > 1)
        await pilot.press(*["left"] * held)
        assert "(mean of " in screen_text(app)


async def test_c_says_when_there_is_no_number_to_chart(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 'a' AS name, now() AS at")
        await run(pilot)
        screen.query_one("#result-table-1").focus()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert "Nothing to chart: a chart needs a column of numbers" in screen_text(app)
