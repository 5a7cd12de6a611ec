"""Running queries from the editor against the sandbox: rows, refusals, errors, cancel, lint."""

from __future__ import annotations

from tests.export_screen.support import notes
from tests.sql_screen.support import editor, open_editor, put, run, status
from tests.support import app_on, screen_text, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.dialogs import TextDialog
from tui.screens.sql.outcome import Failed, Ran

FAILURES = (
    "SELECT node_slug, count() AS failures FROM spans WHERE execution_status = 'error' "
    "AND execution_started_at > now() - INTERVAL 7 DAY GROUP BY node_slug ORDER BY failures DESC"
)


async def test_type_a_query_run_it_and_see_rows(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press(*FAILURES)
        await pilot.press("escape")  # closes a completion dropdown the typing may have left open
        assert app.screen is screen, "escape with a dropdown open does not leave the editor"
        assert editor(screen).text == FAILURES
        await run(pilot)
        shown = screen.results.current
        assert isinstance(shown, Ran)
        assert shown.result.columns == ["node_slug", "failures"]
        text = screen_text(app)
        assert "hubspot_upsert" in text and "clearbit_enrich" in text
        assert f"Result 1 · {len(shown.result)} rows ·" in status(screen)


async def test_the_statement_under_the_cursor_is_the_one_sent(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "SELECT 1 AS one;\n\nSELECT 2 AS two;\n")
        area.move_cursor((2, 3))
        await run(pilot)
        shown = screen.results.current
        assert isinstance(shown, Ran) and shown.result.columns == ["two"]


async def test_a_refused_query_says_why_and_keeps_the_buffer(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "DROP TABLE runs")
        await run(pilot)
        assert "Not sent: DROP is refused" in status(screen)
        assert area.text == "DROP TABLE runs"
        assert area.selected_text == "DROP", "the refused part is marked"
        assert screen.results.current is None, "nothing was sent"

        put(screen, "SELECT * FROM system.tables")
        await run(pilot)
        assert "Not sent" in status(screen) and "system.tables" in status(screen)
        assert area.text == "SELECT * FROM system.tables"


async def test_a_server_refusal_shows_its_reason(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        # The linter has no rule for 'IN table'; the endpoint refuses it.
        sql = (
            "SELECT 1 AS x FROM runs WHERE created_at > now() - INTERVAL 1 DAY "
            "AND uuid IN runs LIMIT 1"
        )
        area = put(screen, sql)
        await run(pilot)
        failed = screen.results.current
        assert isinstance(failed, Failed)
        assert "IN table" in failed.error.short
        assert "IN table" in screen_text(app)
        assert area.text == sql


async def test_an_error_is_marked_in_the_buffer_with_the_full_text_one_key_away(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "-- a typo\nSELECT statuss FROM batches LIMIT 3")
        await run(pilot)
        assert "Unknown column statuss" in status(screen)
        assert area.selected_text == "statuss"
        assert area.selection.start == (1, 7)
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        assert "Unknown expression identifier" in dialog.text
        await pilot.press("y")
        assert app.clipboard == dialog.text
        await pilot.press("escape")
        assert app.screen is screen


async def test_escape_cancels_a_slow_query_and_the_app_stays_responsive(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 1 AS slow")
        sandbox.faults.set(
            {
                "kind": "latency",
                "latency_ms": 3000,
                "path": "/orchestration/query",
                "method": "POST",
                "count": 1,
            }
        )
        try:
            await pilot.press("ctrl+j")
            await wait_until(pilot, lambda: "Running query 1" in status(screen), "running")
            assert screen.running
            await pilot.press("escape")
            await pilot.pause()
            assert not screen.running
            assert "Query 1 cancelled" in status(screen)
            assert app.screen is screen, "escape cancelled the query; it did not leave"
            # Responsive at once: typing works and the next query runs.
            put(screen, "SELECT 2 AS fast")
            await pilot.press("end", "space")
            await run(pilot)
            shown = screen.results.current
            assert isinstance(shown, Ran) and shown.result.rows == [(2,)]
        finally:
            sandbox.faults.clear()
        assert screen.history is not None
        errors = [entry.error for entry in screen.history.entries()]
        assert "cancelled" in errors


async def test_a_warning_never_holds_a_query_and_its_fix_is_one_key(
    sandbox: ThreadedSandbox,
) -> None:
    """No time range is advice, not a refusal: the query runs at once (it waited in a dialog
    for a key), the advice shows with its result and is marked in the buffer; ctrl+f makes the
    fix and runs the query again."""
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "SELECT status FROM runs LIMIT 5")
        await run(pilot)
        assert app.screen is screen, "nothing asked before sending"
        shown = screen.results.current
        assert isinstance(shown, Ran) and len(shown.result) == 5
        assert area.text == "SELECT status FROM runs LIMIT 5", "sent as written"
        text = screen_text(app)
        assert "⚠ Result 1" in text and "runs is read with no time range" in text
        assert "ctrl+f: Add WHERE created_at > now() - INTERVAL 1 DAY, and run again" in text
        assert "1 warning below · ctrl+f fixes it" in status(screen)
        assert [(m.start, m.end, m.severity) for m in area.marks] == [
            ((0, 19), (0, 23), "warning")
        ], "runs is marked in the buffer"

        await pilot.press("ctrl+f")
        await settle(pilot)
        assert area.text == (
            "SELECT status FROM runs WHERE created_at > now() - INTERVAL 1 DAY LIMIT 5"
        )
        fixed = screen.results.current
        assert isinstance(fixed, Ran) and fixed.sent.number == 2, "the fixed query ran"
        assert not fixed.sent.findings and not area.marks
        assert "Result 2" in screen_text(app) and "⚠ Result 2" not in screen_text(app)


async def test_ctrl_f_leaves_a_buffer_edited_since_the_run_alone(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "SELECT status FROM runs LIMIT 5")
        await run(pilot)
        assert area.marks
        await pilot.press("space")
        await pilot.pause()
        assert not area.marks, "the marks were for the text as run"
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert area.text == "SELECT status FROM runs LIMIT 5 "
        assert "changed since query 1 ran" in notes(app)
        assert isinstance(screen.results.current, Ran) and screen.results.current.sent.number == 1


async def test_f4_formats_and_leaves_what_it_cannot_format(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        area = put(screen, "select status, count() as n from runs group by status")
        await pilot.press("f4")
        await pilot.pause()
        assert area.text.splitlines()[0] == "SELECT"
        assert "GROUP BY" in area.text
        broken = "SELECT count( FROM runs"
        put(screen, broken)
        await pilot.press("f4")
        await pilot.pause()
        assert area.text == broken
        assert "kept as written" in status(screen)


async def test_results_keep_the_last_five_tabs(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        for number in range(1, 8):
            put(screen, f"SELECT {number} AS n")
            await run(pilot)
        panes = list(screen.results.outcomes)
        assert panes == [f"result-{n}" for n in range(3, 8)]
        assert "Result 7" in screen_text(app) and "Result 2" not in screen_text(app)
