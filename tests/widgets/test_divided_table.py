"""DividedTable: labelled lines between rows that no key, page or index ever lands on."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.support import screen_text
from widgets.divided_table import DividedTable
from widgets.paged_table import Column, PagedTable, Row

TOTAL = 500
#: Above row 3, and above row 120 (in the third page of 50).
DIVIDERS = {3: "v6 deployed 2026-11-23", 120: "v5 deployed 2026-11-14"}


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[int] = []
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield DividedTable([Column("n", "#", 8, "right")], page_size=50, max_pages=4, id="t")

    def on_mount(self) -> None:
        table = self.query_one(DividedTable)
        table.reset(TOTAL)
        table.set_dividers(DIVIDERS)

    def on_paged_table_page_needed(self, event: PagedTable.PageNeeded) -> None:
        self.asked.append(event.offset)
        rows = [Row(i, [f"row {i}"]) for i in range(event.offset, event.offset + event.limit)]
        event.table.fill(event.offset, rows)

    def on_paged_table_row_selected(self, event: PagedTable.RowSelected) -> None:
        self.chosen.append(event.index)


def lines(app: App[None]) -> list[str]:
    return [line.strip() for line in screen_text(app).splitlines()]


async def test_a_divider_takes_a_line_between_two_rows_and_the_cursor_steps_over_it() -> None:
    app = Host()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(DividedTable)
        shown = lines(app)
        at = shown.index(next(s for s in shown if "v6 deployed 2026-11-23" in s))
        assert shown[at - 1].endswith("row 2") and shown[at + 1].endswith("row 3")
        assert shown[at].startswith("── v6 deployed 2026-11-23 ──")
        table.cursor = 2
        await pilot.press("down")
        assert table.cursor == 3, "one key from the row above the divider to the row below"
        await pilot.press("enter")
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.chosen == [3, 2], "enter opens rows only"


async def test_a_click_on_a_divider_moves_nothing() -> None:
    app = Host()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(DividedTable)
        table.cursor = 1
        await pilot.pause()
        await pilot.click(DividedTable, offset=(5, 1 + table.line_of(3) - 1))  # the divider
        assert table.cursor == 1
        await pilot.click(DividedTable, offset=(5, 1 + table.line_of(3)))  # row 3
        assert table.cursor == 3


async def test_rows_keep_their_indices_across_pages_and_the_view_counts_the_dividers() -> None:
    app = Host()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(DividedTable)
        assert table.body_lines == TOTAL + 2
        assert table.line_of(2) == 2 and table.line_of(3) == 4 and table.line_of(120) == 122
        assert table.row_at(3) is None and table.row_at(4) == 3 and table.row_at(121) is None
        assert table.in_view == (0, 10), "11 body lines: 10 rows and the divider"
        table.cursor = 125
        await pilot.pause()
        first, last = table.in_view
        assert first <= 119 and last == 126, "the view ends on the cursor's row"
        assert any("v5 deployed 2026-11-14" in s for s in lines(app))
        assert any(s.endswith("row 125") for s in lines(app))
        assert 100 in app.asked, "the page the cursor reached was asked for by its offset"
        await pilot.press("G")
        await pilot.pause()
        assert table.cursor == TOTAL - 1 and lines(app)[-1].endswith(f"row {TOTAL - 1}")
        table.cursor = 121
        await pilot.pause()
        await pilot.press("up")
        await pilot.press("up")
        await pilot.pause()
        assert table.cursor == 119
        assert any("v5 deployed" in s for s in lines(app)), "scrolling up shows the divider"


async def test_no_divider_above_the_first_row_or_past_the_last() -> None:
    app = Host()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(DividedTable)
        table.set_dividers({0: "nothing above the top", 2: "between 1 and 2"})
        await pilot.pause()
        assert table.dividers == {2: "between 1 and 2"}
        assert "nothing above the top" not in screen_text(app)
        table.reset(10)
        assert table.dividers == {}, "a list loaded anew has its dividers set anew"
