"""The run diff on screen at 80x24: opened from run detail with ``=`` and from the palette,
the first diverging node selected, another run named, and the same as ``cargo-tui run diff``."""

from __future__ import annotations

import asyncio
import json

import pytest
from textual.widgets import DataTable, Input

from tests.app.test_discovery import _palette
from tests.run_diff.steps import open_failed_run
from tests.support import app_on, on_top, screen_text, wait_until
from tui.cli import main
from tui.sandbox.record_runs import DIVERGES_AT
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.run_detail import RunDetailScreen
from tui.screens.run_diff import NameRunDialog, RunDiffScreen


def _cells(screen: RunDiffScreen) -> list[list[str]]:
    table = screen.query_one("#diff-nodes", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def _selected(screen: RunDiffScreen) -> str:
    table = screen.query_one("#diff-nodes", DataTable)
    return str(table.get_row_at(table.cursor_row)[1])


async def test_equals_compares_the_failed_run_and_selects_where_it_parted(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        failed, successes = await open_failed_run(pilot)
        await pilot.press("equals_sign")
        screen = await on_top(pilot, RunDiffScreen, f"first difference at {DIVERGES_AT}")
        assert screen.run_uuid == failed
        text = screen_text(app)
        assert "the same record's last success" in text
        assert _selected(screen) == DIVERGES_AT
        assert f"{DIVERGES_AT} · output · baseline -> run" in text
        assert '+ .error: "timeout"' in text
        assert screen.diff is not None and screen.diff.baseline.uuid == successes[0]

        shown = [(row[1], row[2], row[3], row[6]) for row in _cells(screen)]

        await pilot.press("c")
        await wait_until(
            pilot,
            lambda: f"{DIVERGES_AT} · computed config" in screen_text(app),
            "the computed config's diff",
        )
        assert "no difference in computed config" in screen_text(app)

        await pilot.press("escape")
        await on_top(pilot, RunDetailScreen, f"{DIVERGES_AT} · output")

    # What the screen showed is what ``cargo-tui run diff`` prints (once the app is closed:
    # it holds standard output while it runs).
    argv = ["run", "diff", failed, "--token", sandbox.token, "--base-url", sandbox.base_url]
    assert await asyncio.to_thread(main, argv) == 0
    printed = json.loads(capsys.readouterr().out)
    assert f"first difference at {printed['firstDifference']}" in text
    assert printed["baseline"]["uuid"] == successes[0]
    said = [
        (
            node["node"],
            node["run"]["status"] or "–",
            node["baseline"]["status"] or "–",
            node["difference"] or "",
        )
        for node in printed["nodes"]
    ]
    assert shown == said
    first = next(n for n in printed["nodes"] if n["node"] == printed["firstDifference"])
    positions = [text.index(change["path"] + ":") for change in first["output"]]
    assert positions == sorted(positions), "the changes in the order the JSON has them"
    assert first["config"] == []


async def test_another_run_is_named_by_its_first_characters(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        _, successes = await open_failed_run(pilot)
        await pilot.press("equals_sign")
        screen = await on_top(pilot, RunDiffScreen, f"first difference at {DIVERGES_AT}")
        await pilot.press("equals_sign")
        dialog = await on_top(pilot, NameRunDialog, "Compare with run")
        await pilot.press(*"ab")
        await wait_until(pilot, lambda: "at least 4" in screen_text(app), "too short, said")
        dialog.query_one(Input).value = ""
        await pilot.press(*successes[-1][:8], "enter")
        await on_top(pilot, RunDiffScreen, "the run you named")
        assert screen.diff is not None and screen.diff.baseline.uuid == successes[-1]
        assert _selected(screen) == DIVERGES_AT


async def test_the_palette_compares_from_run_detail(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_failed_run(pilot)
        await _palette(pilot, "compare with", "run: compare with a successful run")
        screen = await on_top(pilot, RunDiffScreen, f"first difference at {DIVERGES_AT}")
        assert _selected(screen) == DIVERGES_AT
