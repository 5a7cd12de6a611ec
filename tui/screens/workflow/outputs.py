"""The Outputs tab: one node's outputs across a batch (or the workflow), as a table."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Select, Static

from tui.api.errors import RequestError
from tui.screens.base import ShowsResults
from tui.session import session_of
from widgets.arrow_table import arrow_table, records_to_arrow
from widgets.humanize import count

if TYPE_CHECKING:
    from tui.screens.workflow.screen import WorkflowScreen

#: download-outputs answers at most this many runs per request.
MAX_RUNS = 10_000


def output_records(data: Any) -> list[dict[str, Any]]:
    """The rows of a node-outputs JSON file, whatever its envelope."""
    if isinstance(data, dict):
        for key in ("rows", "records", "outputs", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        return []
    return [row if isinstance(row, dict) else {"value": row} for row in data]


class OutputsPane(ShowsResults, Vertical):
    def __init__(self) -> None:
        super().__init__(id="outputs-pane")
        self.records: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="outputs-controls"):
            yield Select[str]([], prompt="output node", id="outputs-node")
            yield Select(
                [("Selected batch", "batch"), ("Whole workflow", "workflow")],
                value="batch",
                allow_blank=False,
                id="outputs-scope",
            )
            yield Button("Show", id="outputs-show")
        yield Static("Pick a node and press Show.", id="outputs-note")
        yield Vertical(id="outputs-body")

    @property
    def workflow(self) -> WorkflowScreen:
        return cast("WorkflowScreen", self.screen)

    def set_nodes(self, slugs: list[str], default: str | None) -> None:
        select = self.query_one("#outputs-node", Select)
        select.set_options([(f"{s} (output)" if s == default else s, s) for s in slugs])
        if default in slugs:
            select.value = default

    @on(Button.Pressed, "#outputs-show")
    def load(self) -> None:
        node = self.query_one("#outputs-node", Select).value
        scope = self.query_one("#outputs-scope", Select).value
        batch = self.workflow.selected_batch if scope == "batch" else None
        note = self.query_one("#outputs-note", Static)
        if not isinstance(node, str):
            note.update("Pick an output node first.")
            return
        if scope == "batch" and batch is None:
            note.update("Select a batch in the Batches tab, or pick Whole workflow.")
            return
        note.update(f"Fetching the outputs of {node}…")
        self.fetch(node, batch.uuid if batch else None)

    @work(exclusive=True, group="outputs", exit_on_error=False)
    async def fetch(self, node: str, batch_uuid: str | None) -> None:
        client = await session_of(self.app).connect()
        note = self.query_one("#outputs-note", Static)
        try:
            url = await client.orchestration.run.download_outputs(
                workflow_uuid=self.workflow.context_uuid,
                batch_uuid=batch_uuid,
                output_node_slug=node,
                format="json",
                limit=MAX_RUNS,
            )
        except RequestError as exc:
            if exc.reason == "noRunsFound":
                note.update(f"No run of this scope reached {node}.")
                return
            raise
        with tempfile.TemporaryDirectory(prefix="cargo-tui-") as folder:
            done = await client.download_to(url, Path(folder) / "outputs.json")
            records = output_records(json.loads(done.path.read_bytes()))
        self._show(node, records)

    def _show(self, node: str, records: list[dict[str, Any]]) -> None:
        self.records = records
        body = self.query_one("#outputs-body", Vertical)
        body.remove_children()
        note = self.query_one("#outputs-note", Static)
        if not records:
            note.update(f"{node} produced no output in this scope.")
            return
        capped = " (the first 10,000 runs)" if len(records) >= MAX_RUNS else ""
        note.update(f"{count(len(records))} outputs of {node}{capped}   e: export")
        body.mount(arrow_table(records_to_arrow(records), id="outputs-table"))
