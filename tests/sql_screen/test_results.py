"""Completion while typing, a cell's whole value, the layouts."""

from __future__ import annotations

import json
import sys

import pytest

from tests.sql_screen.support import editor, open_editor, put, run, status
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.dialogs import TextDialog
from tui.screens.sql.editor import CompletionMenu
from tui.screens.sql.outcome import Ran
from tui.screens.sql.sidebar import SchemaSidebar

HOURLY = (
    "SELECT toStartOfHour(created_at) AS hour, count() AS runs FROM runs "
    "WHERE created_at > now() - INTERVAL 1 DAY GROUP BY hour ORDER BY hour"
)


async def test_completion_offers_a_column_of_the_table_in_from(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "SELECT  FROM spans")
        area.move_cursor((0, 7))
        await pilot.press(*"node_s")
        await pilot.pause()
        menu = screen.query_one(CompletionMenu)
        assert menu.display, "typing a few characters opens the dropdown"
        assert menu.completions is not None
        labels = [c.label for c in menu.completions.candidates]
        assert labels[0] == "node_slug"
        assert "node_slug" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert area.text == "SELECT node_slug FROM spans"
        assert not menu.display


async def test_ctrl_space_completes_tables_after_from(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "SELECT count() FROM ")
        await pilot.press("ctrl+space")
        await pilot.pause()
        menu = screen.query_one(CompletionMenu)
        assert menu.completions is not None
        labels = [c.label for c in menu.completions.candidates]
        assert labels == ["batches", "records", "runs", "spans"]
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert area.text == "SELECT count() FROM spans"
        await pilot.press("ctrl+space")
        await pilot.pause()
        await pilot.press("escape")
        assert not menu.display and app.screen is screen


async def test_enter_on_a_word_typed_in_full_makes_a_new_line(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "SELECT count() FROM ")
        await pilot.press(*"runs", "enter")
        await pilot.pause()
        assert area.text == "SELECT count() FROM runs\n"


async def test_enter_shows_a_cell_in_full_and_y_copies_it(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT uuid, data FROM batches ORDER BY created_at LIMIT 3")
        await run(pilot)
        shown = screen.results.current
        assert isinstance(shown, Ran)
        table = screen.query_one("#result-table-1")
        table.focus()
        await pilot.press("right", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        raw = shown.result.rows[0][1]
        parsed = raw if isinstance(raw, dict) else json.loads(str(raw))
        assert dialog.text == json.dumps(parsed, ensure_ascii=False, indent=2)
        assert '"kind":' in screen_text(app)
        await pilot.press("y")
        assert app.clipboard == dialog.text
        await pilot.press("escape")
        await pilot.press("y")
        assert app.clipboard == dialog.text, "y on the table copies the cell too"


async def test_at_80x24_the_sidebar_is_a_key_away(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        sidebar = screen.query_one(SchemaSidebar)
        assert not sidebar.display
        put(screen, HOURLY)
        await run(pilot)
        text = screen_text(app)
        assert "Result 1" in text and "^j Run" in text
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert sidebar.display and sidebar.schema_tree.has_focus
        assert "runs" in screen_text(app)
        # The runs table opens with its columns; the other tables follow, a scroll away.
        for key in ("down",) * 24:
            await pilot.press(key)
        await pilot.pause()
        assert "records" in screen_text(app)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not sidebar.display and editor(screen).has_focus


async def test_escape_goes_back_and_s_comes_back_to_the_same_buffers(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 42 AS answer")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen
        screen = await open_editor(pilot)
        assert editor(screen).text == "SELECT 42 AS answer"


async def test_ten_thousand_rows_open_in_one_table(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(
            screen,
            "SELECT run_uuid, node_slug, execution_status, execution_started_at FROM spans "
            "WHERE execution_started_at > now() - INTERVAL 30 DAY "
            "ORDER BY execution_started_at LIMIT 10000",
        )
        await run(pilot)
        shown = screen.results.current
        assert isinstance(shown, Ran) and len(shown.result) == 10_000
        table = screen.query_one("#result-table-1")
        assert table.row_count == 10_000  # type: ignore[attr-defined]
        assert "the result reached the 10,000-row cap" in status(screen).lower()
        table.focus()
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.cursor_coordinate.row == 9_999  # type: ignore[attr-defined]


async def test_without_the_sql_grammar_the_editor_is_plain_text(
    sandbox: ThreadedSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tree_sitter_sql", None)  # import fails as if absent
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        area = editor(screen)
        assert area.language is None
        await pilot.press(*"SELECT 1 AS n")
        await run(pilot)
        assert isinstance(screen.results.current, Ran)


async def test_an_unsigned_64_bit_result_shows_instead_of_crashing(
    sandbox: ThreadedSandbox,
) -> None:
    """``toUInt64(-1)`` once stopped the screen on "Running query…" with an OverflowError."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT toUInt64(-1) AS wrap, toInt128(-1) AS i, toUInt256(7) AS u")
        await run(pilot)
        assert "1 row" in status(screen), status(screen)
        assert "18446744073709551615" in screen_text(app)
