"""Re-running after earlier re-runs: the target is the highlighted row, named on screen; runs a
re-run fixed (or is re-running) are left out and never given as examples; a pilot that did not
succeed is said before the rest, and holds it until "re-run them anyway" is ticked; a batch's
row says how many of its failed runs its re-runs fixed.

The sandbox re-runs as Cargo does: a new batch whose runs name the run they re-ran. On the demo
play's unhealthy batch (85 failed), a re-run fixes the 429s and the agent's timeout; the 10
runs with a malformed domain fail again, four of them among the first ten."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from textual.widgets import Button, Checkbox, Input, Static

from tests.app.drill import cursor_to, open_play
from tests.app.test_rerun import _finished, _selection, _unhealthy
from tests.conftest import FIXED_NOW
from tests.support import app_on, on_top, screen_text, wait_until
from tui.api import CargoClient
from tui.api.models.batch_data import Reset, RunsBatchData, RunsSelection
from tui.api.models.runs import Batch
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.rerun.dialog import ReRunDialog
from tui.screens.rerun.plan import create_once, make_plan
from tui.screens.sql.dialogs import TextDialog
from tui.screens.workflow.screen import WorkflowScreen
from tui.state import lineage
from widgets.paged_table import PagedTable


@dataclass(frozen=True)
class Piloted:
    """A sandbox where the unhealthy batch had a pilot of its first 10 failed runs (6 fixed, 4
    failed again), and a batch whose runs failed on what passes was re-run whole (all fixed)."""

    sandbox: ThreadedSandbox
    original: Batch
    pilot: Batch
    pilot_titles: list[str]
    healed: Batch


async def _transient(client: CargoClient, workflow: str) -> Batch:
    """A finished batch whose runs failed only on what passes (a rate limit, a slow agent):
    a re-run fixes them all, where a malformed domain fails again."""
    for batch in await client.orchestration.batch.list(workflow_uuids=[workflow], limit=100):
        if not batch.succeeded_with_failures or batch.runs_status == "unhealthy":
            continue
        failed = (
            await client.orchestration.run.list(batch_uuid=batch.uuid, statuses=["error"])
        ).runs
        if not any("Invalid domain" in (run.error_message or "") for run in failed):
            return batch
    raise AssertionError("the demo play has a batch whose runs failed only on what passes")


async def _pilot_and_heal(sandbox: ThreadedSandbox) -> Piloted:
    async with CargoClient(
        token=sandbox.token, base_url=sandbox.base_url, allow_writes=True
    ) as client:
        workflow, original = await _unhealthy(client)
        plan = await make_plan(client, _selection(workflow, original))
        pilot = await create_once(client, workflow, plan.batch_data("lastNode", plan.uuids[:10]))
        healed = await _transient(client, workflow)
        whole = await make_plan(client, _selection(workflow, healed))
        fix = await create_once(client, workflow, whole.batch_data("lastNode"))
        pilot, _ = await asyncio.gather(_finished(client, pilot.uuid), _finished(client, fix.uuid))
        titles = [
            (await client.orchestration.run.get(u)).run.record_title or u for u in plan.uuids[:10]
        ]
    return Piloted(sandbox, original, pilot, titles, healed)


@pytest.fixture(scope="module")
def piloted() -> Iterator[Piloted]:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW) as running:
        yield asyncio.run(_pilot_and_heal(running))


def _row_of(workflow: WorkflowScreen, uuid: str) -> int:
    table = workflow.query_one("#batches-table", PagedTable)
    for index in range(table.total):
        row = table.row(index)
        if row is not None and str(row.key) == uuid:
            return index
    raise AssertionError(f"batch {uuid} is not in the batches table")


async def _rerun_on(pilot, workflow: WorkflowScreen, uuid: str, *texts: str) -> ReRunDialog:  # type: ignore[no-untyped-def]
    """R with the cursor on the batch ``uuid``: the dialog, its plan shown."""
    table = workflow.query_one("#batches-table", PagedTable)
    await cursor_to(pilot, table, _row_of(workflow, uuid))
    await pilot.press("R")
    return await on_top(pilot, ReRunDialog, "credits", *texts)


def _warning(dialog: ReRunDialog) -> str:
    return str(dialog.query_one("#rerun-warning", Static).render())


async def test_after_a_pilot_the_rest_leaves_out_what_it_fixed_and_shows_other_records(
    piloted: Piloted,
) -> None:
    app = app_on(piloted.sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await _rerun_on(pilot, workflow, piloted.original.uuid)
        text = screen_text(app)
        assert f"batch     Nov 24 02:39 · {piloted.original.uuid[:8]} · 85 of its 498" in text
        assert "10 of these were re-run already: 6 succeeded, 4 failed" in text
        assert "79 · failed runs of Batch Nov 24 02:39 · 6 left out" in text
        examples = next(line for line in text.splitlines() if "e.g." in line)
        assert not [t for t in piloted.pilot_titles if t in examples], examples


async def test_a_pilot_that_did_not_succeed_warns_and_holds_the_rest(piloted: Piloted) -> None:
    app = app_on(piloted.sandbox, allow_writes=True)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        dialog = await _rerun_on(pilot, workflow, piloted.original.uuid, "did not")
        text = _warning(dialog)
        assert f"The last re-run of these (batch today 15:00 · {piloted.pilot.uuid[:8]})" in text
        assert "did not succeed: 6 succeeded, 4 failed" in text
        field = dialog.query_one("#rerun-confirm", Input)
        anyway = dialog.query_one("#rerun-anyway", Checkbox)
        assert field.disabled and not anyway.value and dialog.focused is anyway
        await pilot.press(*"79", "enter")
        assert field.value == "" and dialog.query_one("#rerun-go", Button).disabled
        assert app.screen is dialog, "nothing sent while the warning holds"
        await pilot.press("space")
        await on_top(pilot, ReRunDialog, "Type 79 to confirm:")
        assert not field.disabled and dialog.focused is field
        assert "[x] re-run them anyway" in screen_text(app)


async def test_the_batches_show_what_re_runs_fixed(piloted: Piloted) -> None:
    app = app_on(piloted.sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        table = workflow.query_one("#batches-table", PagedTable)
        original = _row_of(workflow, piloted.original.uuid)
        await wait_until(pilot, lambda: "6" in str(table.row(original).cells[5]), "6 fixed")  # type: ignore[union-attr]
        cells = [str(c) for c in table.row(original).cells]  # type: ignore[union-attr]
        assert cells[4:6] == ["85", "6"]
        await cursor_to(pilot, table, original)
        banner = " ".join(screen_text(app).split())
        assert "85 of its 498 runs failed; re-runs fixed 6." in banner
        assert "R: re-run the 79 left" in banner
        healed = _row_of(workflow, piloted.healed.uuid)
        failed = piloted.healed.failed_runs_count
        assert [str(c) for c in table.row(healed).cells][4:6] == [str(failed), f"{failed}✓"]  # type: ignore[union-attr]
        await cursor_to(pilot, table, healed)
        assert f"re-runs fixed {failed}: none left." in " ".join(screen_text(app).split())


async def test_r_names_the_highlighted_batch_and_a_fixed_one_has_nothing_left(
    piloted: Piloted,
) -> None:
    app = app_on(piloted.sandbox, allow_writes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        dialog = await _rerun_on(pilot, workflow, piloted.pilot.uuid, "to confirm")
        text = screen_text(app)
        assert f"today 15:00 · {piloted.pilot.uuid[:8]} · 4 of its 10 runs failed" in text
        assert "Type 4 to confirm:" in text and "re-run already" not in text
        await pilot.press("escape")
        await on_top(pilot, WorkflowScreen)
        dialog = await _rerun_on(pilot, workflow, piloted.healed.uuid, "Nothing to re-run")
        assert dialog.query_one("#rerun-confirm", Input).disabled
        assert piloted.healed.uuid[:8] in screen_text(app)


async def test_a_re_run_still_running_is_left_out_and_said() -> None:
    # A frozen clock: the re-run made at this moment never progresses.
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW, frozen=True) as frozen:
        async with CargoClient(
            token=frozen.token, base_url=frozen.base_url, allow_writes=True
        ) as client:
            workflow, original = await _unhealthy(client)
            plan = await make_plan(client, _selection(workflow, original))
            running = await create_once(
                client, workflow, plan.batch_data("lastNode", plan.uuids[:10])
            )
            after = await make_plan(client, _selection(workflow, original))
        assert after.count == 75 and not set(after.uuids) & set(plan.uuids[:10])
        app = app_on(frozen, allow_writes=True)
        async with app.run_test(size=(120, 40)) as pilot:
            workflow_screen = await open_play(pilot)
            dialog = await _rerun_on(pilot, workflow_screen, original.uuid, "still running")
            said = (
                f"A re-run of 10 of these is still running (batch today 15:00 · {running.uuid[:8]})"
            )
            assert said in _warning(dialog)
            assert "10 of these were re-run already: 10 still running" in screen_text(app)


async def test_a_re_run_made_elsewhere_by_uuid_is_linked_through_its_runs() -> None:
    with ThreadedSandbox(seed=7, scale="small", now=FIXED_NOW) as fresh:
        async with CargoClient(
            token=fresh.token, base_url=fresh.base_url, allow_writes=True
        ) as client:
            workflow, original = await _unhealthy(client)
            plan = await make_plan(client, _selection(workflow, original))
            # As another tool would: the runs by uuid, no batch named.
            data = RunsBatchData(
                filter=RunsSelection(uuids=plan.uuids[:10]), reset=Reset(from_="lastNode")
            )
            made = await create_once(client, workflow, data)
            await _finished(client, made.uuid)
        app = app_on(fresh)
        async with app.run_test(size=(120, 40)) as pilot:
            workflow_screen = await open_play(pilot)
            await on_top(pilot, WorkflowScreen, f"re-run of {original.uuid[:4]}")
            table = workflow_screen.query_one("#batches-table", PagedTable)
            row = table.row(_row_of(workflow_screen, original.uuid))
            assert row is not None and str(row.cells[5]) == "6"
            who = app.session.whoami
            assert who is not None
            assert lineage.load(who.workspace.uuid) == {made.uuid: original.uuid}


async def test_at_80_columns_the_start_points_are_whole_and_f1_says_all(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        workflow = await open_play(pilot)
        original = next(
            b
            for b in workflow.query_one("BatchesPane").batches.values()
            if b.failed_runs_count == 85
        )  # type: ignore[attr-defined]
        await _rerun_on(pilot, workflow, original.uuid)
        text = screen_text(app)
        # Whole, and which one is chosen shows without colour.
        assert "(•) the failing node" in text
        assert "( ) the first node" in text and "( ) the next node" in text
        await pilot.press("f1")
        full = await on_top(pilot, TextDialog, "in full")
        assert (
            "Aperture Energy, Terra Networks, Globex Security, Monarch Systems, Hooli AI"
            in full.text
        )
        assert '"the failing node" starts each run again at the node where it failed' in full.text
        await pilot.press("escape")
        await on_top(pilot, ReRunDialog)
