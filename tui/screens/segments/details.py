"""What the Segments list shows: a row per segment, and the selected one's filter and model."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from tui.api.filters import ModelSchema, describe_filter, pretty, summarize_filter
from tui.screens.discovery.details import labelled, model_columns
from widgets.humanize import ago, count

if TYPE_CHECKING:
    from tui.api.models.catalog import Model, Segment, SegmentChange

#: A summary up to this long is read at a glance; a longer one is listed condition by condition.
_SHORT = 60
#: The list's columns: key, label.
COLUMNS = [
    ("name", "name"),
    ("model", "model"),
    ("records", "records"),
    ("change", "last change"),
    ("synced", "synced"),
]


def change_text(change: SegmentChange | None) -> Text:
    """``+12 -5 ~23``: records added, removed and updated by the last sync."""
    if change is None:
        return Text("–", "dim")
    return Text.assemble(
        (f"+{count(change.added_records_count)}", "green"),
        " ",
        (f"-{count(change.removed_records_count)}", "red"),
        " ",
        (f"~{count(change.updated_records_count)}", "yellow"),
    )


def segment_cells(segment: Segment, model: Model | None, now: datetime) -> list[Text]:
    """One row of the list (rich Text: names may hold brackets, never read as markup)."""
    return [
        Text(segment.name),
        Text(model.name if model else "unknown model", "" if model else "dim"),
        Text(count(segment.records_count), justify="right"),
        change_text(segment.last_change),
        Text(ago(segment.synced_at, now)),
    ]


def filter_details(segment: Segment, model: Model | None, now: datetime) -> Content:
    """The filter in words, then pretty-printed, then the sort, the limit and the last change."""
    labels = ModelSchema.from_columns(model.all_columns).labels if model else {}
    summary = summarize_filter(segment.filter, labels, width=400)
    lines = [Content.styled(summary, "bold")]
    conditions = describe_filter(segment.filter, labels)
    if len(conditions) > 1 and len(summary) > _SHORT:  # a long summary is easier read as a list
        lines += [Content(f"  · {line}") for line in conditions]
    rows: list[tuple[str, Content | str]] = [
        ("sort", _sort_text(segment)),
        ("limit", count(segment.limit) if segment.limit is not None else "none"),
    ]
    change = segment.last_change
    if change is not None:
        delta = Content.assemble(
            (f"+{count(change.added_records_count)} added", "$text-success"),
            " · ",
            (f"-{count(change.removed_records_count)} removed", "$text-error"),
            " · ",
            (f"~{count(change.updated_records_count)} updated", "$text-warning"),
        )
        rows.append(("last change", delta))
        rows.append(
            ("", f"{ago(change.created_at, now)} · {count(change.total_records_count)} total")
        )
    rows.append(("synced", ago(segment.synced_at, now)))
    rows.append(("uuid", segment.uuid))
    json_text = Content(pretty(segment.filter) if segment.filter else "(all records)")
    return Content("\n").join([*lines, Content(""), *labelled(rows), Content(""), json_text])


def model_details(model: Model | None, model_uuid: str) -> Content:
    if model is None:
        return Content.styled(
            f"The model {model_uuid} is not in this workspace's list: column names and types "
            "cannot be checked.",
            "$text-warning",
        )
    return Content("\n").join(model_columns(model))


def _sort_text(segment: Segment) -> str:
    if not segment.sort:
        return "none"
    parts = []
    for entry in segment.sort:
        parts.append(f"{entry.get('columnSlug', '?')} {entry.get('kind', 'asc')}")
    return ", ".join(parts)
