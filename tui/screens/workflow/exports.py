"""What ``e`` exports and ``Y`` copies on each tab of the workflow view.

Batches: the selected batch's output (``batch.download``, the node picked in the dialog) and
the batch as JSON. Outputs: the node's outputs over the scope (``run.download_outputs``) and
the loaded outputs as TSV. Metrics and Failures: the rows in view, to a file or as TSV.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable, Select

from tui.screens.workflow.failures import FailuresPane
from tui.screens.workflow.metrics import MetricsPane
from tui.screens.workflow.outputs import OutputsPane
from widgets.humanize import short_uuid

if TYPE_CHECKING:
    from tui.export import ExportSource, RowsSource
    from tui.screens.workflow.screen import WorkflowScreen


def _owner(screen: WorkflowScreen) -> str:
    return screen.context.owner_name if screen.context else f"workflow {screen.context_uuid}"


def _nodes(screen: WorkflowScreen) -> tuple[str, ...]:
    return tuple(n.slug for n in screen.context.nodes) if screen.context else ()


def _output_node(screen: WorkflowScreen) -> str | None:
    output = screen.context.output_node if screen.context else None
    return output.slug if output else None


def _picked_node(screen: WorkflowScreen) -> str | None:
    """The Outputs tab's node, else the workflow's output node."""
    value = screen.query_one("#outputs-node", Select).value
    if isinstance(value, str):
        return value
    output = screen.context.output_node if screen.context else None
    return output.slug if output else None


def batch_output(screen: WorkflowScreen) -> ExportSource | None:
    from tui.export import BatchOutputSource, slug

    batch = screen.selected_batch
    if batch is None:
        screen.notify("Select a batch first.", severity="warning")
        return None
    if not batch.status.is_terminal:
        screen.notify(
            "This batch is still running: Cargo gives its output once it finishes.",
            severity="warning",
        )
        return None
    return BatchOutputSource(
        label=f"output of batch {short_uuid(batch.uuid)} of {_owner(screen)}",
        stem=slug("batch", batch.uuid[:8], _owner(screen)),
        nodes=_nodes(screen),
        node=_picked_node(screen),
        output_node=_output_node(screen),
        batch_uuid=batch.uuid,
        expected_rows=batch.runs_count or None,
    )


def node_outputs(screen: WorkflowScreen) -> ExportSource | None:
    from tui.export import NodeOutputsSource, slug

    pane = screen.query_one(OutputsPane)
    node = pane.query_one("#outputs-node", Select).value
    whole = pane.query_one("#outputs-scope", Select).value == "workflow"
    batch = None if whole else screen.selected_batch
    if not whole and batch is None:
        screen.notify("Select a batch in the Batches tab, or pick Whole workflow.")
        return None
    scope = "the whole workflow" if batch is None else f"batch {short_uuid(batch.uuid)}"
    return NodeOutputsSource(
        label=f"node outputs of {_owner(screen)}, {scope}",
        stem=slug("outputs", _owner(screen)),
        nodes=_nodes(screen),
        node=node if isinstance(node, str) else _picked_node(screen),
        output_node=_output_node(screen),
        filters={
            "workflow_uuid": screen.context_uuid,
            "batch_uuid": batch.uuid if batch else None,
        },
    )


def metrics_rows(screen: WorkflowScreen) -> tuple[list[str], list[dict[str, Any]]]:
    """The metrics in the table's order, as numbers rather than the bars on screen."""
    pane = screen.query_one(MetricsPane)
    table = pane.query_one("#metrics-table", DataTable)
    by_node = {m.node_uuid: m for m in pane.metrics}
    context = screen.context
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
                "credits": metric.credits_used_count,
            }
        )
    columns = ["node", "total", "success", "error", "error_rate", "skipped", "credits"]
    return columns, rows


def failure_rows(screen: WorkflowScreen) -> tuple[list[str], list[dict[str, Any]]]:
    groups = screen.query_one(FailuresPane).groups
    columns = ["node", "failures", "runs", "first_seen", "last_seen", "message", "example"]
    rows = [
        {
            "node": g.node_slug,
            "failures": g.failures,
            "runs": g.runs,
            "first_seen": g.first_seen,
            "last_seen": g.last_seen,
            "message": g.message,
            "example": g.example,
        }
        for g in groups
    ]
    return columns, rows


def _rows_source(screen: WorkflowScreen, tab: str) -> RowsSource | None:
    from tui.export import RowsSource, slug

    if tab == "metrics":
        columns, rows = metrics_rows(screen)
        scope = screen.query_one(MetricsPane).scope().describe()
        what = f"node metrics of {_owner(screen)}, {scope}"
    elif tab == "failures":
        columns, rows = failure_rows(screen)
        what = f"failure groups of {_owner(screen)}"
    else:
        outputs = screen.query_one(OutputsPane).records
        columns = list(dict.fromkeys(key for row in outputs for key in row))
        rows, what = outputs, f"loaded node outputs of {_owner(screen)}"
    if not rows:
        screen.notify("Nothing loaded on this tab yet.", severity="warning")
        return None
    return RowsSource(label=what, stem=slug(tab, _owner(screen)), columns=columns, rows=rows)


def export_source(screen: WorkflowScreen) -> ExportSource | None:
    """What ``e`` exports on the active tab."""
    tab = screen.active_tab
    if tab == "batches":
        return batch_output(screen)
    if tab == "outputs":
        return node_outputs(screen)
    return _rows_source(screen, tab)


def copy_selection(screen: WorkflowScreen) -> None:
    """``Y``: the selected batch as JSON, or the tab's rows in view as TSV."""
    from tui.export import clipboard_json, clipboard_tsv
    from tui.screens.export import copy_or_offer

    tab = screen.active_tab
    if tab == "batches":
        from tui.export import Format, RowsSource, slug

        batch = screen.selected_batch
        if batch is None:
            return
        row = batch.model_dump(mode="json", by_alias=True)
        what = f"batch {short_uuid(batch.uuid)}"
        source = RowsSource(
            label=what, stem=slug(what), columns=list(row), rows=[row], default_format=Format.JSON
        )
        copy_or_offer(screen, clipboard_json(None, [row]), what, source)
        return
    rows_source = _rows_source(screen, tab)
    if rows_source is not None:
        payload = clipboard_tsv(rows_source.columns, rows_source.rows)
        copy_or_offer(screen, payload, rows_source.label, rows_source)
