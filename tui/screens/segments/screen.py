"""The Segments screen: every segment with its model and last change; its filter edited as a copy
and checked before anything is sent; a preview of its records; an export.

Tabs: Segments (the list, the filter in words and JSON, the model's columns), Preview (a page of
records), Filter (the JSON editor, sort, limit, problems, and the form). The segment under the
list's cursor is the one the other tabs work on.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, TabbedContent, TabPane, TextArea

from tui.api.models.catalog import Model, Segment
from tui.screens.base import CargoScreen, renders
from tui.screens.navigation import OpenExport
from tui.screens.segments.drafts import DraftBook, editor_title
from tui.screens.segments.editor import FilterPane
from tui.screens.segments.listing import SegmentList
from tui.screens.segments.preview import PAGE, PreviewPage, PreviewPane, PreviewTarget
from tui.screens.segments.query import Checked, SegmentRequest, is_edited, original_draft, schema_of
from tui.session.discovery import Kind
from tui.state.segment_drafts import Draft, load_drafts, save_drafts
from widgets.breadcrumb import Breadcrumb
from widgets.footer import Footer


@dataclass(frozen=True)
class Catalog:
    """The workspace's segments and models, and the filter drafts kept for them (None: the
    drafts were read before, or there is no workspace to read them for)."""

    segments: list[Segment]
    models: list[Model]
    drafts: dict[str, Draft] | None
    warnings: list[str]


@dataclass(frozen=True)
class DraftsSaved:
    """The drafts were written, or why not (``failure``)."""

    failure: str | None


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
        self.current: Segment | None = None
        self.drafts = DraftBook()
        self._save_warning: str | None = None
        #: The segment whose draft the filter pane holds.
        self._in_pane: str | None = None
        self.target: PreviewTarget | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with TabbedContent(id="segments-tabs", initial="list"):
            with TabPane("Segments [dim]f2[/]", id="list"):
                yield SegmentList()
            with TabPane("Preview [dim]f3[/]", id="preview"):
                yield PreviewPane()
            with TabPane("Filter [dim]f4[/]", id="filter"):
                yield FilterPane()
        yield Footer()

    @property
    def listing(self) -> SegmentList:
        return self.query_one(SegmentList)

    @property
    def filter_pane(self) -> FilterPane:
        return self.query_one(FilterPane)

    @property
    def preview(self) -> PreviewPane:
        return self.query_one(PreviewPane)

    @property
    def active_tab(self) -> str:
        return str(self.query_one("#segments-tabs", TabbedContent).active)

    def on_mount(self) -> None:
        super().on_mount()
        found = self.session.discovered
        if found is not None and Kind.SEGMENT in found.lists and Kind.MODEL in found.lists:
            self._fill(found.lists[Kind.SEGMENT], found.lists[Kind.MODEL])
        else:
            self.listing.table.loading = True
        self.load()

    # -- loading ---------------------------------------------------------------------------

    @work(exclusive=True, group="catalog", exit_on_error=False)
    async def load(self) -> Catalog:
        client = await self.session.connect()
        segments, models = await asyncio.gather(
            client.segmentation.segment.list(), client.storage.model.list()
        )
        if self.drafts.saved is not None or self.session.whoami is None:
            return Catalog(segments, models, None, [])
        drafts, warnings = await asyncio.to_thread(load_drafts, self._workspace())
        return Catalog(segments, models, drafts, warnings)

    def _workspace(self) -> str:
        who = self.session.whoami
        return who.workspace.uuid if who is not None else "unknown"

    @renders(Catalog)
    def _catalog(self, catalog: Catalog) -> None:
        for warning in catalog.warnings:
            self.notify(warning, title="Filter drafts", severity="warning", timeout=10)
        self.drafts.loaded(catalog.drafts)
        self._fill(catalog.segments, catalog.models)

    @renders(PreviewPage)
    def _preview(self, page: PreviewPage) -> None:
        self.preview.show(page)
        self.refresh_bindings()
        if self.active_tab == "preview":
            self.call_after_refresh(self._focus_tab, "preview")

    @renders(DraftsSaved)
    def _drafts_saved(self, saved: DraftsSaved) -> None:
        if saved.failure and saved.failure != self._save_warning:
            self.notify(saved.failure, title="Filter drafts", severity="warning")
            self._save_warning = saved.failure

    def show_failure(self, group: str, error: BaseException | None) -> None:
        if group == "catalog":
            self.listing.loading_failed()
            self.drafts.loaded(None)  # edits stay in memory: without a workspace, nothing is saved
            self._load_pane()
        elif group == "preview":
            self.preview.failed(f"The preview failed: {error}")
        super().show_failure(group, error)

    def _fill(self, segments: list[Segment], models: list[Model]) -> None:
        listing = self.listing
        listing.fill(segments, models)
        wanted, self.wanted = self.wanted, None
        if wanted is not None and not listing.select(wanted):
            self.notify(f"No segment has the uuid {wanted}.", severity="warning")
        uuid = listing.highlighted_uuid()
        if uuid is not None:
            self._show(listing.segments[uuid])

    def select(self, uuid: str) -> bool:
        """Put the list's cursor on a segment (once the list is there); False if unknown."""
        if not self.listing.segments:
            self.wanted = uuid
            return True
        if not self.listing.select(uuid):
            return False
        self._show(self.listing.segments[uuid])
        return True

    # -- the current segment ---------------------------------------------------------------

    @on(SegmentList.Highlighted)
    def _highlighted(self, event: SegmentList.Highlighted) -> None:
        self._show(event.segment)

    @on(SegmentList.Chosen)
    def _chosen(self, event: SegmentList.Chosen) -> None:
        self._show(event.segment)
        self.action_preview()

    def _show(self, segment: Segment) -> None:
        self.current = segment
        self.listing.describe(segment, narrow=self.has_class("-narrow"))
        self.crumbs = ("Segments", segment.name)
        self.query_one(Breadcrumb).parts = self.crumbs
        if self.target is None or self.target.segment.uuid != segment.uuid:
            self.preview.clear()
        self._load_pane()

    def _load_pane(self) -> None:
        """Put the current segment's draft in the editor, once the saved drafts are known."""
        segment = self.current
        if segment is None or not self.drafts.ready or self._in_pane == segment.uuid:
            return
        self._in_pane = segment.uuid
        draft = self.drafts.draft_for(segment)
        model = self.listing.model_of(segment)
        self.filter_pane.load(draft, schema_of(model), editor_title(segment, draft))

    def on_resize(self) -> None:
        if self.current is not None:
            self.call_after_refresh(self._show, self.current)

    @on(TextArea.Changed, "#filter-editor")
    @on(Input.Changed, "#sort-input, #limit-input")
    def _remember(self) -> None:
        """Keep what is typed at every keystroke (no I/O: saving follows the debounced check)."""
        segment = self.current
        if segment is not None and self._in_pane == segment.uuid:
            self.drafts.remember(segment, self.filter_pane.draft)

    @on(FilterPane.DraftChecked)
    def _draft_checked(self, event: FilterPane.DraftChecked) -> None:
        segment = self.current
        if segment is None or self._in_pane != segment.uuid:
            return
        self._remember()
        self.filter_pane.editor.border_title = editor_title(segment, event.draft)
        if self.drafts.unsaved:
            self.save()

    @work(exclusive=True, group="drafts", exit_on_error=False)
    async def save(self) -> DraftsSaved:
        drafts = self.drafts.snapshot()
        failure = await asyncio.to_thread(save_drafts, self._workspace(), drafts)
        if failure is None:
            self.drafts.written(drafts)
        return DraftsSaved(failure)

    def on_unmount(self) -> None:
        if self.drafts.unsaved:
            save_drafts(self._workspace(), self.drafts.snapshot())

    # -- sending: every check first --------------------------------------------------------

    def _checked(self, what: str) -> tuple[Segment, Checked, SegmentRequest] | None:
        """The current segment, its checked draft and what to send; None (and why) on errors."""
        segment = self.current
        if segment is None or self._in_pane != segment.uuid:
            self.notify("Pick a segment first.", severity="warning")
            return None
        checked = self.filter_pane.check_now()
        request = checked.request(segment.model_uuid)
        if request is None:
            message = checked.refusal(what)
            self.notify(message, title="Not sent", severity="error", timeout=10)
            self.preview.refused(message)
            self.action_tab("filter")
            self.filter_pane.show_spot(checked.errors[0])
            return None
        for warning in checked.warnings:
            message = f"{warning.where}: {warning.problem.message}"
            self.notify(message, title="Sent with a warning", severity="warning")
        return segment, checked, request

    def action_preview(self) -> None:
        found = self._checked("the preview")
        if found is None:
            return
        segment, checked, request = found
        warnings = tuple(f"{w.where}: {w.problem.message}" for w in checked.warnings)
        self.target = PreviewTarget(segment, request, is_edited(segment, request), warnings)
        self.action_tab("preview")
        self._fetch(0)

    def _fetch(self, offset: int) -> None:
        if self.target is not None:
            self.preview.fetching(self.target.segment.name, offset)
            self.fetch_page(self.target, offset)

    @work(exclusive=True, group="preview", exit_on_error=False)
    async def fetch_page(self, target: PreviewTarget, offset: int) -> PreviewPage:
        client = await self.session.connect()
        request = target.request
        records = await client.segmentation.segment.fetch(
            model_uuid=request.model_uuid,
            filter=request.filter,
            sort=request.sort,
            limit=request.limit,
            fetching_limit=PAGE,
            fetching_offset=offset,
        )
        name = target.segment.name
        return PreviewPage(name, request, target.edited, offset, records, target.warnings)

    def action_page(self, step: int) -> None:
        page = self.preview.page
        if page is not None and (page.has_next if step > 0 else page.has_previous):
            self._fetch(max(0, page.offset + step * PAGE))

    def action_export(self) -> None:
        found = self._checked("the export")
        if found is None:
            return
        segment, checked, request = found
        from tui.export import SegmentSource, slug

        edited = "your edited filter" if is_edited(segment, request) else "the segment's filter"
        warned = [f"⚠ {w.where}: {w.problem.message}" for w in checked.warnings]
        source = SegmentSource(
            model_uuid=request.model_uuid,
            filter=request.filter,
            sort=request.sort,
            limit=request.limit,
            label=f"segment {segment.name}",
            stem=slug("segment", segment.slug or segment.name),
        )
        note = "\n".join([f"{segment.name}, with {edited}.", *warned])
        self.post_message(OpenExport(source, note))

    # -- the filter ------------------------------------------------------------------------

    def action_fix(self) -> None:
        self.notify(self.filter_pane.fix(), timeout=4)

    def action_fix_all(self) -> None:
        self.action_tab("filter")
        self.notify(self.filter_pane.fix_all(), timeout=4)

    def action_revert(self) -> None:
        if self.current is not None and self._in_pane == self.current.uuid:
            self.filter_pane.revert(original_draft(self.current))
            self.notify("The filter is the segment's again (ctrl+z in the editor undoes).")

    def action_form(self) -> None:
        self.filter_pane.toggle_form()

    # -- moving around ---------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#segments-tabs", TabbedContent).active = tab
        self._focus_tab(tab)

    @on(TabbedContent.TabActivated, "#segments-tabs")
    def _tab_shown(self) -> None:
        self.refresh_bindings()

    def _focus_tab(self, tab: str) -> None:
        if tab == "list":
            self.listing.table.focus()
        elif tab == "filter":
            self.filter_pane.editor.focus()
        elif self.query(".preview-table"):
            self.query(".preview-table").last().focus()
        else:
            self.preview.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.active_tab
        typing = isinstance(self.focused, Input | TextArea)
        if action == "page":
            page = self.preview.page
            forward = parameters[0] == 1 if parameters else True
            possible = page is not None and (page.has_next if forward else page.has_previous)
            return tab == "preview" and possible
        if action in ("fix", "form"):
            return tab == "filter"
        if action in ("export", "refresh", "copy_uuid", "search"):
            return not typing and (action != "search" or tab == "list")
        return True

    def action_back(self) -> None:
        """Leave a text field; else leave the screen."""
        focused = self.focused
        if isinstance(focused, Input | TextArea) and self.filter_pane in focused.ancestors:
            self.filter_pane.problems.focus()
        else:
            self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one("#segments-tabs", TabbedContent).active = "list"
        self.listing.search.open()

    def action_refresh(self) -> None:
        self.listing.refreshing()
        self.load()
        if self.active_tab == "preview" and self.target is not None:
            page = self.preview.page
            self._fetch(page.offset if page else 0)

    def uuid_target(self) -> tuple[str, str] | None:
        current = self.current
        return (f"segment {current.name}", current.uuid) if current is not None else None
