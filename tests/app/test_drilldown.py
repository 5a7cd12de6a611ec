"""The on-call path, driven as a person would: play -> batch that "succeeded" with failures ->
Failed tab -> a run -> the failing node's output; then metrics, failure groups, outputs."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from tests.app.drill import cursor_to, open_play, select_unhealthy, unhealthy_success_index
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_detail import RunDetailScreen
from tui.screens.runs import RunsScreen
from widgets.json_tree import JsonTree
from widgets.paged_table import PagedTable


async def test_from_a_play_to_the_failing_node_output(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        text = screen_text(app)
        assert "Plays › Enrich new companies" in text
        assert "running" in text and "success" in text

        batches = workflow.query_one("#batches-table", PagedTable)
        await cursor_to(pilot, batches, unhealthy_success_index(workflow))
        text = screen_text(app)
        assert "This batch reports success but" in text
        assert "runs failed" in text

        await pilot.press("enter")
        await settle(pilot)
        runs = app.screen
        assert isinstance(runs, RunsScreen)
        assert runs.tab == "failed"
        text = screen_text(app)
        assert "Failed 85" in text
        assert "All 498" in text
        assert "Invalid domain" in text
        assert "showing 1-" in text and " of 85 " in text

        first = runs.query_one("#runs-table", PagedTable).cursor_row
        assert first is not None
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, RunDetailScreen)
        text = screen_text(app)
        assert "clearbit_enrich" in text
        assert "✖ error" in text
        assert "status: 422" in text, "the failing node's output is shown"
        assert "apertureenergy..com" in text or "Invalid domain" in text
        tree = detail.query_one("#node-output", JsonTree)
        assert tree.root.data is not None and tree.root.data.value["status"] == 422
        assert detail.run_uuid == str(first.key)

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert detail.run_uuid != str(first.key), "] steps to the next run of the list"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert detail.run_uuid == str(first.key)

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is runs
        await pilot.press("f")
        await settle(pilot)
        assert runs.tab == "all"
        assert "showing 1-" in screen_text(app) and " of 498 " in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is workflow
        assert batches.cursor == unhealthy_success_index(workflow), "back keeps the selection"


async def test_metrics_of_a_batch_in_release_order(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("m")
        await settle(pilot)
        table = workflow.query_one("#metrics-table", DataTable)
        nodes = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert nodes[:3] == ["start", "clearbit_enrich", "qualify"]
        enrich = table.get_row_at(1)
        assert str(enrich[3]) != "0", "clearbit_enrich has errors in this batch"
        assert "the selected batch" in screen_text(app)


async def test_a_failure_group_lists_its_runs(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("f")
        await settle(pilot)
        groups = workflow.query_one("FailuresPane").groups  # type: ignore[attr-defined]
        assert groups, "the batch has failure groups"
        domains = next(g for g in groups if g.node_slug == "clearbit_enrich")
        assert 'Invalid domain: "…"' in domains.message
        assert "Invalid domain" in screen_text(app)
        table = workflow.query_one("#failures-table", DataTable)
        table.move_cursor(row=groups.index(domains))
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        runs = app.screen
        assert isinstance(runs, RunsScreen)
        assert runs.runs_query.failed_at == "clearbit_enrich"
        assert runs.query_one("#runs-table", PagedTable).total == domains.runs


async def test_node_outputs_of_a_finished_batch(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("o")
        await settle(pilot)
        node = workflow.query_one("#outputs-node", Select)
        assert node.value == "slack_alert" or isinstance(node.value, str)
        node.value = "clearbit_enrich"
        await pilot.click("#outputs-show")
        await settle(pilot)
        pane = workflow.query_one("OutputsPane")
        assert pane.records, "the outputs came back as rows"  # type: ignore[attr-defined]
        assert "outputs of clearbit_enrich" in screen_text(app)


async def test_runs_load_a_page_at_a_time_never_the_whole_batch(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("enter")
        await settle(pilot)
        runs = app.screen
        assert isinstance(runs, RunsScreen)
        await pilot.press("f")  # all 498 runs
        await settle(pilot)
        table = runs.query_one("#runs-table", PagedTable)
        assert table.total == 498
        assert table.loaded_rows == 100, "only the first page is fetched"
        await pilot.press("G")
        await settle(pilot)
        assert table.cursor == 497
        assert table.row(497) is not None
        assert table.loaded_rows <= 200, "the end is fetched by itself, not the pages between"
        assert "-498 of 498" in screen_text(app)


async def test_the_runs_count_says_which_rows_are_in_view(sandbox: ThreadedSandbox) -> None:
    """It said "showing 1 of 85" (the cursor's row) while 16 rows were on screen."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("enter")
        runs = await on_top(pilot, RunsScreen, "Failed 85")
        table = runs.query_one("#runs-table", PagedTable)
        rows = table.size.height - 1  # under the column labels
        assert 10 < rows < 85
        assert f"showing 1-{rows} of 85" in screen_text(app)
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        top = int(table.scroll_y)
        assert top > 0
        assert f"showing {top + 1}-{top + rows} of 85" in screen_text(app)
        table.scroll_to(y=5, animate=False)  # the wheel or the scrollbar: the cursor stays
        await wait_until(pilot, lambda: f"showing 6-{5 + rows} of 85" in screen_text(app), "6-")
        await pilot.press("G")
        await settle(pilot)
        assert f"showing {86 - rows}-85 of 85" in screen_text(app)


async def test_metrics_over_a_custom_range_and_a_bad_date(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await pilot.press("m")
        await settle(pilot)
        workflow.query_one("#metrics-scope", Select).value = "custom"
        await settle(pilot)
        await pilot.press(*"yesterday", "enter")
        await settle(pilot)
        assert "The start date 'yesterday' is not a date: type it as 2026-11-01" in screen_text(app)
        workflow.query_one("#metrics-after", Input).value = "2026-11-20"
        await pilot.press("enter")
        await settle(pilot)
        assert "from 2026-11-20T00:00+00:00 to now" in screen_text(app)
        table = workflow.query_one("#metrics-table", DataTable)
        assert table.row_count > 0
