"""A row of tabs that shows whole tabs only.

Textual scrolls a row of tabs too long for its width to centre the active one, cutting the tabs
at both edges (``uery 2``). Here, when the tabs do not all fit, the row shows a window of whole
tabs holding the active one, and a marker at its right end says how many are left out on each
side (``‹2 3›``). The window stays put while the active tab is in it, as a pager's would.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.content import ContentType
from textual.widgets import Static, Tab, TabbedContent, TabPane, Tabs

#: The class that takes a tab out of the row (it can still be made active: then it shows).
OFF_ROW = "-off-row"


def window(widths: Sequence[int], active: int, room: int, first: int = 0) -> tuple[int, int]:
    """The first and last index of the tabs to show: whole tabs within ``room`` cells, the
    ``active`` one among them, starting from ``first`` if the active one fits from there."""
    if not widths:
        return 0, -1
    active = min(max(active, 0), len(widths) - 1)
    first = min(max(first, 0), active)
    while first < active and sum(widths[first : active + 1]) > room:
        first += 1
    last, used = first, widths[first]
    while last + 1 < len(widths) and used + widths[last + 1] <= room:
        last += 1
        used += widths[last]
    while first > 0 and used + widths[first - 1] <= room:
        first -= 1
        used += widths[first]
    return first, last


def marker(left: int, right: int) -> str:
    """``‹2 3›``: how many tabs are left out before and after the window."""
    return " ".join(
        part for part in (f"‹{left}" if left else "", f"{right}›" if right else "") if part
    )


class WholeTabs(TabbedContent):
    """A TabbedContent whose row of tabs shows whole tabs only, and counts the rest."""

    DEFAULT_CSS = """
    WholeTabs > .whole-tabs--more {
        position: absolute;
        overlay: screen;
        width: auto;
        height: 1;
        color: $text-muted;
        background: $background;
        display: none;
    }
    WholeTabs Tab.-off-row {
        display: none;
    }
    """

    def __init__(self, *titles: ContentType, id: str | None = None) -> None:
        super().__init__(*titles, id=id)
        #: The first tab of the window shown (kept while the active tab stays in it).
        self.first = 0

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", classes="whole-tabs--more")

    def on_resize(self) -> None:
        self.fit()

    @on(TabbedContent.TabActivated)
    def _activated(self) -> None:
        self.fit()

    def add_pane(
        self,
        pane: TabPane,
        *,
        before: TabPane | str | None = None,
        after: TabPane | str | None = None,
    ) -> AwaitComplete:
        added = super().add_pane(pane, before=before, after=after)
        self.call_after_refresh(self.fit)
        return added

    def remove_pane(self, pane_id: str) -> AwaitComplete:
        removed = super().remove_pane(pane_id)
        self.call_after_refresh(self.fit)
        return removed

    def fit(self) -> None:
        """Lay the row out again: call it when a tab's label changes (the rest is seen to)."""
        tabs = self.query_one(Tabs)
        row = list(tabs.query("#tabs-list > Tab").results(Tab))
        room = tabs.size.width
        if not row or room <= 0:
            return
        widths = [tab.styles.gutter.width + tab.label.cell_length for tab in row]
        active = next((i for i, tab in enumerate(row) if tab.has_class("-active")), 0)
        if sum(widths) <= room:
            first, last = 0, len(row) - 1
        else:
            reserve = len(marker(len(row), len(row))) + 2
            first, last = window(widths, active, room - reserve, self.first)
        self.first = first
        for index, tab in enumerate(row):
            tab.set_class(not first <= index <= last, OFF_ROW)
        said = marker(first, len(row) - 1 - last)
        more = self.query_one(".whole-tabs--more", Static)
        more.update(f" {said} ")
        more.display = bool(said)
        more.styles.offset = (max(room - len(said) - 2, 0), 0)
        # The underline under the active tab is placed from the tabs' layout: once the row has
        # been laid out again, place it again (as Textual does when it hides or shows a tab).
        tabs.call_after_refresh(tabs._highlight_active, False)
