"""A batch as a row of the Batches tab: its columns and cells (status, progress, what
re-runs fixed, the release it ran on, who started it)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from tui import clock
from tui.api.models.runs import Batch
from tui.screens.rerun.history import Tally
from tui.screens.workflow.batch_releases import release_cell
from tui.session.discovery import Discovery
from widgets.humanize import count, duration, plural, short_uuid, when
from widgets.paged_table import Column, Row
from widgets.status import bar, status_text

COLUMNS = [
    Column("status", "status", 10, priority=9),
    Column("health", "health", 9, priority=5),
    Column("runs", "runs", 7, "right", priority=8),
    Column("done", "done", 10, "right", priority=7),
    Column("failed", "failed", 6, "right", priority=8),
    #: Of the failed runs, those a re-run (or a re-run of it) later ran to success.
    Column("fixed", "fixed", 5, "right", priority=8),
    Column("credits", "credits", 8, "right", priority=3),
    Column("created", "created", 15, priority=6),
    #: The release the batch ran on (``custom``: nodes of its own).
    Column("release", "release", 7, priority=6),
    Column("took", "took", 7, "right", priority=4),
    Column("by", "started by", 14, flex=1, priority=2),
]


def started_by(batch: Batch, found: Discovery | None, lineage: dict[str, str]) -> str:
    if batch.uuid in lineage:
        return f"re-run of {short_uuid(lineage[batch.uuid])}"
    data = batch.data or {}
    kind = data.get("kind")
    if kind == "segment":
        segment = found.find(str(data.get("segmentUuid", ""))) if found else None
        return f"segment {segment.name}" if segment else "segment"
    if kind == "recordIds":
        return f"records ({count(len(data.get('ids') or []))})"
    if kind == "runs":
        source = (data.get("filter") or {}).get("batchUuid")
        return f"re-run of {short_uuid(source)}" if source else "re-run"
    return str(kind or "–")


def progress(batch: Batch) -> Text:
    if batch.status.is_terminal or not batch.runs_count:
        return Text(count(batch.executed_runs_count))
    share = batch.executed_runs_count / batch.runs_count
    return Text.assemble(bar(share, 5, "yellow"), f" {share:4.0%}")


def took(batch: Batch) -> str:
    if batch.created_at is None:
        return "–"
    end = batch.finished_at or (None if not batch.status.is_terminal else batch.updated_at)
    if end is None:
        return duration((clock.now() - batch.created_at).total_seconds()) + "…"
    return duration((end - batch.created_at).total_seconds())


def fixed_cells(batch: Batch, tally: Tally | None) -> tuple[Text, Text]:
    """The failed and fixed cells: a failed count all fixed is no longer red, and says ✓."""
    failed = batch.failed_runs_count
    fixed = tally["succeeded"] if tally else 0
    if not tally or not tally.total:
        return Text(count(failed), "bold red" if failed else ""), Text("–", "dim")
    if fixed >= failed:
        return Text(count(failed), "dim"), Text(f"{count(fixed)}✓", "green")
    return Text(count(failed), "bold red"), Text(count(fixed), "green" if fixed else "dim")


def batch_row(
    batch: Batch,
    found: Discovery | None,
    lineage: dict[str, str],
    fixes: Mapping[str, Tally] | None = None,
    releases: dict[str, str] | None = None,
) -> Row:
    """``releases``: each release's label by uuid (``v6``)."""
    failed, fixed = fixed_cells(batch, (fixes or {}).get(batch.uuid))
    return Row(
        batch.uuid,
        [
            status_text(batch.status),
            status_text(batch.runs_status) if batch.runs_status else Text("–", "dim"),
            count(batch.runs_count),
            progress(batch),
            failed,
            fixed,
            count(batch.credits_used_count),
            when(batch.created_at, clock.now()),
            release_cell(batch, releases or {}),
            took(batch),
            started_by(batch, found, lineage),
        ],
    )


def success_banner(batch: Batch, tally: Tally | None) -> Text:
    """Over a batch that reports success with failed runs: how many failed, what re-runs
    fixed of them (``tally``), and the keys to see or re-run those left."""
    failed = count(batch.failed_runs_count)
    fixed, running = (tally["succeeded"], tally["running"]) if tally else (0, 0)
    left = batch.failed_runs_count - fixed - running
    runs = plural(batch.runs_count, "run")
    said = f"This batch reports success but {failed} of its {runs} failed"
    done = [f"re-runs fixed {count(fixed)}"] if fixed else []
    done += [f"{count(running)} still being re-run"] if running else []
    if left <= 0:
        return Text.assemble(("✔ ", "bold"), f"{said}; {' and '.join(done)}: none left.")
    keys = "   enter: see them   R: re-run " + (f"the {count(left)} left" if done else "them")
    return Text.assemble(
        ("⚠ ", "bold"), said, f"; {', '.join(done)}." if done else ".", (keys, "dim")
    )
