"""The Preview tab: a page of a segment's records in an Arrow-backed table, with the API's
column labels, and where that page sits in the whole (``showing 1-100 of 1,520``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from widgets.humanize import count, showing

if TYPE_CHECKING:
    from tui.api.models.catalog import Segment, SegmentRecords
    from tui.screens.segments.query import SegmentRequest

#: Records per page (``fetchingLimit``).
PAGE = 100
HINT = "enter on a segment (or ctrl+j in the Filter tab) previews its records"


@dataclass(frozen=True)
class PreviewTarget:
    """What a preview sent, kept so next and previous pages ask the same."""

    segment: Segment
    request: SegmentRequest
    edited: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class PreviewPage:
    """One page the server answered, and what was asked for it."""

    segment_name: str
    request: SegmentRequest
    #: The filter sent is the user's edit, not the segment's own.
    edited: bool
    offset: int
    records: SegmentRecords
    warnings: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.records.count

    @property
    def shown(self) -> str:
        """``showing 1-100 of 1,520``, or what to say when there is nothing."""
        total, rows = self.total, len(self.records.records)
        if total == 0:
            return "no record matches this filter"
        if rows == 0:
            return f"nothing at {count(self.offset + 1)}: the filter matches {count(total)}"
        return showing(self.offset + 1, self.offset + rows, total)

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.records.records) < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def labelled_records(
    records: Sequence[Mapping[str, Any]], columns: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Records keyed by the API's column labels, in its column order (other keys after)."""
    order = [str(c["slug"]) for c in columns if isinstance(c, Mapping) and c.get("slug")]
    for record in records:
        order += [key for key in record if key not in order]
    order = list(dict.fromkeys(order))
    given = {
        str(c["slug"]): c.get("label") for c in columns if isinstance(c, Mapping) and c.get("slug")
    }
    labels: dict[str, str] = {}
    used: set[str] = set()
    for slug in order:
        label = str(given.get(slug) or slug)
        if label in used:
            label = f"{label} ({slug})"
        used.add(label)
        labels[slug] = label
    return [{labels[slug]: record.get(slug) for slug in order} for record in records]


class PreviewPane(Vertical, can_focus=True):
    """Shows what the screen fetched; it never fetches itself. It takes the focus while there is
    no table, so that leaving another tab for this one never leaves the focus behind."""

    def __init__(self) -> None:
        super().__init__(id="preview-pane")
        self.page: PreviewPage | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(HINT, "$text-muted"), id="preview-status")
        yield Static("", id="preview-warnings")
        yield Vertical(id="preview-body")

    def _status(self, content: Content | str) -> None:
        self.query_one("#preview-status", Static).update(content)

    def _warnings(self, lines: Sequence[str]) -> None:
        warnings = self.query_one("#preview-warnings", Static)
        warnings.display = bool(lines)
        warnings.update(
            Content("\n").join(Content.styled(f"⚠ {w}", "$text-warning") for w in lines)
        )

    def clear(self, message: str = HINT) -> None:
        """Forget the shown page (another segment was picked)."""
        self.page = None
        self._status(Content.styled(message, "$text-muted"))
        self._warnings(())
        self.query_one("#preview-body", Vertical).remove_children()

    def fetching(self, segment_name: str, offset: int) -> None:
        self._status(f"Fetching the records of {segment_name} from {count(offset + 1)}…")
        self.query_one("#preview-body", Vertical).loading = True

    def failed(self, message: str) -> None:
        self.query_one("#preview-body", Vertical).loading = False
        self._status(Content.styled(message, "$text-error"))

    def refused(self, message: str) -> None:
        """The filter was not sent: say why, and leave the last page as it was."""
        self._status(Content.styled(message, "$text-error"))

    def show(self, page: PreviewPage) -> None:
        from widgets.arrow_table import arrow_table, records_to_arrow

        self.page = page
        body = self.query_one("#preview-body", Vertical)
        body.loading = False
        body.remove_children()
        which = "your edited filter" if page.edited else "the segment's filter"
        keys = []
        if page.has_previous:
            keys.append("[ previous")
        if page.has_next:
            keys.append("] next page")
        refreshing = " · the segment is refreshing" if page.records.is_refreshing else ""
        status = Content.assemble(
            (page.shown, "bold"),
            f" · {page.segment_name} · {which}{refreshing}",
            (f"   {'  '.join(keys)}" if keys else "", "$text-muted"),
        )
        self._status(status)
        self._warnings(page.warnings)
        rows = labelled_records(page.records.records, page.records.columns)
        if rows:
            # No id: the table it replaces is still being removed when this one mounts.
            table = arrow_table(records_to_arrow(rows))
            table.add_class("preview-table")
            body.mount(table)
