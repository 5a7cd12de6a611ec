"""Search inside a run, driven at 80x24 on the sandbox: ``/`` finds text in any node's output
(the node selected, the tree open down to it, the path and the count shown), ``n`` ``N`` and
the arrows step, a path narrows the tree, a bad path says why and keeps what was typed, ``f``
shows the failed nodes only."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.app.drill import cursor_to, open_play, unhealthy_success_index
from tests.support import app_on, on_top, screen_text, settle
from tui.api.models.runs import ExecutionStatus
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_detail import RunDetailScreen
from tui.screens.run_search import RunFindBar
from tui.screens.runs import RunsScreen
from tui.state.run_search import find, format_path
from widgets.json_tree import JsonTree
from widgets.paged_table import PagedTable


async def open_failed_run(pilot: Pilot[None]) -> RunDetailScreen:
    """The first failed run of the batch that "succeeded" with failures: its failing node
    (clearbit_enrich) selected, after a node that succeeded (start)."""
    workflow = await open_play(pilot)
    table = workflow.query_one("#batches-table", PagedTable)
    await cursor_to(pilot, table, unhealthy_success_index(workflow))
    await pilot.press("enter")
    await on_top(pilot, RunsScreen, "showing 1-")
    await pilot.press("enter")
    return await on_top(pilot, RunDetailScreen, "clearbit_enrich · output")


def selected_node(detail: RunDetailScreen) -> str | None:
    timeline = detail.query_one("#timeline", DataTable)
    key = timeline.coordinate_to_cell_key(timeline.cursor_coordinate).row_key.value
    assert key is not None
    return detail.executions[int(key)].node_slug


def tree_cursor(detail: RunDetailScreen) -> tuple[Any, ...] | None:
    node = detail.query_one("#node-output", JsonTree).cursor_node
    return node.data.path if node is not None and node.data is not None else None


def shows(app: App[None], text: str) -> bool:
    """``text`` on screen, its words on one line or wrapped over several."""
    return " ".join(text.split()) in " ".join(screen_text(app).split())


def context(detail: RunDetailScreen) -> dict[str, Any]:
    assert detail.detail is not None
    return detail.detail.run_context


async def test_slash_finds_a_value_in_another_nodes_output(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_failed_run(pilot)
        assert selected_node(detail) == "clearbit_enrich"
        industry = context(detail)["start"]["industry"]
        expected = find(context(detail), industry).matches
        assert expected and expected[0].path == ("start", "industry")

        await pilot.press("slash", *industry)
        await settle(pilot)
        text = screen_text(app)
        assert shows(app, f"1 of {len(expected)}  .start.industry")
        assert selected_node(detail) == "start", "the node holding the match is selected"
        assert tree_cursor(detail) == ("industry",), "the tree's cursor is on the match"
        assert f'industry: "{industry}"' in text
        assert detail.query_one(RunFindBar).value == industry


async def test_next_and_previous_cross_nodes_and_wrap(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_failed_run(pilot)
        domain = context(detail)["start"]["domain"]
        matches = find(context(detail), domain).matches
        last = matches[-1].path
        assert len(matches) >= 2 and last[0] == "clearbit_enrich"

        await pilot.press("slash", *domain)
        await settle(pilot)
        assert shows(app, f"1 of {len(matches)}")
        await pilot.press("up")  # in the field: up is the previous match, wrapping to the last
        await settle(pilot)
        assert shows(app, f"{len(matches)} of {len(matches)}  {format_path(last)}")
        assert selected_node(detail) == "clearbit_enrich"
        assert tree_cursor(detail) == last[1:]
        assert shows(app, "enter ↓ next, ↑ previous")

        await pilot.press("escape")  # the field stays with its text; n and N step
        await settle(pilot)
        assert detail.query_one(RunFindBar).display
        assert app.focused is detail.query_one("#node-output")
        await pilot.press("n")
        await settle(pilot)
        assert shows(app, f"1 of {len(matches)}  {format_path(matches[0].path)}")
        assert selected_node(detail) == matches[0].path[0]
        await pilot.press("N")
        await settle(pilot)
        assert shows(app, f"{len(matches)} of {len(matches)}")
        assert shows(app, "n next, N previous")


async def test_no_match_is_said(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_failed_run(pilot)
        await pilot.press("slash", *"zz-nowhere-zz")
        await settle(pilot)
        assert shows(app, "No match for 'zz-nowhere-zz' in the outputs of 2 nodes")


async def test_a_path_narrows_the_tree_and_a_bad_one_keeps_what_was_typed(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_failed_run(pilot)
        tree = detail.query_one("#node-output", JsonTree)
        field = detail.query_one(RunFindBar)
        error = context(detail)["clearbit_enrich"]["body"]["error"]

        await pilot.press("slash", *".start.nam")
        await settle(pilot)
        assert shows(app, "enter narrows the tree to .start.nam")
        await pilot.press("enter")
        await settle(pilot)
        assert shows(app, "Nothing at .start.nam: .start has no key 'nam' (its keys: id, name,")
        assert field.value == ".start.nam" and app.focused is field, "nothing typed is lost"

        await pilot.press("backspace", "backspace", "backspace", "backspace", *"[", "enter")
        await settle(pilot)
        assert shows(app, "Not a path, at column 7: this '[' has no closing ']'")
        assert field.value == ".start["

        await pilot.press("ctrl+u", *".clearbit_enrich.body.error", "enter")
        await settle(pilot)
        assert tree.root.data is not None and tree.root.data.value == error
        assert selected_node(detail) == "clearbit_enrich"
        text = screen_text(app)
        assert shows(app, "clearbit_enrich · .clearbit_enrich.body.error · 1 value")
        assert f'type: "{error["type"]}"' in text and "status: 422" not in text
        assert app.focused is tree, "enter on a path leaves the field for the tree"

        await pilot.press("slash", "ctrl+u", *".start.tags[]", "enter")
        await settle(pilot)
        tags = context(detail)["start"]["tags"]
        if tags:
            assert tree.root.data is not None
            assert list(tree.root.data.value.values()) == tags
        assert selected_node(detail) == "start"

        await pilot.press("slash", "ctrl+u")  # an empty field: the whole output again
        await settle(pilot)
        assert tree.root.data is not None and tree.root.data.value == context(detail)["start"]


async def test_f_shows_the_failed_nodes_only_and_search_keeps_to_them(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_failed_run(pilot)
        timeline = detail.query_one("#timeline", DataTable)
        every = [e.node_slug for e in detail.executions]
        failed = [e.node_slug for e in detail.executions if e.status == ExecutionStatus.ERROR]
        assert len(failed) < len(every)

        await pilot.press("f")
        await settle(pilot)
        shown = [detail.executions[int(str(r.key.value))].node_slug for r in timeline.ordered_rows]
        assert shown == failed
        assert shows(app, f"failed only {len(failed)} of {len(every)} nodes")

        industry = context(detail)["start"]["industry"]
        await pilot.press("slash", *industry)
        await settle(pilot)
        assert shows(app, f"No match for {industry!r} in the outputs of 1 node")

        await pilot.press("escape", "f")
        await settle(pilot)
        shown = [detail.executions[int(str(r.key.value))].node_slug for r in timeline.ordered_rows]
        assert shown == every, "every node again, in the timeline's order"
        assert "failed only" not in screen_text(app)
        assert shows(app, "1 of "), "the search reaches every node again"
        assert selected_node(detail) == "start"


async def test_the_search_follows_to_the_next_run(sandbox: ThreadedSandbox) -> None:
    """``]`` with a path narrowing the tree: the next run is narrowed the same way (or says
    why it cannot be), and the field keeps the path."""
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_failed_run(pilot)
        first = detail.run_uuid
        await pilot.press("slash", *".clearbit_enrich.status", "enter")
        await settle(pilot)
        assert shows(app, ".clearbit_enrich.status · 1 value")

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert detail.run_uuid != first
        assert detail.query_one(RunFindBar).value == ".clearbit_enrich.status"
        status = context(detail).get("clearbit_enrich", {}).get("status")
        tree = detail.query_one("#node-output", JsonTree)
        if status is None:
            assert shows(app, "Nothing at .clearbit_enrich.status")
        else:
            assert tree.root.data is not None and tree.root.data.value == status
            assert selected_node(detail) == "clearbit_enrich"


async def test_another_node_shows_its_whole_output_and_back_the_narrowed_value(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_failed_run(pilot)
        tree = detail.query_one("#node-output", JsonTree)
        await pilot.press("slash", *".clearbit_enrich.body", "enter")
        await settle(pilot)
        body = context(detail)["clearbit_enrich"]["body"]
        assert tree.root.data is not None and tree.root.data.value == body

        detail.query_one("#timeline", DataTable).focus()
        await pilot.press("k")
        await settle(pilot)
        assert selected_node(detail) == "start"
        assert tree.root.data is not None and tree.root.data.value == context(detail)["start"]
        await pilot.press("j")
        await settle(pilot)
        assert tree.root.data is not None and tree.root.data.value == body
