"""Help (``?``, ``f1``) at 80x24: the screen's own keys first, and every key reachable by
scrolling with the keyboard."""

from __future__ import annotations

from tests.app.drill import open_play
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery import DiscoveryScreen
from tui.screens.help import HelpScreen
from tui.screens.workflow.screen import WorkflowScreen


def _keys(text: str) -> list[str]:
    """The help box's lines, in order, as shown (between its left and right borders)."""
    return [line[line.find("█") + 1 : line.rfind("█")].strip() for line in text.splitlines()]


async def test_help_lists_the_screens_own_keys_first_and_scrolls_to_the_last(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        await pilot.press("question_mark")
        await on_top(pilot, HelpScreen, "Keys · Discovery")
        shown = screen_text(app)
        lines = _keys(shown)
        first = lines.index("Discovery")  # the screen's own keys, first
        assert lines[first + 1].endswith("/  Filter")
        assert "Clear filter" in shown
        assert "Everywhere" not in shown, "80x24 holds only part of the list"
        await pilot.press("end")
        await wait_until(pilot, lambda: "Everywhere" in screen_text(app), "the last keys")
        assert "Quit" in screen_text(app) and "This help" in screen_text(app)
        await pilot.press("home")
        await wait_until(pilot, lambda: "Filter" in screen_text(app), "the first keys again")
        await pilot.press("escape")
        await on_top(pilot, DiscoveryScreen)


async def test_help_follows_the_screen_and_the_focus(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot)
        await pilot.press("f1")
        await on_top(pilot, HelpScreen, "Keys · Workflow")
        lines = _keys(screen_text(app))
        first = lines.index("Workflow")
        assert "Back" in lines[first + 1]
        assert "The list (focused)" in screen_text(app)
        await pilot.press("question_mark")  # ? again closes it
        await on_top(pilot, WorkflowScreen)
        await settle(pilot)
