"""The Metrics tab's release comparison: each node's error rate on two releases and the
change, the worst increase first, so "it broke when v6 went out" shows without SQL.

Shown in place of the per-node table when the scope is "Compare releases" (or ``v``); by
default the latest release deployed against the one before it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Select, Static

from tui.api.models import node_order
from tui.api.models.orchestration import Release
from tui.api.models.runs import RunMetric
from tui.screens.base import ShowsResults, renders
from tui.screens.workflow.context import WorkflowReleases, releases_of
from tui.session import session_of
from tui.state.release_timeline import (
    NodeChange,
    compare_error_rates,
    deployed_between,
    deployed_pair,
)
from widgets.humanize import count
from widgets.list_table import ListTable

if TYPE_CHECKING:
    from tui.screens.workflow.screen import WorkflowScreen

#: A change of less than this (a share: half a point) reads as no change.
SAME = 0.005


@dataclass(frozen=True)
class Compared:
    """Each node's executions on the ``older`` and the ``newer`` release (and the workflow's
    releases, the first time)."""

    newer: Release
    older: Release
    changes: list[NodeChange]
    releases: WorkflowReleases | None = None


@dataclass(frozen=True)
class NothingToCompare:
    """Fewer than two releases were deployed (``releases``: what there is)."""

    releases: WorkflowReleases


def rate_cell(metric: RunMetric | None) -> Text:
    """``15.7%  74/470``: the error rate, and errors of the executions that ended."""
    if metric is None:
        return Text("– no runs", "dim")
    rate, errors = metric.error_rate, metric.error_executions_count
    done = metric.success_executions_count + errors
    style = "bold red" if rate >= 0.1 else ("yellow" if rate > 0 else "")
    return Text.assemble((f"{rate:6.1%}", style), f"  {count(errors)}/{count(done)}")


def change_cell(change: NodeChange, newer: str, older: str) -> Text:
    """``▲ +15.7 pts`` (red: worse), ``▼ -2.0 pts`` (green), ``=`` within half a point."""
    if change.newer is None:
        return Text(f"not run on {newer}", "dim")
    if change.older is None:
        return Text(f"new on {newer}", "yellow" if change.newer.error_rate else "dim")
    moved = change.change or 0.0
    if abs(moved) < SAME:
        return Text("=", "dim")
    if moved > 0:
        return Text(f"▲ +{moved * 100:.1f} pts", "bold red")
    return Text(f"▼ {moved * 100:.1f} pts", "green")


def deploys_within(
    releases: Sequence[Release], after: datetime | None, before: datetime | None
) -> Text:
    """`` · v6 deployed 2026-11-23 in this range``: the metrics of a time range that mix two
    releases say where one went out (empty when none did)."""
    found = deployed_between(releases, after, before)
    if not found:
        return Text("")
    said = ", ".join(f"{r.label} deployed {r.deployed_at:%Y-%m-%d}" for r in found)
    return Text.assemble(" · ", (f"{said} in this range", "yellow"))


class ReleaseComparison(ShowsResults, Vertical):
    """Two release pickers over the table of nodes, and a line saying what stands out."""

    def __init__(self) -> None:
        super().__init__(id="metrics-compare")
        self.releases: list[Release] | None = None
        self.compared: Compared | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-controls"):
            # no type-to-search: a letter is the screen's key (b m f u o...) even in an open menu
            # in time order, as the table reads: the older release, then the newer
            yield Select(
                [], prompt="older release", id="compare-older", compact=True, type_to_search=False
            )
            yield Static("→", id="compare-vs")
            yield Select(
                [], prompt="newer release", id="compare-newer", compact=True, type_to_search=False
            )
        table: DataTable[str | Text] = ListTable(
            id="compare-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="compare-note")

    @property
    def workflow(self) -> WorkflowScreen:
        return cast("WorkflowScreen", self.screen)

    @property
    def table(self) -> DataTable[str | Text]:
        return cast("DataTable[str | Text]", self.query_one("#compare-table", DataTable))

    def picked(self) -> tuple[str | None, str | None]:
        """The uuids of the newer and the older release picked (None: none yet)."""
        values = (self.query_one(f"#compare-{side}", Select).value for side in ("newer", "older"))
        newer, older = (value if isinstance(value, str) else None for value in values)
        return newer, older

    @property
    def newer_uuid(self) -> str | None:
        """The newer release of the comparison shown (its failed runs are what enter opens)."""
        return self.compared.newer.uuid if self.compared else None

    # -- loading ---------------------------------------------------------------------------

    def load(self, *, fresh: bool = True) -> None:
        """The comparison of the releases picked; ``fresh``: the releases read again too (a
        refresh, the tab shown again: one may have been deployed since)."""
        newer, older = self.picked()
        if self.releases is not None and newer is not None and newer == older:
            self._say(Text("Pick two different releases to compare.", "yellow"))
            return
        self.table.loading = True
        self.compare(newer, older, fresh)

    @on(Select.Changed, "#compare-newer, #compare-older")
    def _picked(self) -> None:
        if self.releases is not None:
            self.load(fresh=False)

    @work(exclusive=True, group="compare", exit_on_error=False)
    async def compare(
        self, newer: str | None, older: str | None, fresh: bool
    ) -> Compared | NothingToCompare:
        """Both releases' metrics at once (all time), after the releases if asked for."""
        client = await session_of(self.app).connect()
        workflow_uuid = self.workflow.context_uuid
        listed = None
        if fresh or self.releases is None:
            listed = await releases_of(client, workflow_uuid)
        releases = listed.releases if listed else (self.releases or [])
        by_uuid = {release.uuid: release for release in releases}
        default_newer, default_older = deployed_pair(releases)
        new = by_uuid.get(newer or "") or default_newer
        old = by_uuid.get(older or "") or default_older
        if new is None or old is None:
            return NothingToCompare(WorkflowReleases(releases))
        after, before = await asyncio.gather(
            *(
                client.orchestration.run.get_metrics(
                    workflow_uuid=workflow_uuid, release_uuid=release.uuid
                )
                for release in (new, old)
            )
        )
        order = [node.uuid for node in node_order(new.nodes or old.nodes)]
        return Compared(new, old, compare_error_rates(before, after, order), listed)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.table.loading = False
        self._say(Text(f"The comparison could not load: {error} · r retries", "red"))
        super().show_failure(group, error)

    # -- showing ---------------------------------------------------------------------------

    def _offer(self, listed: WorkflowReleases, newer: str | None, older: str | None) -> None:
        from tui.screens.run_filter import release_label

        self.releases = listed.releases
        options = [(release_label(r), r.uuid) for r in listed.releases if r.deployed_at]
        for side, uuid in (("newer", newer), ("older", older)):
            select = self.query_one(f"#compare-{side}", Select)
            with self.prevent(Select.Changed):
                select.set_options(options)
                if uuid is not None:
                    select.value = uuid

    @renders(NothingToCompare)
    def _nothing(self, found: NothingToCompare) -> None:
        self._offer(found.releases, None, None)
        self.table.loading = False
        self.table.clear(columns=True)
        self.compared = None
        deployed = sum(1 for r in found.releases.releases if r.deployed_at)
        said = "no release" if not deployed else "one release"
        self._say(f"This workflow has {said} deployed: there is nothing to compare yet.")

    @renders(Compared)
    def _compared(self, compared: Compared) -> None:
        if compared.releases is not None:
            self._offer(compared.releases, compared.newer.uuid, compared.older.uuid)
        self.compared = compared
        newer, older = compared.newer.label, compared.older.label
        table = self.table
        table.loading = False
        table.clear(columns=True)
        table.add_column("node", key="node")
        table.add_column(f"{older} error rate", key="older")
        table.add_column(f"{newer} error rate", key="newer")
        table.add_column("change", key="change")
        for change in compared.changes:
            table.add_row(
                self.node_name(change.node_uuid),
                rate_cell(change.older),
                rate_cell(change.newer),
                change_cell(change, newer, older),
                key=change.node_uuid,
            )
        table.move_cursor(row=0)
        self._say(self._headline(compared))

    def node_name(self, node_uuid: str) -> str:
        """A node's slug, from either release (a node one of them dropped is still named)."""
        compared = self.compared
        for release in (compared.newer, compared.older) if compared else ():
            for node in release.nodes:
                if node.uuid == node_uuid:
                    return node.slug
        context = self.workflow.context
        return context.node_name(node_uuid) if context else node_uuid

    def _headline(self, compared: Compared) -> Text:
        newer, older = compared.newer.label, compared.older.label
        keys = ("   enter: its failed runs on " + newer + " · v: back", "dim")
        worst = compared.changes[0] if compared.changes else None
        moved = worst.change if worst is not None else None
        if worst is None or worst.older is None or worst.newer is None or moved is None:
            return Text.assemble(f"{older} vs {newer}: no node ran on both.", keys)
        if moved < SAME:
            return Text.assemble(f"No node fails more often on {newer} than on {older}.", keys)
        return Text.assemble(
            (self.node_name(worst.node_uuid), "bold"),
            f" fails more since {newer}: {worst.older.error_rate:.1%} on {older}, "
            f"{worst.newer.error_rate:.1%} on {newer} ",
            (f"(+{moved * 100:.1f} pts)", "bold red"),
            keys,
        )

    def _say(self, text: str | Text) -> None:
        self.query_one("#compare-note", Static).update(text)

    # -- export ----------------------------------------------------------------------------

    def rows(self) -> tuple[list[str], list[dict[str, Any]]]:
        """The comparison in the table's order, as numbers."""
        columns = ["node", "older_release", "older_error_rate", "older_errors",
                   "newer_release", "newer_error_rate", "newer_errors", "change"]  # fmt: skip
        compared = self.compared
        if compared is None:
            return columns, []
        rows = []
        for change in compared.changes:
            old, new = change.older, change.newer
            rows.append(
                {
                    "node": self.node_name(change.node_uuid),
                    "older_release": compared.older.label,
                    "older_error_rate": round(old.error_rate, 4) if old else None,
                    "older_errors": old.error_executions_count if old else None,
                    "newer_release": compared.newer.label,
                    "newer_error_rate": round(new.error_rate, 4) if new else None,
                    "newer_errors": new.error_executions_count if new else None,
                    "change": round(change.change, 4) if change.change is not None else None,
                }
            )
        return columns, rows
