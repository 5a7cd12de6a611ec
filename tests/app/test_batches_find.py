"""``/`` on Batches finds what the rows show (status, health, dates...) and the start of a
batch's uuid (4 characters or more): enter goes to the next batch found, round to the top
after the last; none found says so. It found only a whole uuid or a status word before."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.app.drill import open_play
from tests.export_screen.support import notes
from tests.support import app_on, on_top, settle
from tui.api.models.runs import Batch
from tui.app import CargoApp
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_detail import RunDetailScreen
from tui.screens.runs import RunsScreen
from tui.screens.workflow.screen import WorkflowScreen
from tui.session import session_of
from widgets.find_bar import FindBar
from widgets.paged_table import PagedTable


async def all_batches(app: CargoApp, workflow: WorkflowScreen) -> list[Batch]:
    """Every batch of the workflow, newest first, as Cargo lists them."""
    client = await session_of(app).connect()
    return await client.orchestration.batch.list(workflow_uuids=[workflow.context_uuid], limit=1000)


async def find(pilot: Pilot[None], text: str) -> None:
    """``/``, ``text`` and enter (the field replaces what it held)."""
    await pilot.press("slash", *text, "enter")
    await settle(pilot)


async def test_enter_goes_to_each_batch_found_in_turn_and_round(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        table = workflow.query_one("#batches-table", PagedTable)
        batches = await all_batches(app, workflow)

        unhealthy = [i for i, b in enumerate(batches) if b.runs_status == "unhealthy"]
        assert unhealthy and unhealthy[0] > 0, "the play has an unhealthy batch below the first"
        await find(pilot, "unhealthy")
        assert table.cursor == unhealthy[0]

        done = [i for i, b in enumerate(batches) if b.status == "success"]
        assert len(done) >= 3, "the play has batches that succeeded"
        after = table.cursor
        turn = [i for i in done if i > after] + [i for i in done if i <= after]
        await pilot.press("escape")
        await find(pilot, "SUCCESS")
        field = workflow.query_one("#workflow-find", FindBar)
        assert table.cursor == turn[0]
        for index in [*turn[1:], turn[0]]:  # each in turn, then round to the first
            assert app.focused is field, "the field keeps the keys: enter finds the next"
            await pilot.press("enter")
            await settle(pilot)
            assert table.cursor == index
        await pilot.press("escape")
        assert app.focused is table and table.cursor == turn[0]

        table.cursor = unhealthy[0] - 1  # just above the unhealthy batch
        await find(pilot, "healthy")  # a word's start: unhealthy is not healthy
        assert table.cursor == unhealthy[0] + 1
        assert batches[table.cursor].runs_status == "healthy"


async def test_the_start_of_a_uuid_finds_its_batch_even_on_a_page_not_loaded(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot, "Route inbound leads")
        table = workflow.query_one("#batches-table", PagedTable)
        batches = await all_batches(app, workflow)
        last = len(batches) - 1
        assert table.row(last) is None, "the oldest batch's page is not loaded yet"
        texts = [" ".join(str(c) for c in table.row(i).cells) for i in range(20)]  # type: ignore[union-attr]
        prefixes = [b.uuid[:4] for b in batches]
        shown = " ".join(texts).lower()
        wanted = next(
            i
            for i, b in enumerate(batches[:20])
            if i > 0 and prefixes.count(b.uuid[:4]) == 1 and b.uuid[:3] not in shown
        )
        await find(pilot, batches[wanted].uuid[:4].upper())
        assert table.cursor == wanted

        await pilot.press("escape", "g")
        await find(pilot, batches[wanted].uuid[:3])
        assert table.cursor == 0, "three characters are too few to find a uuid"
        assert "No match" in notes(app)

        await pilot.press("escape")
        await find(pilot, batches[last].uuid[:8])
        assert table.cursor == last
        assert workflow.selected_batch == batches[last]


async def test_nothing_found_says_so_and_a_whole_uuid_opens_its_batch_or_run(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        table = workflow.query_one("#batches-table", PagedTable)
        batches = await all_batches(app, workflow)
        await find(pilot, "zzzz")
        assert f"No match: none of the {len(batches)} batches shows 'zzzz'" in notes(app)
        assert table.cursor == 0

        await pilot.press("escape")
        await find(pilot, batches[3].uuid)
        runs = await on_top(pilot, RunsScreen)
        assert runs.runs_query.batch_uuid == batches[3].uuid
        first = runs.query_one("#runs-table", PagedTable).cursor_row
        assert first is not None
        await pilot.press("escape")
        await on_top(pilot, WorkflowScreen)
        assert not workflow.query_one("#workflow-find", FindBar).display
        await find(pilot, str(first.key))
        detail = await on_top(pilot, RunDetailScreen)
        assert detail.run_uuid == str(first.key)
