"""PagedTable: a million rows, only the pages in view fetched, memory bounded."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tests.support import screen_text
from widgets.paged_table import Column, PagedTable, Row, finder

TOTAL = 1_000_000


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[int] = []
        self.chosen: list[int] = []
        self.told: list[tuple[int, int, int]] = []

    def compose(self) -> ComposeResult:
        table = PagedTable(
            [Column("n", "#", 8, "right"), Column("name", "name", 10, flex=True)],
            page_size=50,
            max_pages=4,
            id="t",
        )
        yield table

    def on_mount(self) -> None:
        self.query_one(PagedTable).reset(TOTAL)

    def on_paged_table_page_needed(self, event: PagedTable.PageNeeded) -> None:
        self.asked.append(event.offset)
        rows = [
            Row(i, [f"{i:,}", f"record {i}"])
            for i in range(event.offset, min(TOTAL, event.offset + event.limit))
        ]
        event.table.fill(event.offset, rows)

    def on_paged_table_row_selected(self, event: PagedTable.RowSelected) -> None:
        self.chosen.append(event.index)

    def on_paged_table_in_view(self, event: PagedTable.InView) -> None:
        self.told.append((event.first, event.last, event.total))


async def test_only_the_pages_in_view_are_asked_for() -> None:
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.asked == [0]
        assert "record 0" in screen_text(app)
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause()
        table = app.query_one(PagedTable)
        assert table.cursor == 20 * 19
        assert "record 380" in screen_text(app)
        # the pages scrolled through, each asked for a page ahead of the view (so 400 too)
        assert app.asked == [0, 50, 100, 150, 200, 250, 300, 350, 400]
        assert table.loaded_rows <= 4 * 50


async def test_the_end_of_a_million_rows_is_one_key_away() -> None:
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        text = screen_text(app)
        assert "record 999999" in text
        assert app.asked[-1] == 999_950
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [999_999]


async def test_space_marks_rows() -> None:
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space", "down", "space")
        table = app.query_one(PagedTable)
        assert table.marked == {0, 1, 3}
        assert "✓" in screen_text(app)


async def test_rows_of_an_older_generation_are_dropped() -> None:
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(PagedTable)
        stale = table.generation
        table.reset(3)
        table.fill(0, [Row("old", ["old", "stale row"])], generation=stale)
        await pilot.pause()
        assert "stale row" not in screen_text(app)
        assert "record 0" in screen_text(app)


def test_narrow_tables_hide_the_least_important_columns() -> None:
    table = PagedTable(
        [
            Column("a", "a", 10, priority=9),
            Column("b", "b", 10, priority=1),
            Column("c", "c", 10, flex=True, priority=5),
        ]
    )
    assert [c.key for c in table.visible_columns(100)] == ["a", "b", "c"]
    assert [c.key for c in table.visible_columns(25)] == ["a", "c"]
    assert table.widths(25) == [10, 0, 12]


def test_flexible_columns_grow_by_their_weight() -> None:
    """What the fixed columns leave goes to the flexible ones, twice as much to ``flex=2``."""
    table = PagedTable(
        [
            Column("record", "record", 10, flex=1),
            Column("status", "status", 5),
            Column("error", "error", 20, flex=2),
        ]
    )
    # 1 cell before the first column, 1 after each: 39 of 69 taken, 30 left over
    assert table.widths(69) == [20, 5, 40]
    assert table.widths(39) == [10, 5, 20], "nothing left over: each at its own width"


async def test_the_rows_in_view_are_told_as_they_scroll() -> None:
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(PagedTable)
        assert table.in_view == (0, 19)  # 20 lines: the column labels and 19 rows
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert table.in_view == (20, 39)
        table.scroll_to(y=100, animate=False)
        await pilot.pause()
        assert table.in_view == (100, 119)
        assert app.told[-1] == (100, 119, TOTAL)
        table.set_total(110)
        await pilot.pause()
        assert table.in_view == (91, 110)
        assert app.told[-1] == (91, 110, 110)


def test_find_matches_a_words_start_in_a_cell_or_a_uuids_start() -> None:
    row = Row(
        "3fbf1c2d-0000-4000-8000-000000000000",
        [Text("✔ success"), Text("unhealthy"), "4,980", "Nov 24 02:39", "re-run of 77c1…"],
    )
    for needle in ("SUCCESS", "unhealthy", "nov 24", "02:3", "980", "3fbf", "3FBF1C2D", "77c1"):
        assert finder(needle)(row), needle
    for needle in ("healthy", "ccess", "3fb", "fbf1", "", "  "):
        assert not finder(needle)(row), needle
