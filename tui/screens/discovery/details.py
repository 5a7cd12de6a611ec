"""The right-hand pane of Discovery: what matters on call about the selected resource."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content

from tui.session.discovery import Discovery, Entry, Kind
from widgets.humanize import ago, count, plural

if TYPE_CHECKING:
    from tui.api.models import Play, Workflow
    from tui.api.models.catalog import Connector, Model, Segment
    from tui.api.models.orchestration import LastBatch

Row = tuple[str, Content | str]
LABEL = 12


def labelled(rows: Sequence[Row]) -> list[Content]:
    return [Content.assemble((f"{label:<{LABEL}}", "$text-muted"), value) for label, value in rows]


def batch_health(batch: LastBatch | None) -> tuple[str, str]:
    """A mark and its style for the tree: red when the last batch failed or is unhealthy."""
    if batch is None:
        return "○", "$text-muted"
    if batch.status == "error" or batch.runs_status == "unhealthy":
        return "✖", "$text-error"
    if not batch.status.is_terminal:
        return "◐", "$text-accent"
    return "●", "$text-success"


def schedule_text(play: Play) -> str:
    schedule = play.schedule
    if schedule is None:
        return "manual"
    if schedule.type == "watch":
        kinds = ", ".join(play.change_kinds) or "any change"
        return f"on segment change ({kinds})"
    if schedule.type == "cron":
        return f"cron {schedule.cron}" if schedule.cron else "on a cron schedule"
    return str(schedule.type)


def last_batch_text(batch: LastBatch | None, now: datetime) -> Content:
    if batch is None:
        return Content.styled("no batch yet", "$text-muted")
    mark, style = batch_health(batch)
    parts: list[Content | str | tuple[str, str]] = [(f"{mark} {batch.status}", style)]
    if batch.runs_status:
        health = f" · {batch.runs_status}"
        parts.append((health, "$text-error") if batch.runs_status == "unhealthy" else health)
    parts.append(f" · {ago(batch.created_at, now)}")
    if batch.error_message:
        parts.append((f"\n{'':<{LABEL}}{batch.error_message}", "$text-error"))
    return Content.assemble(*parts)


def workflow_rows(workflow: Workflow | None, now: datetime) -> list[Row]:
    if workflow is None:
        return [("workflow", Content.styled("not found in this workspace", "$text-error"))]
    from tui.api.models import graph_text, tree_nodes

    rows: list[Row] = [("workflow", workflow.uuid)]
    release = workflow.deployed_release
    if release:
        path = graph_text(release.nodes)
        rows.append(("release", f"{release.label} · {path}"))
    else:
        rows.append(("release", Content.styled("none deployed", "$text-warning")))
        if workflow.nodes:
            rows.append(("nodes", graph_text(tree_nodes(workflow.nodes))))
    rows.append(("last batch", last_batch_text(workflow.last_batch, now)))
    return rows


def describe(entry: Entry, found: Discovery, now: datetime) -> Content:
    """Labelled lines for any kind, ending with the keys that act on it."""
    item = entry.item
    rows: list[Row] = [("uuid", entry.uuid)]
    text: str | None = getattr(item, "description", None)
    kind = entry.kind
    if kind == Kind.PLAY:
        rows.append(("enabled", f"{'yes' if item.is_enabled else 'no'} · {schedule_text(item)}"))
        segment = found.find(item.segment_uuid) if item.segment_uuid else None
        if segment is not None:
            records = getattr(segment.item, "records_count", None)
            rows.append(("segment", f"{segment.name} ({plural(records, 'record')})"))
        rows += workflow_rows(found.workflows.get(item.workflow_uuid), now)
    elif kind == Kind.TOOL:
        rows.append(("read-only", "yes" if item.is_read_only else "no"))
        rows += workflow_rows(found.workflows.get(item.workflow_uuid), now)
    elif kind == Kind.WORKFLOW:
        owner = found.owner_of.get(item.uuid)
        rows.append(("belongs to", f"{owner.name} ({owner.kind})" if owner else "no play or tool"))
        rows += workflow_rows(item, now)[1:]
    elif kind == Kind.AGENT:
        release = item.deployed_release
        if release:
            rows.append(("model", release.language_model_slug or "–"))
            rows.append(("max steps", count(release.max_steps)))
            rows.append(("release", release.label))
    elif kind == Kind.CONNECTOR:
        rows += _connector_rows(item)
    elif kind == Kind.MODEL:
        rows += _model_rows(item)
    elif kind == Kind.SEGMENT:
        rows += _segment_rows(item, found, now)
    lines = labelled(rows)
    if text:
        lines += [Content(""), Content(text)]
    if kind == Kind.MODEL:
        lines += [Content(""), *model_columns(item)]
    if kind == Kind.SEGMENT:
        lines += [Content(""), Content.styled("filter", "$text-muted"), Content(_filter(item))]
    lines += [Content(""), Content.styled(_hints(entry), "$text-muted")]
    return Content("\n").join(lines)


def _connector_rows(item: Connector) -> list[Row]:
    users = f"{plural(item.plays_count, 'play')} · {plural(item.tools_count, 'tool')}"
    rows: list[Row] = [("integration", item.integration_slug), ("used by", users)]
    rows.append(("models", count(item.models_count)))
    flags = [
        flag
        for flag, on in (("default", item.is_default), ("uses credits", item.use_credits))
        if on
    ]
    if flags:
        rows.append(("flags", " · ".join(flags)))
    if item.rate_limit:
        rows.append(("rate limit", str(item.rate_limit)))
    return rows


def _model_rows(item: Model) -> list[Row]:
    keys = f"id {item.id_column_slug or '–'} · title {item.title_column_slug or '–'}"
    rows: list[Row] = [("slug", item.slug or "–"), ("keys", keys)]
    used_by = f"{plural(item.plays_count, 'play')} · {plural(item.segments_count, 'segment')}"
    rows.append(("used by", used_by))
    if item.is_paused:
        rows.append(("state", Content.styled("paused", "$text-warning")))
    return rows


def model_columns(item: Model) -> list[Content]:
    columns = item.all_columns
    if not columns:
        return [Content.styled("no columns", "$text-muted")]
    width = max(len(c.slug) for c in columns) + 2
    head = Content.styled(f"{'column':<{width}}{'type':<9}label", "bold")
    return [head] + [
        Content.assemble(f"{c.slug:<{width}}", (f"{c.type!s:<9}", "$text-accent"), c.label or "")
        for c in columns
    ]


def _segment_rows(item: Segment, found: Discovery, now: datetime) -> list[Row]:
    model = found.model(item.model_uuid)
    rows: list[Row] = [
        ("model", model.name if model else item.model_uuid),
        ("records", count(item.records_count)),
    ]
    change = item.last_change
    if change:
        delta = Content.assemble(
            (f"+{count(change.added_records_count)}", "$text-success"),
            " ",
            (f"-{count(change.removed_records_count)}", "$text-error"),
            " ",
            (f"~{count(change.updated_records_count)}", "$text-warning"),
            f" · {ago(change.created_at, now)}",
        )
        rows.append(("last change", delta))
    rows.append(("synced", ago(item.synced_at, now)))
    return rows


def _filter(item: Segment) -> str:
    return json.dumps(item.filter, indent=2) if item.filter else "(all records)"


def _hints(entry: Entry) -> str:
    hints = ["y copy uuid"]
    if entry.kind.has_web_page:
        hints.append("w copy web URL")
    if entry.workflow_uuid:
        hints.insert(0, "enter batches")
    elif entry.kind == Kind.SEGMENT:
        hints.insert(0, "enter filter, preview, export")
    return "   ".join(hints)
