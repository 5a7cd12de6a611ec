"""The workflow's Runs tab and its filter (the ``cargo-ai run count`` flags), and the Metrics
tab scoped to a release: each count the same as the API's with the same filter."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from textual.widgets import Input, Select, Static, Tab

from tests.app.drill import open_play
from tests.cli.test_cargo_ai import FLAGS, _filled, known
from tests.support import app_on, screen_text, settle
from tui.api import CargoClient
from tui.api.run_scope import RunScope
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_filter import RunFilterDialog
from tui.screens.runs_view import RunsView
from tui.screens.workflow.metrics import MetricsPane

__all__ = ["known"]


def _scope(filters: dict[str, Any], known: dict[str, Any]) -> RunScope:
    values = {key: _filled(value, known) for key, value in filters.items()}
    if "statuses" in values:
        values["statuses"] = tuple(values["statuses"])
    for key in ("created_after", "created_before"):
        if isinstance(values.get(key), str):
            values[key] = datetime.fromisoformat(values[key].replace("Z", "+00:00"))
    values["batch_uuid"] = values.get("batch_uuid")
    return RunScope(**values)


def _all_count(view: RunsView) -> str:
    return str(view.query_one("#all", Tab).label)


async def test_each_flag_counts_as_the_api(sandbox: ThreadedSandbox, known: dict[str, Any]) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("u")
        await settle(pilot)
        view = workflow.query_one(RunsView)
        everything = await _count(sandbox, known, {})
        assert _all_count(view) == f"All {everything:,}"
        for _, filters in FLAGS:
            view.set_scope(_scope(filters, known))
            await settle(pilot)
            expected = await _count(sandbox, known, filters)
            assert _all_count(view) == f"All {expected:,}", filters
            line = str(view.query_one("#runs-filter-line", Static).render())
            assert f"{expected:,} runs" in line and "all runs" not in line, line
            shown = view.table.total
            assert shown == expected, (filters, shown)


async def _count(sandbox: ThreadedSandbox, known: dict[str, Any], filters: dict[str, Any]) -> int:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        return await client.orchestration.run.count(
            workflow_uuid=known["workflow"], **{k: _filled(v, known) for k, v in filters.items()}
        )


async def test_the_filter_dialog(sandbox: ThreadedSandbox, known: dict[str, Any]) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RunFilterDialog)
        labels = [str(label) for label, _ in dialog.query_one("#filter-release", Select)._options]
        assert any(label.startswith("v6 · deployed ") for label in labels), labels
        dialog.query_one("#filter-release", Select).value = known["release"]
        dialog.query_one("#filter-after", Input).focus()
        await pilot.press(*"last week", "enter")
        await pilot.pause()
        assert app.screen is dialog, "a date that does not parse keeps the dialog open"
        assert "created after: 'last week' is not a date" in screen_text(app)
        assert dialog.query_one("#filter-after", Input).value == "last week", "nothing lost"
        dialog.query_one("#filter-after", Input).value = ""
        await pilot.press(*"4d", "enter")
        await settle(pilot)
        view = workflow.query_one(RunsView)
        assert view.runs_query.scope.release_uuid == known["release"]
        assert view.runs_query.scope.created_after is not None
        line = str(view.query_one("#runs-filter-line", Static).render())
        assert "release v" in line and "after " in line, line


@pytest.mark.parametrize("tab", ["failed"])
async def test_a_batchs_runs_keep_their_tabs_and_filter_within(
    sandbox: ThreadedSandbox, known: dict[str, Any], tab: str
) -> None:
    from tui.screens.runs import RunsQuery, RunsScreen

    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        query = RunsQuery(known["workflow"], batch_uuid=known["batch"])
        app.push_screen(RunsScreen(None, query, ("Plays", "x"), tab))
        await settle(pilot)
        view = app.screen.query_one(RunsView)
        view.set_scope(RunScope(created_after=datetime.fromisoformat("2026-11-24T02:44+00:00")))
        await settle(pilot)
        filters = {"batch_uuid": known["batch"], "statuses": ["error"]}
        expected = await _count(
            sandbox, known, {**filters, "created_after": "2026-11-24T02:44:00.000Z"}
        )
        assert 0 < expected < await _count(sandbox, known, filters), "the date keeps some"
        assert view.table.total == expected
        assert str(view.query_one("#failed", Tab).label) == f"Failed {expected:,}"


async def test_metrics_by_release(sandbox: ThreadedSandbox, known: dict[str, Any]) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("m")
        await settle(pilot)
        pane = workflow.query_one(MetricsPane)
        pane.query_one("#metrics-scope", Select).value = "all"
        await settle(pilot)
        pane.query_one("#metrics-release", Select).value = known["release"]
        await settle(pilot)
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            expected = await client.orchestration.run.get_metrics(
                workflow_uuid=known["workflow"], release_uuid=known["release"]
            )
        assert pane.metrics == expected
        note = str(pane.query_one("#metrics-note", Static).render())
        assert note.startswith("release v") and "all time" in note, note
        source = workflow.active_pane.export_source()
        assert source is not None and "release v" in source.label, "the scope goes with it"
