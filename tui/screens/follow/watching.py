"""``W`` on a batch (the Batches tab, or the batch a re-run just started): watch it, and the
bell rings when it finishes, wherever the user is then (:mod:`tui.screens.follow.driver`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import clock
from tui.screens.follow.driver import follower
from widgets.humanize import short_uuid, when

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.api.models.runs import Batch


def batch_label(batch: Batch, owner: str) -> str:
    """``Enrich new companies · batch today 14:02``."""
    started = when(batch.created_at, clock.now()) if batch.created_at else short_uuid(batch.uuid)
    return f"{owner} · batch {started}"


def watch_batch(node: Widget, batch: Batch | None, owner: str) -> None:
    """Watch ``batch`` (or stop watching it), and say so."""
    if batch is None:
        node.notify("Select a batch first: W watches it.", severity="warning")
        return
    follow = follower(node.app)
    label = batch_label(batch, owner)
    if batch.uuid not in follow.feed.batches and batch.status.is_terminal:
        node.notify(f"{label} has finished already ({batch.status}).", severity="warning")
        return
    if follow.watch_batch(batch.uuid, batch.workflow_uuid, label):
        node.notify(
            f"Watching {label}: the bell rings when it finishes (F in Discovery: follow mode).",
            timeout=6,
        )
    else:
        node.notify(f"No longer watching {label}.", timeout=4)
