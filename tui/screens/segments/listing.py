"""The Segments tab: the list (searchable), and the highlighted segment's filter and model."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from tui import clock
from tui.api.models.catalog import Model, Segment
from tui.screens.segments.details import COLUMNS, filter_details, model_details, segment_cells
from widgets.find_bar import FindBar
from widgets.humanize import plural
from widgets.list_table import ListTable

HINTS = "enter preview · e export · / search"


class SegmentList(Vertical):
    """Holds the segments and models it was given; says which segment is highlighted or chosen."""

    class Highlighted(Message):
        def __init__(self, segment: Segment) -> None:
            super().__init__()
            self.segment = segment

    class Chosen(Highlighted):
        """``enter`` on a segment."""

    def __init__(self) -> None:
        super().__init__(id="segments-pane")
        self.segments: dict[str, Segment] = {}
        self.models: dict[str, Model] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="segments-list", classes="panel") as listing:
            listing.border_title = "Segments"
            listing.border_subtitle = HINTS
            yield FindBar(
                "name, model or uuid",
                returns_to="#segments-table",
                id="segments-search",
                keep_while_filtering=True,
            )
            table: DataTable[Any] = ListTable(cursor_type="row", id="segments-table")
            for key, label in COLUMNS:
                table.add_column(label, key=key)
            yield table
        with Horizontal(id="segment-details"):
            with VerticalScroll(id="segment-filter", classes="panel") as pane:
                pane.border_title = "Filter"
                yield Static("", id="segment-filter-body")
            with VerticalScroll(id="segment-model", classes="panel") as pane:
                pane.border_title = "Model"
                yield Static("", id="segment-model-body")

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#segments-table", DataTable)

    @property
    def search(self) -> FindBar:
        return self.query_one("#segments-search", FindBar)

    def model_of(self, segment: Segment) -> Model | None:
        return self.models.get(segment.model_uuid)

    def loading_failed(self) -> None:
        self.table.loading = False
        self.query_one("#segments-list").border_subtitle = "failed · r retry"

    def refreshing(self) -> None:
        self.query_one("#segments-list").border_subtitle = "refreshing…"

    def fill(self, segments: list[Segment], models: list[Model]) -> None:
        """Show these segments (by name), keeping the cursor on the segment it was on."""
        highlighted = self.highlighted_uuid()
        self.segments = {s.uuid: s for s in sorted(segments, key=lambda s: s.name.lower())}
        self.models = {m.uuid: m for m in models}
        self.table.loading = False
        listing = self.query_one("#segments-list")
        listing.border_title = f"Segments ({len(self.segments)})"
        listing.border_subtitle = HINTS
        self._rows(self.search.value)
        if highlighted in self.segments:
            self.select(highlighted)

    def _rows(self, query: str) -> None:
        table, needle, now = self.table, query.strip().lower(), clock.now()
        table.clear()
        for segment in self.segments.values():
            model = self.model_of(segment)
            haystack = f"{segment.name} {model.name if model else ''} {segment.uuid}".lower()
            if needle in haystack:
                table.add_row(*segment_cells(segment, model, now), key=segment.uuid)

    def highlighted_uuid(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def select(self, uuid: str) -> bool:
        """Put the cursor on a segment (clearing a search that hides it); False if unknown."""
        if uuid not in self.segments:
            return False
        if uuid not in {str(key.value) for key in self.table.rows}:
            self.search.value = ""
            self._rows("")
        self.table.move_cursor(row=self.table.get_row_index(uuid))
        return True

    @on(DataTable.RowHighlighted, "#segments-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        segment = self.segments.get(str(event.row_key.value))
        if segment is not None:
            self.post_message(self.Highlighted(segment))

    @on(DataTable.RowSelected, "#segments-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        segment = self.segments.get(str(event.row_key.value))
        if segment is not None:
            self.post_message(self.Chosen(segment))

    def describe(self, segment: Segment, *, narrow: bool) -> None:
        """The segment's filter (in words and JSON) and its model's columns."""
        model, now = self.model_of(segment), clock.now()
        columns = model_details(model, segment.model_uuid)
        details = filter_details(segment, model, now)
        if narrow:  # one pane holds both: the model's pane is hidden
            details = Content("\n").join([details, Content(""), columns])
        self.query_one("#segment-filter-body", Static).update(details)
        self.query_one("#segment-model-body", Static).update(columns)
        title = (
            f"Model {model.name} · {plural(len(model.all_columns), 'column')}" if model else "Model"
        )
        self.query_one("#segment-model").border_title = title

    # -- search ----------------------------------------------------------------------------

    @on(Input.Changed, "#segments-search")
    def _search(self, event: Input.Changed) -> None:
        self._rows(event.value)

    @on(Input.Submitted, "#segments-search")
    def _search_done(self) -> None:
        self.table.focus()
