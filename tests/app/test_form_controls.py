"""Checkboxes and radio buttons say ticked or not in their shape, ``[x]`` ``[ ]`` ``(•)`` ``( )``,
and in their colour, in every dialog that has them; space ticks, enter is the dialog's."""

from __future__ import annotations

import ast
from pathlib import Path

from rich.segment import Segment
from textual.app import App
from textual.widget import Widget
from textual.widgets import Checkbox, Input

import tui
from tests.app.drill import open_rerun
from tests.export_screen.support import open_dialog, small_source, wait_for
from tests.sql_screen.support import open_editor, put
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.save_dialog import SaveQueryDialog
from tui.state.saved_queries import SavedQueries, SavedQuery


def painted(app: App[None], widget: Widget) -> list[Segment]:
    """The segments of ``widget``'s first line, as the screen paints them."""
    region = widget.region
    strip = app.screen._compositor.render_strips()[region.y]
    return list(strip.crop(region.x, region.right))


def style_of(segments: list[Segment], text: str) -> Segment:
    found = next((s for s in segments if text in s.text), None)
    assert found is not None, f"{text!r} not painted in {[s.text for s in segments]}"
    return found


async def test_a_checkbox_shows_ticked_or_not_in_shape_and_colour(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, small_source())
        header = screen.query_one("#export-header", Checkbox)
        assert header.value
        await wait_for(pilot, "[x] header row")
        ticked = style_of(painted(app, header), "x")
        header.focus()
        await pilot.press("space")
        await pilot.pause()
        assert not header.value
        await wait_for(pilot, "[ ] header row")
        unticked = style_of(painted(app, header), "[")
        assert ticked.style is not None and unticked.style is not None
        assert ticked.style.bold and ticked.style.color != unticked.style.color


async def test_the_re_run_dialog_s_radios_and_pilot_show_their_state(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rerun(pilot)
        text = screen_text(app)
        assert "(•) the failing node" in text, "the picked start, whole at 80 columns"
        assert "( ) the first node" in text and "( ) the next node" in text
        assert "[x] pilot: re-run 10 first" in text


async def test_the_save_dialog_s_checkbox_ticks_with_space_and_enter_saves(
    sandbox: ThreadedSandbox,
) -> None:
    SavedQueries().save("Mine", "SELECT 0")
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveQueryDialog)
        dialog.query_one("#save-name", Input).value = "mine"
        await wait_for(pilot, "[ ] replace a saved query")
        dialog.query_one("#save-replace", Checkbox).focus()
        await pilot.press("space")
        await wait_for(pilot, "[x] replace a saved query")
        await pilot.press("enter")  # "enter save", from the checkbox too
        await settle(pilot)
        assert app.screen is screen
        assert SavedQueries().get("Mine") == SavedQuery("mine", "SELECT 1")


def test_no_screen_uses_textual_s_own_checkbox_or_radio_button() -> None:
    """Textual's Checkbox and RadioButton look alike ticked or not, and bind enter: the app
    uses widgets.form_controls' everywhere."""
    root = Path(tui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
                names = {alias.name for alias in node.names}
                if names & {"Checkbox", "RadioButton", "ToggleButton"}:
                    found.append(f"{path.relative_to(root)}: {sorted(names)}")
    assert found == [], "import these from widgets.form_controls instead"
