"""What ``e`` exports and ``Y`` copies: each pane of the workflow view says it for itself
(:class:`Exports`), and the screen asks the pane of the tab shown.

Batches: the selected batch's output (``batch.download``, the node picked in the dialog) and
the batch as JSON. Runs: the runs in view, or those selected. Outputs: the node's outputs over
the scope (``run.download_outputs``) and the loaded outputs as TSV. Metrics and Failures: the
rows in view, to a file or as TSV.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.widget import Widget

from tui.screens.navigation import OpenExport
from widgets.humanize import short_uuid

if TYPE_CHECKING:
    from tui.api.models.runs import Batch
    from tui.export import ClipboardPayload, ExportSource, RowsSource
    from tui.screens.workflow.screen import WorkflowScreen


@dataclass(frozen=True)
class Copy:
    """What ``Y`` copies: ``payload``, said as ``what``. ``source`` is offered in the export
    dialog instead when it is more than the clipboard holds (no payload: known before encoding
    it, and ``note`` says why)."""

    what: str
    source: ExportSource
    payload: ClipboardPayload | None = None
    note: str | None = None


@runtime_checkable
class Exports(Protocol):
    """A pane that says what ``e`` exports and ``Y`` copies from it (None: nothing; the pane
    has said why, if there is anything to say)."""

    def export_source(self) -> ExportSource | None: ...

    def copy_source(self) -> Copy | None: ...


def offer_export(node: Widget, source: ExportSource | None) -> None:
    """``e``: the export dialog for ``source``, if there is one."""
    if source is not None:
        node.post_message(OpenExport(source))


def give_copy(node: Widget, copy: Copy | None) -> None:
    """``Y``: ``copy`` to the clipboard through OSC 52, else the export dialog for it."""
    from tui.screens.export import copy_or_offer

    if copy is None:
        return
    if copy.payload is None:
        node.post_message(OpenExport(copy.source, copy.note))
    else:
        copy_or_offer(node, copy.payload, copy.what, copy.source)


def owner_name(screen: WorkflowScreen) -> str:
    """The play or tool the workflow belongs to, in the labels and file names of its exports."""
    return screen.context.owner_name if screen.context else f"workflow {screen.context_uuid}"


def node_slugs(screen: WorkflowScreen) -> tuple[str, ...]:
    return tuple(n.slug for n in screen.context.nodes) if screen.context else ()


def output_slug(screen: WorkflowScreen) -> str | None:
    """The slug of the node whose output is the workflow's."""
    output = screen.context.output_node if screen.context else None
    return output.slug if output else None


def rows_source(
    screen: WorkflowScreen,
    tab: str,
    what: str,
    columns: list[str],
    rows: Sequence[Mapping[str, Any]],
) -> RowsSource | None:
    """The rows ``tab`` has loaded, to export or copy (None, said: nothing loaded yet)."""
    from tui.export import RowsSource, slug

    if not rows:
        screen.notify("Nothing loaded on this tab yet.", severity="warning")
        return None
    return RowsSource(label=what, stem=slug(tab, owner_name(screen)), columns=columns, rows=rows)


def tsv_copy(source: RowsSource | None) -> Copy | None:
    """``source``'s rows as TSV, as a spreadsheet pastes them."""
    from tui.export import clipboard_tsv

    if source is None:
        return None
    return Copy(source.label, source, clipboard_tsv(source.columns, source.rows))


def batch_output(screen: WorkflowScreen, node: str | None) -> ExportSource | None:
    """``e`` on Batches: the selected batch's output (of ``node``, the one picked in the
    Outputs tab); None, said, when no batch is selected or it still runs."""
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
    owner = owner_name(screen)
    return BatchOutputSource(
        label=f"output of batch {short_uuid(batch.uuid)} of {owner}",
        stem=slug("batch", batch.uuid[:8], owner),
        nodes=node_slugs(screen),
        node=node,
        output_node=output_slug(screen),
        batch_uuid=batch.uuid,
        expected_rows=batch.runs_count or None,
    )


def batch_copy(batch: Batch | None) -> Copy | None:
    """``Y`` on Batches: the selected batch as JSON."""
    from tui.export import Format, RowsSource, clipboard_json, slug

    if batch is None:
        return None
    row = batch.model_dump(mode="json", by_alias=True)
    what = f"batch {short_uuid(batch.uuid)}"
    source = RowsSource(
        label=what, stem=slug(what), columns=list(row), rows=[row], default_format=Format.JSON
    )
    return Copy(what, source, clipboard_json(None, [row]))
