"""Releases on the timeline: the Batches tab marks where the deployed release changed (a
divider naming the new version, and a release column), and the Metrics tab compares each
node's error rate on two releases, the worst rise first."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from tests.app.drill import open_play
from tests.app.test_batches_find import all_batches, find
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.api.models import newest_first
from tui.api.models.orchestration import Release
from tui.app import CargoApp
from tui.export import BatchOutputSource
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.runs import RunsScreen
from tui.screens.workflow.batches import BatchesPane
from tui.screens.workflow.screen import WorkflowScreen
from tui.session import session_of
from widgets.divided_table import DividedTable


async def deployed_releases(app: CargoApp, workflow: WorkflowScreen) -> list[Release]:
    """The workflow's releases that were deployed, newest first, as Cargo lists them."""
    client = await session_of(app).connect()
    found = await client.orchestration.release.list(workflow_uuid=workflow.context_uuid)
    return [r for r in newest_first(found) if r.deployed_at is not None]


async def test_a_divider_names_the_new_version_between_batches_of_two_releases(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        table = workflow.query_one("#batches-table", DividedTable)
        batches = await all_batches(app, workflow)
        releases = {r.uuid: r for r in await deployed_releases(app, workflow)}
        ran_on = [b.release_uuid for b in batches]
        changes = [i for i in range(1, len(batches)) if ran_on[i] != ran_on[i - 1]]
        assert changes, "the play's batches ran on more than one release"
        first = changes[0]
        newer = releases[batches[first - 1].release_uuid or ""]
        said = f"{newer.label} deployed {newer.deployed_at:%Y-%m-%d}"
        await wait_until(pilot, lambda: f"── {said} ──" in screen_text(app), "the divider")
        assert table.dividers[first] == said
        older = releases[batches[first].release_uuid or ""]
        cells = [str(c) for c in table.row(first).cells]  # type: ignore[union-attr]
        assert older.label in cells and older.label != newer.label, "the release column"

        # the divider is painted between the two batches, and no key lands on it
        shown = screen_text(app).splitlines()
        line = next(n for n, text in enumerate(shown) if said in text)
        assert f" {batches[first].runs_count:,} " in shown[line + 1]
        table.cursor = first - 1
        await settle(pilot)
        await pilot.press("down")
        assert table.cursor == first
        assert workflow.selected_batch == batches[first]
        divider = table.line_of(first) - int(table.scroll_y)  # under the labels' line
        await pilot.click(DividedTable, offset=(10, divider))
        assert table.cursor == first, "a click on the divider selects nothing"

        # export and copy still take the batch under the cursor, and only it
        pane = workflow.query_one(BatchesPane)
        source = pane.export_source()
        assert isinstance(source, BatchOutputSource) and source.batch_uuid == batches[first].uuid
        copied = pane.copy_source()
        assert copied is not None
        assert [r["uuid"] for r in copied.source.rows] == [batches[first].uuid]

        # find reads the release column: the first batch of the older release
        await pilot.press("g")
        await find(pilot, older.label)
        assert table.cursor == first
        await pilot.press("escape")

        # a refresh keeps the divider where it is; enter opens the batch below it
        await pilot.press("r")
        await settle(pilot)
        assert table.dividers[first] == said and table.cursor == first
        await pilot.press("enter")
        runs = await on_top(pilot, RunsScreen)
        assert runs.runs_query.batch_uuid == batches[first].uuid


async def test_metrics_compare_the_error_rate_of_each_node_on_two_releases(
    sandbox: ThreadedSandbox,
) -> None:
    """The demo's HubSpot upserts fail since the deployed release went out (this morning's
    rate-limited batch ran on it): the comparison puts that node first, with its rise."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        newer, older = (await deployed_releases(app, workflow))[:2]
        client = await session_of(app).connect()
        on = {
            release.uuid: {
                m.node_uuid: m
                for m in await client.orchestration.run.get_metrics(
                    workflow_uuid=workflow.context_uuid, release_uuid=release.uuid
                )
            }
            for release in (newer, older)
        }
        hubspot = next(n for n in workflow.context.nodes if n.slug == "hubspot_upsert")  # type: ignore[union-attr]
        before = on[older.uuid][hubspot.uuid].error_rate
        after = on[newer.uuid][hubspot.uuid].error_rate
        assert after - before > 0.1, "the seeded rise: HubSpot fails more on the newer release"

        await pilot.press("m")
        await on_top(pilot, WorkflowScreen, "v: compare releases")
        await pilot.press("v")
        await on_top(pilot, WorkflowScreen, f"hubspot_upsert fails more since {newer.label}")
        compare = workflow.query_one("#compare-table", DataTable)
        assert app.focused is compare
        top = [str(c) for c in compare.get_row_at(0)]
        assert top[0] == "hubspot_upsert"
        assert f"{after:.1%}" in top[2] and f"{before:.1%}" in top[1]
        assert top[3] == f"▲ +{(after - before) * 100:.1f} pts"
        text = screen_text(app)
        assert f"{older.label} error rate" in text and f"{newer.label} error rate" in text
        assert workflow.query_one("#compare-newer", Select).value == newer.uuid
        assert workflow.query_one("#compare-older", Select).value == older.uuid
        rows = workflow.active_pane.export_source().rows  # type: ignore[union-attr]
        assert rows[0]["node"] == "hubspot_upsert" and rows[0]["newer_release"] == newer.label

        # enter: the runs that failed at the node, on the newer release
        await pilot.press("enter")
        runs = await on_top(pilot, RunsScreen, "failed at hubspot_upsert")
        assert runs.runs_query.scope.release_uuid == newer.uuid
        assert runs.runs_query.failed_at == "hubspot_upsert"
        await pilot.press("escape")
        await on_top(pilot, WorkflowScreen)

        # v again: back to the per-node metrics of the scope it came from
        await pilot.press("v")
        await on_top(pilot, WorkflowScreen, "the selected batch")
        assert workflow.query_one("#metrics-scope", Select).value == "batch"
        assert app.focused is workflow.query_one("#metrics-table")
        assert f"{older.label} error rate" not in screen_text(app)


async def test_the_same_release_on_both_sides_is_refused(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        newer = (await deployed_releases(app, workflow))[0]
        await pilot.press("m")
        await on_top(pilot, WorkflowScreen, "v: compare releases")
        await pilot.press("v")
        await on_top(pilot, WorkflowScreen, "fails more since")
        workflow.query_one("#compare-older", Select).value = newer.uuid
        await on_top(pilot, WorkflowScreen, "Pick two different releases to compare.")


async def test_a_time_range_that_holds_a_deploy_says_so(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        newer, older = (await deployed_releases(app, workflow))[:2]
        await pilot.press("m")
        await on_top(pilot, WorkflowScreen, "the selected batch")
        assert "in this range" not in screen_text(app), "a batch ran on one release"
        workflow.query_one("#metrics-scope", Select).value = "7d"
        said = f"{newer.label} deployed {newer.deployed_at:%Y-%m-%d} in this range"
        await on_top(pilot, WorkflowScreen, "last 7 d", said)
        assert older.label not in screen_text(app).split("last 7 d")[-1]
