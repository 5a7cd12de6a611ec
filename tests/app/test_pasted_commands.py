"""A pasted ``cargo-ai ...`` line in the palette opens its view with its filters applied; the
same lines run headless. One line that cannot be mapped says which part it did not get."""

from __future__ import annotations

import json
import shlex
from typing import Any

import pytest
from textual.command import CommandInput, CommandPalette
from textual.widgets import Select

from tests.cli.test_cargo_ai import known
from tests.export_screen.support import wait_for
from tests.support import app_on, screen_text, settle
from tui.app import CargoApp
from tui.cli import main
from tui.export import BatchOutputSource, NodeOutputsSource, RunsSource, SegmentSource
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.export import ExportDialog
from tui.screens.runs import RunsScreen
from tui.screens.runs_view import RunsView
from tui.screens.sql.screen import SqlScreen
from tui.screens.workflow.metrics import MetricsPane
from tui.screens.workflow.screen import WorkflowScreen

__all__ = ["known"]

EVERY = json.dumps({"conjonction": "and", "groups": []})
#: The seed's example lines, with the uuids of the sandbox.
LINES = {
    "count": "cargo-ai orchestration run count --workflow-uuid {workflow} --statuses error "
    "--is-finished --created-after 7d",
    "download": "cargo-ai orchestration run download --workflow-uuid {workflow} "
    "--batch-uuid {batch} --statuses error",
    "metrics": "cargo-ai orchestration run get-metrics --workflow-uuid {workflow} "
    "--release-uuid {release}",
    "outputs": "cargo-ai orchestration run download-outputs --workflow-uuid {workflow} "
    "--output-node-slug qualify --batch-uuid {batch}",
    "batch": "cargo-ai orchestration batch get {batch}",
    "batch-download": "cargo-ai orchestration batch download --uuid {batch} "
    "--output-node-slug qualify",
    "release": "cargo-ai orchestration release get {release}",
    "query": 'cargo-ai orchestration query execute "SELECT status, count() FROM runs '
    'GROUP BY status"',
    "segment": "cargo-ai segmentation segment download --model-uuid {model} --filter '"
    + EVERY
    + "'",
    "list": "cargo-ai orchestration play list",
}


def line(name: str, known: dict[str, Any]) -> str:
    text = LINES[name]
    for key in ("workflow", "batch", "release", "model"):
        text = text.replace("{" + key + "}", known[key])
    return text


async def paste(pilot: Any, text: str) -> str:
    """Paste ``text`` into the palette and choose its hit; the hit's text."""
    app = pilot.app
    await settle(pilot)
    app.action_command_palette()
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    app.screen.query_one(CommandInput).value = text
    await wait_for(pilot, "cargo-ai:")
    shown = screen_text(app)
    await pilot.press("enter")
    await settle(pilot)
    return shown


def said(app: CargoApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def _screen(app: CargoApp, kind: type) -> Any:
    found = next((s for s in reversed(app.screen_stack) if isinstance(s, kind)), None)
    assert found is not None, f"no {kind.__name__} in {app.screen_stack}"
    return found


@pytest.mark.parametrize("name", list(LINES))
async def test_each_line_lands_on_its_view(
    sandbox: ThreadedSandbox, known: dict[str, Any], name: str
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(pilot, line(name, known))
        await settle(pilot)
        if name == "count":
            workflow = _screen(app, WorkflowScreen)
            view = workflow.query_one(RunsView)
            assert workflow.active_tab == "runs" and view.tab == "failed"
            assert view.runs_query.scope.is_finished is True
            assert view.runs_query.scope.created_after is not None
        elif name == "download":
            assert isinstance(app.screen, ExportDialog)
            source = app.screen.source
            assert isinstance(source, RunsSource)
            assert source.filters["batch_uuid"] == known["batch"]
            assert source.filters["statuses"] == ["error"]
        elif name == "metrics":
            workflow = _screen(app, WorkflowScreen)
            pane = workflow.query_one(MetricsPane)
            assert workflow.active_tab == "metrics"
            assert pane.query_one("#metrics-release", Select).value == known["release"]
            assert pane.scope().release_uuid == known["release"]
        elif name in ("outputs", "batch-download"):
            assert isinstance(app.screen, ExportDialog), app.screen
            source = app.screen.source
            kind = NodeOutputsSource if name == "outputs" else BatchOutputSource
            assert isinstance(source, kind) and source.node == "qualify"
            assert source.output_node in source.nodes
        elif name == "batch":
            runs = _screen(app, RunsScreen)
            assert runs.runs_query.batch_uuid == known["batch"]
        elif name == "release":
            assert _screen(app, WorkflowScreen).context_uuid == known["workflow"]
            assert "start → clearbit_enrich" in screen_text(app)
        elif name == "query":
            sql = _screen(app, SqlScreen)
            assert sql.editor is not None and "GROUP BY status" in sql.editor.text
        elif name == "segment":
            assert isinstance(app.screen, ExportDialog)
            source = app.screen.source
            assert isinstance(source, SegmentSource) and source.model_uuid == known["model"]
        else:
            assert len(app.screen_stack) == 2, "Discovery, where every play is listed"


@pytest.mark.parametrize("name", list(LINES))
def test_the_same_lines_run_headless(
    sandbox: ThreadedSandbox, known: dict[str, Any], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    words = shlex.split(line(name, known))[1:]
    assert main([*words, "--base-url", sandbox.base_url, "--token", sandbox.token]) == 0
    assert json.loads(capsys.readouterr().out)


async def test_a_line_it_cannot_map_says_which_part(
    sandbox: ThreadedSandbox, known: dict[str, Any]
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        bad = line("count", known).replace("--statuses error", "--statuses finished")
        hit = await paste(pilot, bad)
        assert "cargo-ai: not understood:" in hit and "'finished' is not a run" in hit
        assert "use --is-finished" in said(app)
        assert len(app.screen_stack) == 2, "nothing opened"
        await paste(pilot, "cargo-ai orchestration run counts --workflow-uuid x")
        assert "invalid choice: 'counts'" in said(app)
