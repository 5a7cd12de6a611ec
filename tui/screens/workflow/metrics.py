"""The Metrics tab: per node, in release order, how executions ended, with error-rate bars."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static

from tui import clock
from tui.api.models.orchestration import Release
from tui.api.models.runs import RunMetric
from tui.screens.base import ShowsResults, renders
from tui.screens.workflow.context import WorkflowReleases, releases_of
from tui.screens.workflow.exports import Copy, owner_name, rows_source, tsv_copy
from tui.screens.workflow.release_compare import ReleaseComparison, deploys_within
from tui.session import session_of
from tui.state.rerun_cost import billed
from widgets.humanize import count, plural
from widgets.list_table import ListTable
from widgets.status import bar

if TYPE_CHECKING:
    from tui.export import RowsSource
    from tui.screens.workflow.screen import WorkflowScreen

#: The scopes by time (the Failures tab offers these; Metrics also all time and a range).
RECENT_SCOPES = [
    ("Selected batch", "batch"),
    ("Last 24 h", "24h"),
    ("Last 7 d", "7d"),
    ("Last 30 d", "30d"),
]
SCOPES = [
    *RECENT_SCOPES,
    ("All time", "all"),
    ("Custom range…", "custom"),
    # Each node's error rate on two releases (release_compare.py).
    ("Compare releases", "compare"),
]
SPANS = {"24h": timedelta(days=1), "7d": timedelta(days=7), "30d": timedelta(days=30)}


@dataclass(frozen=True)
class Scope:
    key: str
    batch_uuid: str | None = None
    after: datetime | None = None
    before: datetime | None = None
    release_uuid: str | None = None
    #: How the release reads (``release v6``), for the header and the export.
    release_label: str | None = None

    def describe(self) -> str:
        release = f"{self.release_label or 'a release'} · " if self.release_uuid else ""
        if self.key == "batch":
            return release + ("the selected batch" if self.batch_uuid else "no batch selected")
        if self.key == "custom":
            start = self.after.isoformat(timespec="minutes") if self.after else "the start"
            end = self.before.isoformat(timespec="minutes") if self.before else "now"
            return f"{release}from {start} to {end}"
        return release + dict((v, k) for k, v in SCOPES)[self.key].lower()


def parse_moment(text: str) -> datetime | None:
    """An ISO date or date-time typed by a person (UTC when no zone is given); None if empty."""
    text = text.strip()
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_range(after: str, before: str) -> tuple[datetime | None, datetime | None]:
    """The custom range typed in the two fields; ValueError names the field that is wrong."""
    moments: list[datetime | None] = []
    for label, typed in (("start", after), ("end", before)):
        try:
            moments.append(parse_moment(typed))
        except ValueError:
            raise ValueError(
                f"The {label} date {typed.strip()!r} is not a date: type it as 2026-11-01 or "
                "2026-11-01T08:00."
            ) from None
    start, end = moments
    if start is not None and end is not None and start >= end:
        raise ValueError(
            f"The start ({start:%Y-%m-%d %H:%M}) is not before the end ({end:%Y-%m-%d %H:%M}): "
            "swap them."
        )
    return start, end


@dataclass(frozen=True)
class MetricsFound:
    """Each node's run counts over ``scope`` (and the workflow's releases, the first time)."""

    scope: Scope
    metrics: list[RunMetric]
    releases: WorkflowReleases | None = None


class MetricsPane(ShowsResults, Vertical):
    BINDINGS = [
        Binding("v", "compare_releases", "Compare releases", id="metrics-compare-releases"),
    ]

    class NodeOpened(Message):
        """Enter on a node: the runs that failed at it (on ``release_uuid``, if given)."""

        def __init__(self, node_uuid: str, release_uuid: str | None = None) -> None:
            super().__init__()
            self.node_uuid = node_uuid
            self.release_uuid = release_uuid

    def __init__(self) -> None:
        super().__init__(id="metrics-pane")
        self.metrics: list[RunMetric] = []
        #: The workflow's releases (uuid -> ``v6``), once asked for.
        self.releases: dict[str, str] | None = None
        #: The release to pick once the releases are known (a pasted line's).
        self._wanted_release: str | None = None
        #: The workflow's releases, newest first, once asked for (where a range holds a deploy).
        self.release_list: list[Release] = []
        #: The scope to go back to from the release comparison (``v`` again).
        self._before_compare = "batch"

    def compose(self) -> ComposeResult:
        with Horizontal(id="metrics-controls"):
            # no type-to-search: a letter is the screen's key (b m f u o...) even in an open menu
            yield Select(
                [], prompt="all releases", id="metrics-release", compact=True, type_to_search=False
            )
            yield Select(
                SCOPES,
                value="batch",
                allow_blank=False,
                id="metrics-scope",
                compact=True,
                type_to_search=False,
            )
            with Horizontal(id="metrics-range"):
                yield Input(placeholder="from 2026-11-01", id="metrics-after", compact=True)
                yield Input(placeholder="to (empty: now)", id="metrics-before", compact=True)
        yield ReleaseComparison()
        table: DataTable[str | Text] = ListTable(
            id="metrics-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="metrics-note")

    @property
    def workflow(self) -> WorkflowScreen:
        return cast("WorkflowScreen", self.screen)

    def on_mount(self) -> None:
        self.query_one("#metrics-range").display = False
        table = self.query_one("#metrics-table", DataTable)
        table.add_column("node", key="node")
        for label in ("total", "success", "error"):
            table.add_column(label, key=label)
        table.add_column("error rate", key="rate")
        table.add_column("skipped", key="skipped")
        # Provider credits: each execution's own; the 0.01 per execution is in the note.
        table.add_column("prov cr", key="credits")

    def scope(self) -> Scope:
        """The scope the controls describe; ValueError names a date that does not parse."""
        key = str(self.query_one("#metrics-scope", Select).value)
        batch = self.workflow.selected_batch
        picked = self.query_one("#metrics-release", Select).value
        release = picked if isinstance(picked, str) else None
        label = f"release {(self.releases or {}).get(release or '', '')}".strip()
        shown = label if release else None
        if key != "custom":
            batch_uuid = batch.uuid if key == "batch" and batch else None
            return Scope(key, batch_uuid, release_uuid=release, release_label=shown)
        after, before = (
            self.query_one(f"#metrics-{end}", Input).value for end in ("after", "before")
        )
        start, end = parse_range(after, before)
        return Scope(key, after=start, before=end, release_uuid=release, release_label=shown)

    def scope_to_release(self, release_uuid: str | None, key: str = "all") -> None:
        """Show the metrics of one release (a pasted ``get-metrics --release-uuid``)."""
        self._wanted_release = release_uuid
        self.query_one("#metrics-scope", Select).value = key
        if self.releases is not None and release_uuid in self.releases:
            self.query_one("#metrics-release", Select).value = release_uuid

    @on(Select.Changed, "#metrics-release")
    def _release_changed(self) -> None:
        if self.releases is not None:
            self.load()

    @property
    def comparing(self) -> bool:
        return self.has_class("-comparing")

    def action_compare_releases(self) -> None:
        """``v``: the release comparison, or back to the scope it was opened from."""
        scope = self.query_one("#metrics-scope", Select)
        if scope.value != "compare":
            self._before_compare = str(scope.value)
        scope.value = "compare" if scope.value != "compare" else self._before_compare

    @on(Select.Changed, "#metrics-scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        comparing = event.value == "compare"
        shown, hidden = ("#compare-table", "#metrics-table")[:: 1 if comparing else -1]
        self.set_class(comparing, "-comparing")
        if self.query_one(hidden).has_focus:  # the keys go to the table shown (before it
            self.screen.set_focus(self.query_one(shown))  # loads: a loading one takes none)
        custom = event.value == "custom"
        self.query_one("#metrics-range").display = custom
        if custom:
            self.query_one("#metrics-after", Input).focus()
        elif self.workflow.shows(self):
            self.load()

    @on(Input.Submitted, "#metrics-after, #metrics-before")
    def _range_typed(self) -> None:
        self.load()

    def load(self) -> None:
        if self.comparing:
            self.query_one(ReleaseComparison).load()
            return
        try:
            scope = self.scope()
        except ValueError as exc:
            self.query_one("#metrics-note", Static).update(Text(str(exc), "red"))
            return
        if scope.key == "batch" and scope.batch_uuid is None:
            self.query_one("#metrics-note", Static).update("Select a batch in the Batches tab.")
            return
        self.query_one("#metrics-table", DataTable).loading = True
        if self.releases is None and self._wanted_release is not None:
            self.list_releases()  # the scope's release is known once they are
        else:
            self.fetch(scope)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.query_one("#metrics-table", DataTable).loading = False
        self.query_one("#metrics-note", Static).update(
            Text(f"The metrics could not load: {error} · r retries", "red")
        )
        super().show_failure(group, error)

    @work(exclusive=True, group="metrics", exit_on_error=False)
    async def list_releases(self) -> WorkflowReleases:
        client = await session_of(self.app).connect()
        return await releases_of(client, self.workflow.context_uuid)

    @renders(WorkflowReleases)
    def _releases_listed(self, listed: WorkflowReleases) -> None:
        """The release picker filled (the wanted release picked), then the metrics loaded."""
        self._offer_releases(listed)
        self.load()

    def _offer_releases(self, listed: WorkflowReleases) -> None:
        """The release picker filled, the wanted release picked (no reload for that)."""
        from tui.screens.run_filter import release_label

        self.releases = {r.uuid: r.label for r in listed.releases}
        self.release_list = listed.releases
        select = self.query_one("#metrics-release", Select)
        with self.prevent(Select.Changed):
            select.set_options([(release_label(r), r.uuid) for r in listed.releases])
            if self._wanted_release in self.releases:
                select.value = self._wanted_release

    @work(exclusive=True, group="metrics", exit_on_error=False)
    async def fetch(self, scope: Scope) -> MetricsFound:
        """The metrics, and the releases alongside if they are not known yet (one wait)."""
        client = await session_of(self.app).connect()
        span = SPANS.get(scope.key)
        metrics = client.orchestration.run.get_metrics(
            workflow_uuid=self.workflow.context_uuid,
            release_uuid=scope.release_uuid,
            batch_uuid=scope.batch_uuid,
            created_after=(clock.now() - span) if span else scope.after,
            created_before=scope.before,
        )
        if self.releases is not None:
            return MetricsFound(scope, await metrics)
        listed, found = await asyncio.gather(
            releases_of(client, self.workflow.context_uuid), metrics
        )
        return MetricsFound(scope, found, listed)

    @renders(MetricsFound)
    def _found(self, found: MetricsFound) -> None:
        if found.releases is not None:
            self._offer_releases(found.releases)
        self._show(found.scope, found.metrics)

    def _show(self, scope: Scope, metrics: list[RunMetric]) -> None:
        self.metrics = metrics
        table = self.query_one("#metrics-table", DataTable)
        table.loading = False
        table.clear()
        context = self.workflow.context
        by_node = {m.node_uuid: m for m in metrics}
        order = [n.uuid for n in context.nodes] if context else []
        ordered = [by_node[u] for u in order if u in by_node]
        ordered += [m for m in metrics if m.node_uuid not in order]
        for metric in ordered:
            name = context.node_name(metric.node_uuid) if context else metric.node_uuid
            rate = metric.error_rate
            style = "bold red" if rate >= 0.1 else ("yellow" if rate > 0 else "green")
            table.add_row(
                name,
                count(metric.total_executions_count),
                count(metric.success_executions_count),
                Text(
                    count(metric.error_executions_count),
                    "red" if metric.error_executions_count else "",
                ),
                Text.assemble(bar(rate, 10, style), f" {rate:6.1%}"),
                count(metric.skipped_executions_count),
                count(metric.credits_used_count),
                key=metric.node_uuid,
            )
        total = sum(m.credits_used_count for m in metrics)
        executions = sum(m.total_executions_count for m in metrics)
        span, deploys = SPANS.get(scope.key), Text("")
        if scope.key not in ("batch", "all") and scope.release_uuid is None:
            after = clock.now() - span if span else scope.after
            deploys = deploys_within(self.release_list, after, scope.before)
        self.query_one("#metrics-note", Static).update(
            Text.assemble(
                (scope.describe(), "bold"),
                f" · {plural(len(ordered), 'node')} · {billed(total, executions)}",
                # The keys on a line of their own, whole however long the figures run.
                "\n",
                deploys[3:] if deploys.plain.startswith(" · ") else deploys,
                "   " if deploys.plain else "",
                "enter: the runs that failed at a node · v: compare releases",
            )
        )

    @on(DataTable.RowSelected, "#metrics-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        node_uuid = str(event.row_key.value)
        self.post_message(self.NodeOpened(node_uuid))

    @on(DataTable.RowSelected, "#compare-table")
    def _open_compared(self, event: DataTable.RowSelected) -> None:
        newer = self.query_one(ReleaseComparison).newer_uuid
        self.post_message(self.NodeOpened(str(event.row_key.value), newer))

    # -- export ----------------------------------------------------------------------------

    def rows(self) -> tuple[list[str], list[dict[str, Any]]]:
        """The metrics in the table's order, as numbers rather than the bars on screen."""
        table = self.query_one("#metrics-table", DataTable)
        by_node = {m.node_uuid: m for m in self.metrics}
        context = self.workflow.context
        rows = []
        for key in table.rows:
            metric = by_node.get(str(key.value))
            if metric is None:
                continue
            rows.append(
                {
                    "node": context.node_name(metric.node_uuid) if context else metric.node_uuid,
                    "total": metric.total_executions_count,
                    "success": metric.success_executions_count,
                    "error": metric.error_executions_count,
                    "error_rate": round(metric.error_rate, 4),
                    "skipped": metric.skipped_executions_count,
                    # Provider credits only, as the column says: not the 0.01 per execution.
                    "provider_credits": metric.credits_used_count,
                }
            )
        columns = ["node", "total", "success", "error", "error_rate", "skipped", "provider_credits"]
        return columns, rows

    def export_source(self) -> RowsSource | None:
        """``e``: the metrics in view, with their scope (or the release comparison)."""
        comparison = self.query_one(ReleaseComparison)
        if self.comparing and comparison.compared is not None:
            columns, rows = comparison.rows()
            pair = f"{comparison.compared.newer.label} vs {comparison.compared.older.label}"
            what = f"node error rates of {owner_name(self.workflow)}, {pair}"
            return rows_source(self.workflow, "release comparison", what, columns, rows)
        columns, rows = self.rows()
        what = f"node metrics of {owner_name(self.workflow)}, {self.scope().describe()}"
        return rows_source(self.workflow, "metrics", what, columns, rows)

    def copy_source(self) -> Copy | None:
        """``Y``: the metrics in view, as TSV."""
        return tsv_copy(self.export_source())
