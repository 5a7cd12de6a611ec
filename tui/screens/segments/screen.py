"""The Segments screen: every segment with its model and last change; its filter edited as a copy
and checked before anything is sent; a preview of its records; an export.

Tabs: Segments (the list, the filter in words and JSON, the model's columns), Preview (a page of
records), Filter (the JSON editor, sort, limit, problems, and the form). The segment under the
list's cursor is the one the other tabs work on.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane, TextArea
from textual.worker import Worker, WorkerState

from tui import clock
from tui.api.filters import fix_all, validate_filter
from tui.api.models.catalog import Model, Segment
from tui.screens.base import CargoScreen
from tui.screens.discovery.index import Kind
from tui.screens.segments import export
from tui.screens.segments.details import COLUMNS, filter_details, model_details, segment_cells
from tui.screens.segments.editor import FilterPane
from tui.screens.segments.preview import PAGE, PreviewPage, PreviewPane
from tui.screens.segments.query import Checked, SegmentRequest, check, original_draft, schema_of
from tui.state.segment_drafts import Draft, load_drafts, save_drafts
from widgets.breadcrumb import Breadcrumb


@dataclass(frozen=True)
class PreviewTarget:
    """What a preview sent, kept so next/previous pages ask the same."""

    segment: Segment
    request: SegmentRequest
    edited: bool
    warnings: tuple[str, ...]


class SegmentsScreen(CargoScreen):
    crumbs: tuple[str, ...] = ("Segments",)
    AUTO_FOCUS = "#segments-table"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+j", "preview", "Preview", id="preview"),
        Binding("right_square_bracket", "page(1)", "Next page", id="next-page"),
        Binding("left_square_bracket", "page(-1)", "Prev page", id="previous-page"),
        Binding("ctrl+f", "fix", "Fix problem", id="fix-problem"),
        Binding("f5", "form", "Form/JSON", id="filter-form"),
        Binding("e", "export", "Export", id="export"),
        Binding("slash", "search", "Search", id="filter"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("y", "copy_uuid", "Copy uuid", id="copy-uuid"),
        Binding("f2", "tab('list')", "Segments", show=False, id="tab-segments"),
        Binding("f3", "tab('preview')", "Preview tab", show=False, id="tab-preview"),
        Binding("f4", "tab('filter')", "Filter tab", show=False, id="tab-filter"),
    ]

    def __init__(self, segment_uuid: str | None = None) -> None:
        super().__init__()
        self.wanted = segment_uuid
        self.segments: dict[str, Segment] = {}
        self.models: dict[str, Model] = {}
        self.current: Segment | None = None
        self.drafts: dict[str, Draft] = {}
        self._saved_drafts: dict[str, Draft] | None = None
        self._save_warning: str | None = None
        self.target: PreviewTarget | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with TabbedContent(id="segments-tabs", initial="list"):
            with TabPane("Segments [dim]f2[/]", id="list"):
                with Vertical(id="segments-list") as listing:
                    listing.border_title = "Segments"
                    listing.border_subtitle = "enter preview · e export · / search"
                    search = Input(placeholder="name, model or uuid", id="segments-search")
                    search.display = False
                    yield search
                    table: DataTable[Any] = DataTable(cursor_type="row", id="segments-table")
                    for key, label in COLUMNS:
                        table.add_column(label, key=key)
                    yield table
                with Horizontal(id="segment-details"):
                    with VerticalScroll(id="segment-filter") as pane:
                        pane.border_title = "Filter"
                        yield Static("", id="segment-filter-body")
                    with VerticalScroll(id="segment-model") as pane:
                        pane.border_title = "Model"
                        yield Static("", id="segment-model-body")
            with TabPane("Preview [dim]f3[/]", id="preview"):
                yield PreviewPane()
            with TabPane("Filter [dim]f4[/]", id="filter"):
                yield FilterPane()
        activity = Static("", id="segments-activity")
        activity.display = False
        yield activity
        yield Footer()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#segments-table", DataTable)

    @property
    def filter_pane(self) -> FilterPane:
        return self.query_one(FilterPane)

    @property
    def active_tab(self) -> str:
        return str(self.query_one("#segments-tabs", TabbedContent).active)

    def on_mount(self) -> None:
        super().on_mount()
        found = self.cargo.discovered
        if found is not None and Kind.SEGMENT in found.lists and Kind.MODEL in found.lists:
            self._fill(found.lists[Kind.SEGMENT], found.lists[Kind.MODEL])
        else:
            self.table.loading = True
        self.load()

    # -- loading ---------------------------------------------------------------------------

    @work(exclusive=True, group="catalog", exit_on_error=False)
    async def load(self) -> tuple[list[Segment], list[Model], list[str]]:
        client = await self.cargo.connect()
        segments, models = await asyncio.gather(
            client.segmentation.segment.list(), client.storage.model.list()
        )
        warnings: list[str] = []
        if self._saved_drafts is None and self.cargo.whoami is not None:
            drafts, warnings = await asyncio.to_thread(load_drafts, self._workspace())
            self._saved_drafts = dict(drafts)
            self.drafts = {**drafts, **self.drafts}
        return segments, models, warnings

    def _workspace(self) -> str:
        who = self.cargo.whoami
        return who.workspace.uuid if who is not None else "unknown"

    def show_result(self, group: str, result: Any) -> None:
        if group == "catalog":
            segments, models, warnings = result
            for warning in warnings:
                self.notify(warning, title="Filter drafts", severity="warning", timeout=10)
            self._fill(segments, models)
        elif group == "preview":
            self.query_one(PreviewPane).show(result)
            self.refresh_bindings()
            if self.active_tab == "preview":
                self.call_after_refresh(self._focus_tab, "preview")
        elif group == "export":
            export.report(self, result, None)
        elif group == "drafts" and result and result != self._save_warning:
            self.notify(result, title="Filter drafts", severity="warning")
            self._save_warning = result

    def show_failure(self, group: str, error: BaseException | None) -> None:
        if group == "catalog":
            self.table.loading = False
            self.query_one("#segments-list").border_subtitle = "failed · r retry"
        elif group == "preview":
            self.query_one(PreviewPane).failed(f"The preview failed: {error}")
        elif group == "export":
            export.report(self, None, error)
            return
        super().show_failure(group, error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "export" and event.state == WorkerState.CANCELLED:
            export.report(self, None, None)
        super().on_worker_state_changed(event)

    def _fill(self, segments: list[Segment], models: list[Model]) -> None:
        self.segments = {s.uuid: s for s in sorted(segments, key=lambda s: s.name.lower())}
        self.models = {m.uuid: m for m in models}
        self.table.loading = False
        listing = self.query_one("#segments-list")
        listing.border_title = f"Segments ({len(self.segments)})"
        listing.border_subtitle = "enter preview · e export · / search"
        self._fill_rows(self.query_one("#segments-search", Input).value)
        wanted = self.wanted or (self.current.uuid if self.current else None)
        if wanted is not None and not self.select(wanted):
            self.notify(f"No segment has the uuid {wanted}.", severity="warning")
        elif self.current is None and self.segments:
            self._show(next(iter(self.segments.values())))
        elif self.current is not None and self.current.uuid in self.segments:
            self._describe(self.segments[self.current.uuid])
        self.wanted = None

    def _fill_rows(self, query: str) -> None:
        table, needle, now = self.table, query.strip().lower(), clock.now()
        table.clear()
        for segment in self.segments.values():
            model = self.models.get(segment.model_uuid)
            haystack = f"{segment.name} {model.name if model else ''} {segment.uuid}".lower()
            if needle in haystack:
                table.add_row(*segment_cells(segment, model, now), key=segment.uuid)

    def select(self, uuid: str) -> bool:
        """Put the cursor on a segment (clearing a search that hides it); False if unknown."""
        if uuid not in self.segments:
            self.wanted = uuid
            return not self.segments
        if uuid not in {str(key.value) for key in self.table.rows}:
            self.query_one("#segments-search", Input).value = ""
            self._fill_rows("")
        self.table.move_cursor(row=self.table.get_row_index(uuid))
        self._show(self.segments[uuid])
        return True

    # -- the current segment ---------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#segments-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        segment = self.segments.get(str(event.row_key.value))
        if segment is not None and segment is not self.current:
            self._show(segment)

    @on(DataTable.RowSelected, "#segments-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.action_preview()

    def _show(self, segment: Segment) -> None:
        changed = self.current is None or self.current.uuid != segment.uuid
        self.current = segment
        self._describe(segment)
        if not changed:
            return
        self.crumbs = ("Segments", segment.name)
        self.query_one(Breadcrumb).parts = self.crumbs
        model = self.models.get(segment.model_uuid)
        draft = self.drafts.get(segment.uuid) or original_draft(segment)
        self.filter_pane.load(draft, schema_of(model), self._editor_title(segment, draft))
        if self.target is None or self.target.segment.uuid != segment.uuid:
            self.query_one(PreviewPane).clear()

    def _describe(self, segment: Segment) -> None:
        model, now = self.models.get(segment.model_uuid), clock.now()
        columns = model_details(model, segment.model_uuid)
        details = filter_details(segment, model, now)
        if self.has_class("-narrow"):  # one pane for both: the model's pane is hidden
            details = Content("\n").join([details, Content(""), columns])
        self.query_one("#segment-filter-body", Static).update(details)
        self.query_one("#segment-model-body", Static).update(columns)
        pane = self.query_one("#segment-model")
        pane.border_title = (
            f"Model {model.name} · {len(model.all_columns)} columns" if model else "Model"
        )

    def _editor_title(self, segment: Segment, draft: Draft) -> str:
        edited = draft != original_draft(segment)
        return f"{segment.name} · {'your edit (saved as you type)' if edited else 'as in Cargo'}"

    def on_resize(self) -> None:
        if self.current is not None:
            self.call_after_refresh(self._describe, self.current)

    @on(FilterPane.DraftChecked)
    def _draft_checked(self, event: FilterPane.DraftChecked) -> None:
        segment = self.current
        if segment is None:
            return
        if event.draft == original_draft(segment):
            self.drafts.pop(segment.uuid, None)
        else:
            self.drafts[segment.uuid] = event.draft
        self.filter_pane.editor.border_title = self._editor_title(segment, event.draft)
        if self._saved_drafts is not None and self.drafts != self._saved_drafts:
            self.save()

    @work(exclusive=True, group="drafts", exit_on_error=False)
    async def save(self) -> str | None:
        drafts = dict(self.drafts)
        failure = await asyncio.to_thread(save_drafts, self._workspace(), drafts)
        if failure is None:
            self._saved_drafts = drafts
        return failure

    def on_unmount(self) -> None:
        if self._saved_drafts is not None and self.drafts != self._saved_drafts:
            save_drafts(self._workspace(), dict(self.drafts))

    # -- sending: every check first --------------------------------------------------------

    def _checked(self, what: str) -> tuple[Segment, Checked] | None:
        """The current segment and its checked draft; None (and why, shown) if it has errors."""
        segment = self.current
        if segment is None:
            self.notify("Pick a segment first.", severity="warning")
            return None
        checked = self.filter_pane.check_now()
        if checked.errors:
            message = checked.refusal(what)
            self.notify(message, title="Not sent", severity="error", timeout=10)
            self.query_one(PreviewPane).refused(message)
            self.action_tab("filter")
            self.filter_pane.show_spot(checked.errors[0])
            return None
        for warning in checked.warnings:
            self.notify(
                f"{warning.where}: {warning.problem.message}",
                title="Sent with a warning",
                severity="warning",
            )
        return segment, checked

    def action_preview(self) -> None:
        found = self._checked("the preview")
        if found is None:
            return
        segment, checked = found
        request = checked.request(segment.model_uuid)
        assert request is not None
        warnings = tuple(f"{w.where}: {w.problem.message}" for w in checked.warnings)
        self.target = PreviewTarget(segment, request, self._edited(segment, request), warnings)
        self.action_tab("preview")
        self._fetch(0)

    @staticmethod
    def _edited(segment: Segment, request: SegmentRequest) -> bool:
        original = check(original_draft(segment), None)
        return (original.filter, original.sort, original.limit) != (
            request.filter,
            request.sort,
            request.limit,
        )

    def _fetch(self, offset: int) -> None:
        if self.target is None:
            return
        self.query_one(PreviewPane).fetching(self.target.segment.name, offset)
        self.fetch_page(self.target, offset)

    @work(exclusive=True, group="preview", exit_on_error=False)
    async def fetch_page(self, target: PreviewTarget, offset: int) -> PreviewPage:
        client = await self.cargo.connect()
        request = target.request
        records = await client.segmentation.segment.fetch(
            model_uuid=request.model_uuid,
            filter=request.filter,
            sort=request.sort,
            limit=request.limit,
            fetching_limit=PAGE,
            fetching_offset=offset,
        )
        return PreviewPage(
            target.segment.name, request, target.edited, offset, records, target.warnings
        )

    def action_page(self, step: int) -> None:
        page = self.query_one(PreviewPane).page
        if page is None or self.target is None:
            return
        if (step > 0 and not page.has_next) or (step < 0 and not page.has_previous):
            self.notify(
                "That is the last page." if step > 0 else "That is the first page.", timeout=2
            )
            return
        self._fetch(max(0, page.offset + step * PAGE))

    def action_export(self) -> None:
        found = self._checked("the export")
        if found is None:
            return
        segment, checked = found
        request = checked.request(segment.model_uuid)
        assert request is not None
        model = self.models.get(segment.model_uuid)
        types = {c.slug: str(c.type) for c in model.all_columns} if model else {}
        edited = "your edited filter" if self._edited(segment, request) else "the segment's filter"
        warned = [f"⚠ {w.where}: {w.problem.message}" for w in checked.warnings]
        notes = (f"{segment.name}, with {edited}.", *warned)
        export.export_segment(
            self,
            request,
            name=segment.name,
            slug=segment.slug or "",
            column_types=types,
            notes=notes,
        )

    # -- the filter ------------------------------------------------------------------------

    def action_fix(self) -> None:
        self.notify(self.filter_pane.fix(), timeout=4)

    def action_fix_all(self) -> None:
        pane = self.filter_pane
        schema = pane.schema
        before = pane.editor.text
        fixed = fix_all(before, lambda text: validate_filter(text, schema))
        pane.replace_text(fixed)
        checked = pane.check_now()
        self.notify(f"Applied every fix that applies; {checked.verdict()}.", timeout=4)

    def action_revert(self) -> None:
        if self.current is None:
            return
        original = original_draft(self.current)
        pane = self.filter_pane
        pane.replace_text(original.filter)
        pane.query_one("#sort-input", Input).value = original.sort
        pane.query_one("#limit-input", Input).value = original.limit
        pane.check_now()
        self.notify("The filter is the segment's again (ctrl+z in the editor undoes).", timeout=4)

    def action_form(self) -> None:
        self.filter_pane.toggle_form()

    # -- moving around ---------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#segments-tabs", TabbedContent).active = tab
        self._focus_tab(tab)

    @on(TabbedContent.TabActivated, "#segments-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def _focus_tab(self, tab: str) -> None:
        if tab == "list":
            self.table.focus()
        elif tab == "filter":
            self.filter_pane.editor.focus()
        elif self.query(".preview-table"):
            self.query(".preview-table").last().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.active_tab
        typing = isinstance(self.focused, Input | TextArea)
        if action == "page":
            page = self.query_one(PreviewPane).page
            step = parameters[0] if parameters else 1
            wanted = page is not None and (page.has_next if step == 1 else page.has_previous)
            return tab == "preview" and wanted
        if action in ("fix", "form"):
            return tab == "filter"
        if action in ("export", "refresh", "copy_uuid", "search"):
            return not typing and (action != "search" or tab == "list")
        return True

    def action_back(self) -> None:
        if any(w.group == "export" and w.is_running for w in self.workers):
            self.workers.cancel_group(self, "export")
            return
        focused = self.focused
        search = self.query_one("#segments-search", Input)
        if focused is search:
            search.display = bool(search.value)
            self.table.focus()
        elif focused is not None and self.filter_pane in focused.ancestors:
            self.filter_pane.problems.focus()
            if self.filter_pane.problems.has_focus:
                return
            self.query_one("#segments-tabs Tabs").focus()
        else:
            self.app.pop_screen()

    def action_search(self) -> None:
        self.action_tab("list")
        search = self.query_one("#segments-search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#segments-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill_rows(event.value)

    @on(Input.Submitted, "#segments-search")
    def _search_done(self) -> None:
        self.table.focus()

    def action_refresh(self) -> None:
        self.query_one("#segments-list").border_subtitle = "refreshing…"
        self.load()
        if self.active_tab == "preview" and self.target is not None:
            page = self.query_one(PreviewPane).page
            self._fetch(page.offset if page else 0)

    def action_copy_uuid(self) -> None:
        if self.current is None:
            return
        self.app.copy_to_clipboard(self.current.uuid)
        self.notify(f"Copied the uuid of {self.current.name}: {self.current.uuid}", timeout=3)
