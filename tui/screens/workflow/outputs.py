"""The Outputs tab: one node's outputs across a batch (or the workflow), as a table."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Select, Static

from tui.api.errors import RequestError
from tui.screens.base import ShowsResults, renders
from tui.screens.workflow.exports import (
    Copy,
    node_slugs,
    output_slug,
    owner_name,
    rows_source,
    tsv_copy,
)
from tui.session import session_of
from widgets.arrow_table import arrow_table, records_to_arrow
from widgets.arrow_table import warm_up as warm_tables
from widgets.humanize import count, short_uuid

if TYPE_CHECKING:
    from tui.export import ExportSource
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


@dataclass(frozen=True)
class NodeOutputs:
    """The outputs of ``node`` over the scope asked for, as rows (none: it produced none)."""

    node: str
    records: list[dict[str, Any]]


@dataclass(frozen=True)
class NoRunReached:
    """No run of the scope asked for reached ``node`` (Cargo's ``noRunsFound``)."""

    node: str


class OutputsPane(ShowsResults, Vertical):
    def __init__(self) -> None:
        super().__init__(id="outputs-pane")
        self.records: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="outputs-controls"):
            # no type-to-search: a letter is the screen's key (b m f u o...) even in an open menu
            yield Select[str]([], prompt="output node", id="outputs-node", type_to_search=False)
            yield Select(
                [("Selected batch", "batch"), ("Whole workflow", "workflow")],
                value="batch",
                allow_blank=False,
                id="outputs-scope",
                type_to_search=False,
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

    def warm_up(self) -> None:
        """Off the event loop, while a node is picked: what the first table of outputs needs."""
        self.run_worker(warm_tables, thread=True, group="outputs-warm-up", exit_on_error=False)

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

    @property
    def picked_node(self) -> str | None:
        """The node picked here, else the workflow's output node."""
        value = self.query_one("#outputs-node", Select).value
        return value if isinstance(value, str) else output_slug(self.workflow)

    @work(exclusive=True, group="outputs", exit_on_error=False)
    async def fetch(self, node: str, batch_uuid: str | None) -> NodeOutputs | NoRunReached:
        client = await session_of(self.app).connect()
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
                return NoRunReached(node)
            raise
        with tempfile.TemporaryDirectory(prefix="cargo-tui-") as folder:
            done = await client.download_to(url, Path(folder) / "outputs.json")
            records = output_records(json.loads(done.path.read_bytes()))
        return NodeOutputs(node, records)

    @renders(NoRunReached)
    def _none_reached(self, found: NoRunReached) -> None:
        self.query_one("#outputs-note", Static).update(
            f"No run of this scope reached {found.node}."
        )

    @renders(NodeOutputs)
    def _show(self, found: NodeOutputs) -> None:
        node, records = found.node, found.records
        self.records = records
        body = self.query_one("#outputs-body", Vertical)
        body.remove_children()
        note = self.query_one("#outputs-note", Static)
        if not records:
            note.update(f"{node} produced no output in this scope.")
            return
        capped = " (the first 10,000 runs)" if len(records) >= MAX_RUNS else ""
        note.update(f"{count(len(records))} outputs of {node}{capped}   e: export")
        table = arrow_table(records_to_arrow(records), id="outputs-table")
        body.mount(table)
        focused = self.screen.focused
        if focused is None or focused.id == "outputs-show":
            table.focus()  # the keys to the outputs, the tab's list now

    # -- export ----------------------------------------------------------------------------

    def export_source(self) -> ExportSource | None:
        """``e``: the node's outputs over the scope picked, from Cargo."""
        from tui.export import NodeOutputsSource, slug

        screen = self.workflow
        whole = self.query_one("#outputs-scope", Select).value == "workflow"
        batch = None if whole else screen.selected_batch
        if not whole and batch is None:
            self.notify("Select a batch in the Batches tab, or pick Whole workflow.")
            return None
        scope = "the whole workflow" if batch is None else f"batch {short_uuid(batch.uuid)}"
        owner = owner_name(screen)
        return NodeOutputsSource(
            label=f"node outputs of {owner}, {scope}",
            stem=slug("outputs", owner),
            nodes=node_slugs(screen),
            node=self.picked_node,
            output_node=output_slug(screen),
            filters={
                "workflow_uuid": screen.context_uuid,
                "batch_uuid": batch.uuid if batch else None,
            },
        )

    def copy_source(self) -> Copy | None:
        """``Y``: the outputs loaded here, as TSV."""
        columns = list(dict.fromkeys(key for row in self.records for key in row))
        what = f"loaded node outputs of {owner_name(self.workflow)}"
        return tsv_copy(rows_source(self.workflow, "outputs", what, columns, self.records))
