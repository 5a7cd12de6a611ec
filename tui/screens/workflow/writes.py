"""The workflow view's writes: re-run the failed runs of a batch or of a failure group (a
pilot first, watched until it finishes), and cancel a running batch, each through its dialog
(``tui.screens.rerun``)."""

from __future__ import annotations

from textual import on

from tui.screens.rerun.cancel import CancelBatchDialog
from tui.screens.rerun.dialog import ReRun, ReRunDialog, named
from tui.screens.rerun.plan import Selection
from tui.screens.runs_query import RunsQuery
from tui.screens.workflow.batches import BatchesPane
from tui.screens.workflow.drilldown import WorkflowDrilldown
from tui.screens.workflow.failures import FailuresPane
from tui.state import lineage
from widgets.fitting import clip
from widgets.humanize import plural, short_uuid


class WorkflowWrites(WorkflowDrilldown):
    """Re-run and cancel, in :class:`~tui.screens.workflow.screen.WorkflowScreen`."""

    #: A pilot re-run, watched until its batch finishes to say how it went.
    pending_pilot: ReRun | None

    @property
    def owner(self) -> tuple[str, str]:
        context = self.context
        return (
            (context.owner_kind, context.owner_name) if context else ("workflow", self.context_uuid)
        )

    def action_rerun(self) -> None:
        """Re-run the failed runs of what is highlighted: a batch, or a failure group."""
        if self.active_tab == "failures":
            group = self.query_one(FailuresPane).selected_group
            if group is None:
                self.notify("Select a failure group first.", severity="warning")
                return
            batch = self.selected_batch if self.query_one(FailuresPane).scope == "batch" else None
            query = RunsQuery(
                self.context_uuid,
                batch.uuid if batch else None,
                failed_at=group.node_slug,
                error_contains=group.contains or None,
            )
            label = f"{group.node_slug}: {clip(group.label, 50)}"
            source = batch.uuid if batch else None
            filters = query.filters("failed")
            self.open_rerun(Selection(self.context_uuid, label, filters, source_batch_uuid=source))
            return
        batch = self.selected_batch
        if batch is None or not batch.failed_runs_count:
            self.notify("Select a batch with failed runs.", severity="warning")
            return
        filters = RunsQuery(self.context_uuid, batch.uuid).filters("failed")
        label = f"failed runs of {self._crumb(batch)}"
        self.open_rerun(Selection(self.context_uuid, label, filters, source_batch_uuid=batch.uuid))

    def open_rerun(self, selection: Selection) -> None:
        self.app.push_screen(ReRunDialog(selection, self.owner), self.rerun_started)

    def rerun_started(self, result: ReRun | None) -> None:
        if result is None:
            return
        source = result.plan.selection.source_batch_uuid
        who = self.session.whoami
        if source and who is not None:
            lineage.remember(who.workspace.uuid, result.batch.uuid, source)
            self.lineage[result.batch.uuid] = source
        self.pending_pilot = result if result.pilot else None
        what = f"pilot of {len(result.pilot)}" if result.pilot else plural(result.plan.count, "run")
        self.notify(
            f"Re-run started ({what}): batch {short_uuid(result.batch.uuid)} · W watches it",
            timeout=6,
        )
        while self.app.screen is not self:
            self.app.pop_screen()
        self.action_tab("batches")
        self.query_one(BatchesPane).show_new(result.batch)

    @on(BatchesPane.Refreshed)
    def _batches_refreshed(self, event: BatchesPane.Refreshed) -> None:
        """After each refresh: says when a pilot has finished, with its success rate."""
        batches = event.batches
        pilot = self.pending_pilot
        if pilot is None:
            return
        now = batches.get(pilot.batch.uuid)
        if now is None or not now.status.is_terminal or pilot.batch.status.is_terminal:
            return
        self.pending_pilot = None
        failed = now.failed_runs_count
        done = max(now.executed_runs_count, len(pilot.pilot))
        source = pilot.plan.source
        rest = (
            f"The rest: R on batch {named(source)}."
            if source is not None
            else "The rest: R again where you started it."
        )
        ok = failed == 0 and done == len(pilot.pilot)
        self.notify(
            f"Pilot {now.uuid[:8]} finished: {done - failed} of {done} succeeded. {rest}",
            title="Pilot re-run" if ok else "Pilot re-run did not succeed",
            severity="information" if ok else "warning",
            timeout=30,
        )

    def action_cancel_batch(self) -> None:
        batch = self.selected_batch
        if batch is None or batch.status.is_terminal:
            self.notify("Select a batch that is still running.", severity="warning")
            return

        def done(cancelled: bool | None) -> None:
            if cancelled:
                self.notify(f"Batch {short_uuid(batch.uuid)} is being cancelled.")
                self.query_one(BatchesPane).refresh_now()

        self.app.push_screen(CancelBatchDialog(batch, self.owner[1]), done)
