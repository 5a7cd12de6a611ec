"""MarkedTextArea: marks drawn over the text, found under the cursor, never moving it."""

from __future__ import annotations

from textual.app import App, ComposeResult

from widgets.marked_text_area import Mark, MarkedTextArea

TEXT = '{\n  "conjunction": "and",\n  "groups": []\n}'


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield MarkedTextArea(TEXT, id="editor")


def _styled_cells(area: MarkedTextArea, row: int) -> set[int]:
    """Columns of ``row`` drawn with a mark's style."""
    line = area.get_line(row)
    error = area.get_component_rich_style("marked-text-area--error")
    warning = area.get_component_rich_style("marked-text-area--warning")
    cells: set[int] = set()
    for span in line.spans:
        if span.style in (error, warning):
            cells.update(range(span.start, span.end))
    return cells


async def test_marks_style_their_span_and_leave_the_cursor_alone() -> None:
    app = Host()
    async with app.run_test(size=(60, 10)) as pilot:
        area = app.query_one(MarkedTextArea)
        area.move_cursor((2, 3))
        area.set_marks([Mark((1, 2), (1, 15), "error")])
        await pilot.pause()
        assert _styled_cells(area, 1) == set(range(2, 15))
        assert _styled_cells(area, 2) == set()
        assert area.cursor_location == (2, 3)
        assert area.text == TEXT
        area.set_marks([])
        await pilot.pause()
        assert _styled_cells(area, 1) == set()


async def test_a_mark_over_several_lines_and_an_empty_one_still_show() -> None:
    app = Host()
    async with app.run_test(size=(60, 10)) as pilot:
        area = app.query_one(MarkedTextArea)
        area.set_marks([Mark((1, 20), (2, 4), "warning"), Mark((3, 0), (3, 0))])
        await pilot.pause()
        assert _styled_cells(area, 1) == {20, 21, 22}  # to the end of the line
        assert _styled_cells(area, 2) == set(range(0, 4))
        assert _styled_cells(area, 3) == {0}


async def test_the_mark_under_the_cursor_is_the_narrowest() -> None:
    app = Host()
    async with app.run_test(size=(60, 10)):
        area = app.query_one(MarkedTextArea)
        area.set_marks([Mark((0, 0), (3, 1)), Mark((1, 2), (1, 15))])
        assert area.mark_at((1, 5)) == 1
        assert area.mark_at((1, 15)) == 1, "the end counts: the cursor sits after a word"
        assert area.mark_at((2, 0)) == 0
        assert area.mark_at((4, 0)) is None
