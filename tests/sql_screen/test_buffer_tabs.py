"""More buffers than the row holds: whole tabs only, the active one shown, the rest counted
(Textual's row centred the active tab and cut the tabs at both edges: ``uery 2``)."""

from __future__ import annotations

import re

import pytest

from tests.sql_screen.support import open_editor, put, run
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox

TAB_ROW = 2  # the header, the breadcrumb, then the buffers' tabs (the sidebar is to the left)


def tab_row(text: str) -> list[str]:
    row = re.split("[│╮]", text.splitlines()[TAB_ROW])[-1]
    return [part for part in re.split(r"\s{2,}", row.strip()) if part]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_buffer_tabs_are_whole_and_the_hidden_ones_counted(
    sandbox: ThreadedSandbox, size: tuple[int, int]
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=size) as pilot:
        screen = await open_editor(pilot)
        for _ in range(11):
            await pilot.press("ctrl+n")
        await settle(pilot)
        names = [e.buffer_name for e in screen.buffers.editors]
        assert len(names) == 12
        for _ in range(12):
            shown = tab_row(screen_text(app))
            tabs = [part for part in shown if not re.fullmatch(r"‹\d+|\d+›|‹\d+ \d+›", part)]
            assert all(tab in names for tab in tabs), f"a tab cut short: {shown}"
            active = screen.editor
            assert active is not None and active.buffer_name in tabs
            left = names.index(tabs[0])
            right = len(names) - 1 - names.index(tabs[-1])
            counted = " ".join(
                p for p in (f"‹{left}" if left else "", f"{right}›" if right else "") if p
            )
            assert shown[len(tabs) :] == ([counted] if counted else []), shown
            await pilot.press("alt+left")
            await settle(pilot)


async def test_result_tabs_are_whole_beside_the_sidebar_at_80x24(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press("ctrl+b")  # the tables beside the editor: less room for the tabs
        for number in range(1, 13):
            put(screen, f"SELECT {number} AS n")
            await run(pilot)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "Result 12" in line and "✔" not in line)
        shown = re.split(r"\s{2,}", re.split("[│╮]", row)[-1].strip())
        tabs = shown[:-1]
        assert 1 < len(tabs) < 5 and shown[-1] == f"‹{5 - len(tabs)}", shown  # five are kept
        assert tabs == [f"Result {n}" for n in range(13 - len(tabs), 13)], "whole, in order"
