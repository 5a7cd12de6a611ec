"""Help says what enter does where it is, not Textual's "Select": on a tool node in run
detail, it opens the run the node started in the tool's workflow; on a play in Discovery,
the play's workflow."""

from __future__ import annotations

from tests.app.nested import callers, open_run
from tests.support import app_on, on_top, screen_text, wait_until
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.discovery import DiscoveryScreen
from tui.screens.help import HelpScreen


def _enter_line(text: str) -> str:
    lines = [line.strip(" █▊▎▐▌") for line in text.splitlines() if " ⏎  " in line]
    assert lines, f"help lists enter:\n{text}"
    return lines[0]


async def test_help_says_enter_on_a_tool_node_opens_its_run(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        found = (await callers(pilot, "error"))[0]
        parent = await open_run(pilot, found["parent"])
        assert parent.selected is not None and parent.selected.node_slug == "find_email"
        await pilot.press("question_mark")
        await on_top(pilot, HelpScreen, "Keys · Run detail")
        line = _enter_line(screen_text(app))
        assert "Select" not in line
        assert "Open the tool run find_email started" in line, line


async def test_help_says_enter_on_a_play_opens_its_workflow(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        discovery = await on_top(pilot, DiscoveryScreen, "Enrich new companies")
        await wait_until(pilot, lambda: discovery.resources.selected is not None, "a play")
        name = discovery.resources.selected.name  # type: ignore[union-attr]
        await pilot.press("question_mark")
        await on_top(pilot, HelpScreen, "Keys · Discovery")
        line = _enter_line(screen_text(app))
        assert "Select" not in line
        assert f"Open the workflow of {name}" in line, line
