"""The completion dropdown sits by the cursor, never over the footer's keys, and does not stay
behind when the editor it serves loses the focus or changes size (the help panel opens)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from tests.sql_screen.support import editor, open_editor, put
from tests.support import app_on, on_top, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.help import HelpScreen
from tui.screens.sql.editor import CompletionMenu
from tui.screens.sql.screen import SqlScreen

LONG_LINE = "SELECT uuid, status, created_at, updated_at, finished_at, credits_used_count, "


async def typed(
    pilot: Pilot[None], screen: SqlScreen, before: str, word: str = "stat"
) -> CompletionMenu:
    put(screen, before)
    await pilot.press(*word)
    await settle(pilot)
    menu = screen.query_one(CompletionMenu)
    assert menu.display, "typing a word opens the dropdown"
    return menu


def footer_top(screen: SqlScreen) -> int:
    return screen.query_one(Footer).region.y


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize(
    "before", ["SELECT ", LONG_LINE, "\n" * 12 + "SELECT "], ids=["start", "long-line", "low"]
)
async def test_the_dropdown_sits_by_the_word_and_clear_of_the_footer(
    sandbox: ThreadedSandbox, size: tuple[int, int], before: str
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=size) as pilot:
        screen = await open_editor(pilot)
        menu = await typed(pilot, screen, before)
        cursor = editor(screen).cursor_screen_offset
        word_x = cursor.x - len("stat")
        box = menu.region
        assert box.y == cursor.y + 1 or box.bottom == cursor.y, f"beside the line: {box}"
        assert box.bottom <= footer_top(screen), "the footer's keys stay in sight"
        assert box.right <= size[0]
        # The labels line up under the word (after the kind mark), unless the screen's edge
        # pushes the dropdown left: then its details give way first, and the word stays over it.
        label_x = box.x + 2
        assert label_x == word_x or (box.right == size[0] and box.x <= word_x), (word_x, box)
        assert word_x - box.x <= 2 + 32 + 1, f"within its labels' reach of the word: {box}"


async def test_the_dropdown_goes_when_the_editor_loses_the_focus_or_its_size(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        menu = await typed(pilot, screen, "SELECT ")
        await pilot.press("f1")  # the help opens over the screen, with the focus
        await on_top(pilot, HelpScreen, "SQL")
        assert not menu.display, "the dropdown is not left under the help"
        await pilot.press("escape")
        await on_top(pilot, SqlScreen)

        menu = await typed(pilot, screen, "SELECT ")
        await pilot.press("ctrl+b", "ctrl+b")  # the sidebar and back: the focus left the editor
        await settle(pilot)
        assert not menu.display
