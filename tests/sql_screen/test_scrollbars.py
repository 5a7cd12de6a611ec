"""No stray blocks: the scrollbars of the editor, the results, the tables and the dropdown draw
their thumbs in whole cells (Textual's eighth blocks at a thumb's ends, ▊ ▌ ▎ ▄, showed alone
beside the text where the thumb's colour was close to its track's)."""

from __future__ import annotations

from tests.sql_screen.support import open_editor, put, run
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.editor import CompletionMenu

EIGHTHS = set("▉▊▋▌▍▎▏▁▂▃▄▅▆▇")
WIDE_AND_LONG = (
    "SELECT uuid, status, created_at, updated_at, finished_at, record_title, credits_used_count"
    "\nFROM runs WHERE created_at > now() - INTERVAL 30 DAY\n"
    + "\n".join(f"-- line {n}" for n in range(20))
    + "\nORDER BY created_at LIMIT 300;\n\nSELECT toSta"
)


async def test_no_partial_blocks_anywhere_on_the_sql_screen(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, WIDE_AND_LONG)
        area.move_cursor((0, 0))
        await run(pilot)
        await pilot.press("ctrl+b")  # the tables, scrolled to their end
        await settle(pilot)
        await pilot.press("end")
        screen.query_one("#sql-tree").focus()
        await pilot.press("G")
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press("ctrl+space")
        await settle(pilot)
        assert screen.query_one(CompletionMenu).display
        text = screen_text(app)
        assert "Result 1" in text
        above_the_footer = "\n".join(text.splitlines()[:-1])  # its "▏^p palette" is a border
        assert not EIGHTHS & set(above_the_footer), text
