"""What the workflow screens draw at 80x24 (and 120x40): the text that matters gets the room,
the rest is cut short or left out, and the whole is one key away."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.app.drill import open_play, select_unhealthy
from tests.support import app_on, on_top, screen_text, wait_until
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_detail import RunDetailScreen
from tui.screens.runs import RunsScreen
from tui.screens.workflow.failures import FailuresPane
from tui.screens.workflow.screen import WorkflowScreen
from widgets.paged_table import PagedTable

NARROW, WIDE = (80, 24), (120, 40)


def lines(app: CargoApp) -> list[str]:
    return screen_text(app).splitlines()


def line_with(app: CargoApp, text: str) -> str:
    found = [line for line in lines(app) if text in line]
    assert found, f"no line shows {text!r}:\n{screen_text(app)}"
    return found[0]


def row_of(app: CargoApp, first: str) -> str:
    """The table row whose first cell is ``first``."""
    found = [line for line in lines(app) if line.split()[:1] == [first]]
    assert found, f"no row begins with {first!r}:\n{screen_text(app)}"
    return found[0]


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_the_release_line_gives_the_graph_the_room(
    sandbox: ThreadedSandbox, size: tuple[int, int]
) -> None:
    """The uuid gives way to the release and its graph: at 80 columns the graph's end is cut,
    at 120 the whole graph shows."""
    app = app_on(sandbox)
    async with app.run_test(size=size) as pilot:
        await open_play(pilot)
        await wait_until(pilot, lambda: "release v6" in screen_text(app), "the release")
        line = line_with(app, "release v6").strip()
        assert len(line) <= size[0] - 2
        assert "start → clearbit_enrich → qualify → is_fit → (hubspot_upsert" in line
        if size == NARROW:
            assert line.startswith("release v6 · start →") and line.endswith("…"), line
        else:
            assert line.endswith("mark_disqualified) → end"), line


async def failures_tab(pilot: Pilot[None]) -> WorkflowScreen:
    """The Failures tab of the batch that "succeeded" with failed runs."""
    workflow = await open_play(pilot)
    await select_unhealthy(pilot, workflow)
    await pilot.press("f")
    return await on_top(pilot, WorkflowScreen, "Too Many Requests")


async def test_failure_groups_give_the_error_the_room_and_read_as_words(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=NARROW) as pilot:
        workflow = await failures_tab(pilot)
        row = row_of(app, "hubspot_upsert")
        assert "N Too Many Requests: HubSpot rate" in row, row
        assert "<n>" not in screen_text(app), "a placeholder reads as what it stands for"
        assert "Nov 24 02:4" in row, "the last seen time keeps its place"
        assert 'Invalid domain: "…" is not a valid' in row_of(app, "clearbit_enrich")
        pane = workflow.query_one(FailuresPane)
        assert [g.node_slug for g in pane.groups][:2] == ["hubspot_upsert", "clearbit_enrich"]

        await pilot.resize_terminal(*WIDE)
        await wait_until(pilot, lambda: "first seen" in screen_text(app), "first seen at 120")
        row = row_of(app, "hubspot_upsert")
        assert "87%" in row and "N Too Many Requests: HubSpot rate limit (N/Ns)" in row, row


async def test_a_failure_example_and_its_run_have_lines_of_their_own(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=NARROW) as pilot:
        workflow = await failures_tab(pilot)
        group = workflow.query_one(FailuresPane).groups[0]
        shown = lines(app)
        example = next(i for i, line in enumerate(shown) if line.startswith(" example  429"))
        run = shown[example + 2]
        assert run.split() == ["run", group.example_run], shown[example : example + 3]
        assert shown[example + 1].strip() == "attempts", "the example wraps under itself"
        assert "run" not in shown[example].split()


async def test_the_runs_error_column_has_the_room_at_80(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=NARROW) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("enter")
        await on_top(pilot, RunsScreen, "Aperture Energy")
        row = line_with(app, " hubspot_upsert ")
        assert "429 Too Many Requests: HubSpot" in row, row
        assert "failing node" in line_with(app, " record "), "what failed keeps its column"


async def test_the_run_detail_breadcrumb_keeps_where_you_are(sandbox: ThreadedSandbox) -> None:
    """Through a failure group the trail is far wider than 80 columns: the leading crumbs are
    cut short, the last two stay whole."""
    app = app_on(sandbox)
    async with app.run_test(size=NARROW) as pilot:
        workflow = await failures_tab(pilot)
        table = workflow.query_one("#failures-table", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        runs = await on_top(pilot, RunsScreen)
        await wait_until(
            pilot, lambda: runs.query_one(PagedTable).cursor_row is not None, "the runs"
        )
        await pilot.press("enter")
        detail = await on_top(pilot, RunDetailScreen, "hubspot_upsert · output")
        record = detail.crumbs[-1]
        crumb = lines(app)[1].strip()
        assert len(" › ".join(detail.crumbs)) > 80, "the whole trail would not fit"
        assert crumb.endswith(f"› Failed › {record}"), crumb
        assert crumb.startswith("Plays › "), crumb
        assert "…" in crumb
