"""SQL answers in Cargo's words: a column of workflow, batch or release uuids gets the play or
tool, the batch's start, the release's version beside it; enter on one opens it. The names are
shown only: the export holds the answer as Cargo gave it."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.sql_screen.support import open_editor, put, run
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.runs import RunsScreen
from tui.screens.sql import names as names_module
from tui.screens.sql.names import kind_of
from tui.screens.sql.outcome import Ran
from tui.screens.sql.screen import SqlScreen
from tui.screens.workflow.screen import WorkflowScreen

SQL = (
    "SELECT workflow_uuid, batch_uuid, release_uuid, count() AS n FROM runs "
    "WHERE created_at > now() - INTERVAL 30 DAY GROUP BY ALL ORDER BY n DESC LIMIT 5"
)


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        ("workflow_uuid", "workflow"),
        ("parent_batch_uuid", "batch"),
        ("release_uuid", "release"),
        ("run_uuid", "run"),
        ("uuid", None),
        ("node_uuid", None),
        ("rebatch_uuid", None),
    ],
)
def test_which_columns_name_what(column: str, kind: str | None) -> None:
    assert kind_of(column) == kind


async def _ran(pilot: Pilot[None]) -> tuple[SqlScreen, Ran]:
    """The SQL editor, and what it made of :data:`SQL`."""
    screen = await open_editor(pilot)
    put(screen, SQL)
    await run(pilot)
    ran = screen.results.current
    assert isinstance(ran, Ran)
    return screen, ran


async def test_uuids_get_their_names_and_open(
    sandbox: ThreadedSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lookups' budget is a time: on a busy machine the sandbox may answer after it. The
    # names are what is tested here (the budget below), so it is as long as the test.
    monkeypatch.setattr(names_module, "BUDGET", 600.0)
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, ran = await _ran(pilot)
        assert ran.shown is not None
        shown = ran.shown.column_names
        assert shown[:2] == ["workflow_uuid", "workflow_uuid · name"]
        assert "batch_uuid · name" in shown and "release_uuid · name" in shown
        assert ran.table.column_names == ran.result.columns, "the answer itself is untouched"
        names = ran.shown.to_pylist()
        assert names[0]["workflow_uuid · name"] == "Enrich new companies (play)"
        assert names[0]["release_uuid · name"].startswith("v")
        assert " · Enrich new companies (play)" in names[0]["batch_uuid · name"]
        assert "Enrich new companies (play)" in screen_text(app)
        table = screen.query_one("#result-table-1")
        table.focus()
        batch = shown.index("batch_uuid · name")
        table.move_cursor(row=0, column=batch)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        runs = app.screen
        assert isinstance(runs, RunsScreen), runs
        assert runs.runs_query.batch_uuid == ran.result.rows[0][1]
        assert any(isinstance(s, WorkflowScreen) for s in app.screen_stack)


async def test_lookups_past_the_budget_leave_the_uuids_bare(
    sandbox: ThreadedSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow API holds the result back no longer than the budget: with none left at all, the
    batch and release uuids show bare (the play's name needs no request: Discovery has it)."""
    monkeypatch.setattr(names_module, "BUDGET", 0.0)
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        _, ran = await _ran(pilot)
        assert ran.shown is not None
        shown = ran.shown.column_names
        assert shown[:2] == ["workflow_uuid", "workflow_uuid · name"]
        assert "batch_uuid · name" not in shown and "release_uuid · name" not in shown
        assert "Enrich new companies (play)" in screen_text(app)
