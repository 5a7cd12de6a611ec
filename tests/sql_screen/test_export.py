"""``e`` on a result: the shared export dialog, the result's rows in the file, its SQL kept."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from tests.export_screen.support import dialog, export_to, read_csv
from tests.sql_screen.support import open_editor, put, run
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.sql.outcome import Ran

SQL = "SELECT uuid, status, data FROM batches ORDER BY created_at LIMIT 7"


async def test_e_exports_the_result_in_front_with_its_sql(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(screen, "SELECT 1 AS first")
        await run(pilot)
        await run(pilot)
        await pilot.press("ctrl+n")  # a second buffer, its result the third run
        await settle(pilot)
        put(screen, SQL)
        await run(pilot)
        shown = screen.results.current
        assert isinstance(shown, Ran)
        screen.query_one("#result-table-3").focus()
        await pilot.press("e")
        await settle(pilot)
        assert dialog(app).source.title == "query 2 · Result 3", "its buffer, then its tab"
        await export_to(pilot, out / "batches.csv")
        await pilot.press("escape")
        await pilot.press("e")
        await settle(pilot)
        await export_to(pilot, out / "batches.parquet")
    rows = read_csv(out / "batches.csv")
    assert [row["uuid"] for row in rows] == [str(row[0]) for row in shown.result.rows]
    assert isinstance(json.loads(rows[0]["data"]), dict), "nested values are JSON text"
    meta = pq.read_schema(out / "batches.parquet").metadata or {}
    assert SQL.encode() in b"".join(meta.values())


async def test_e_without_a_result_says_what_to_do(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_editor(pilot)
        screen.results.focus()
        screen.results.action_export()
        await pilot.pause()
        assert "run a query first" in screen_text(app)


async def test_a_capped_result_says_so_in_the_dialog(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_editor(pilot)
        put(
            screen,
            "SELECT run_uuid, node_slug FROM spans "
            "WHERE execution_started_at > now() - INTERVAL 30 DAY LIMIT 10000",
        )
        await run(pilot)
        screen.query_one("#result-table-1").focus()
        await pilot.press("e")
        await settle(pilot)
        dialog(app)
        assert "10,000-row cap" in screen_text(app)
