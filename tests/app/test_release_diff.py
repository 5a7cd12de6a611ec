"""The release diff on the sandbox at 80x24: the seeded change named on screen, the ways in
(the workflow's ``=``, a batch, the palette), and the headless command agreeing with it."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import DataTable

from tests.app.drill import PLAY, cursor_to, open_play
from tests.app.release_steps import open_release_diff, releases_of_play, select_node
from tests.support import app_on, on_top, screen_text, settle, wait_until
from tui.api.models import newest_first
from tui.sandbox.releases import EARLIER_MINIMUM_SCORE, MINIMUM_SCORE
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery.screen import DiscoveryScreen
from tui.screens.release_diff import ReleaseDiffScreen
from tui.screens.release_picker import MARK, ReleasePicker
from tui.screens.workflow.screen import WorkflowScreen
from tui.state.release_pairs import ran
from widgets.diff_tree import DiffLeaf, DiffTree
from widgets.paged_table import PagedTable

SMALL = (80, 24)


async def test_the_diff_names_the_seeded_config_change_at_80x24(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_release_diff(pilot)
        shown = screen_text(app)
        assert "−  dedupe_domains  removed" in shown
        assert "+  slack_alert     added" in shown
        await select_node(pilot, screen, "qualify")
        shown = screen_text(app)
        assert "qualify (agent) · changed" in shown
        assert f"minimumScore: {EARLIER_MINIMUM_SCORE} → {MINIMUM_SCORE}" in shown
        assert "scoring" in shown and "config" in shown


def _key(leaf: DiffLeaf) -> str:
    section, *parts = leaf.path
    return section + "".join(p if p.startswith("[") else f".{p}" for p in parts)


async def test_the_headless_json_agrees_with_the_screen(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_release_diff(pilot)
        new, old = screen.pair
        # The command as a shell runs it (the app holds this process's stdout).
        command = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tui.cli", "release", "diff", old, new,
            "--base-url", sandbox.base_url, "--token", sandbox.token,
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await command.communicate()
        assert command.returncode == 0
        printed: dict[str, Any] = json.loads(out)
        assert printed["title"] in screen_text(app)
        table = screen.query_one("#release-nodes", DataTable)
        rows = [(str(table.get_row_at(i)[1]), str(table.get_row_at(i)[2]))
                for i in range(table.row_count)]  # fmt: skip
        assert rows == [(n["slug"], n["change"]) for n in printed["nodes"]]
        for node in printed["nodes"]:
            await select_node(pilot, screen, node["slug"])
            tree = screen.query_one(DiffTree)
            keys = sorted(_key(n.data) for n in _walk(tree) if n.data is not None)
            assert keys == sorted(c["key"] for c in node["changes"]), node["slug"]
            assert node["slug"] in screen_text(app)


def _walk(tree: DiffTree) -> list[Any]:
    found, stack = [], list(tree.root.children)
    while stack:
        node = stack.pop(0)
        found.append(node)
        stack[:0] = list(node.children)
    return found


async def test_a_batch_marks_its_release_and_the_one_before(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=SMALL) as pilot:
        workflow = await open_play(pilot)
        deployed = [r for r in newest_first(await releases_of_play(pilot)) if ran(r)]
        older, before = deployed[1], deployed[2]  # a batch that ran before the last deploy
        table = workflow.query_one("#batches-table", PagedTable)
        pane = workflow.query_one("BatchesPane")
        index = next(
            i for i in range(table.total)
            if (row := table.row(i)) and pane.batches[str(row.key)].release_uuid == older.uuid  # type: ignore[attr-defined]
        )  # fmt: skip
        await cursor_to(pilot, table, index)
        await pilot.press("equals_sign")
        await on_top(pilot, ReleasePicker, f"enter: compare {older.label} and {before.label}")
        marked = [line for line in screen_text(app).splitlines() if f" {MARK} " in line]
        assert [line.split(MARK)[1].split()[0] for line in marked] == [older.label, before.label]
        assert "(the batch's)" in marked[0]
        await pilot.press("enter")
        await on_top(pilot, ReleaseDiffScreen, f"{older.label} vs {before.label}")


async def test_the_palette_asks_for_a_workflow_then_compares(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=SMALL) as pilot:
        await on_top(pilot, DiscoveryScreen, PLAY)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        app.screen.query_one(CommandInput).value = f"release: compare {PLAY}"

        def first_hit() -> str:
            hits = app.screen.query_one(CommandList)
            ready = hits.option_count and hits.highlighted == 0
            return str(hits.get_option_at_index(0).prompt) if ready else ""

        wanted = f"release: compare {PLAY}"
        await wait_until(pilot, lambda: wanted in first_hit(), "the play's compare command first")
        await pilot.press("enter")
        picker = await on_top(pilot, ReleasePicker, "enter: compare")
        assert PLAY in screen_text(app)
        await pilot.press("enter")
        diff = await on_top(pilot, ReleaseDiffScreen, " vs ")
        assert diff.pair == tuple(picker.marked)


async def test_equals_in_the_diff_compares_another_pair_in_place(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_release_diff(pilot)
        await pilot.press("equals_sign")
        picker = await on_top(pilot, ReleasePicker, "enter: compare")
        assert picker.marked == list(screen.pair)
        await pilot.press("k", "space")  # the draft, above the pair: marked with the older
        await settle(pilot)
        _, older = screen.pair
        assert picker.marked == [older, picker.releases[0].uuid]
        chosen = tuple(picker.marked)
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.pair == chosen and app.screen is screen, "compared")
        await settle(pilot)
        assert screen.diff is not None and screen.diff.title in screen_text(app)
        await pilot.press("enter")  # the keys to the changes, to read a long one
        await wait_until(pilot, lambda: isinstance(app.focused, DiffTree), "the tree focused")
        await pilot.press("escape")  # back to the list, not out of the screen
        await wait_until(pilot, lambda: app.focused is screen.query_one("#release-nodes"), "list")
        assert app.screen is screen
        await pilot.press("escape")
        await on_top(pilot, WorkflowScreen, PLAY)
