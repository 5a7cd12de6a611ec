"""Tabbed panes that follow the focus only while it stays: Textual's TabbedContent shows the
pane a widget was focused in once that news arrives, even when the focus has moved on since."""

from __future__ import annotations

from textual.widgets import TabbedContent, TabPane


class Tabbed(TabbedContent):
    """A TabbedContent whose pane follows the focus only if the focus is still in it.

    A burst of tab keys (``m`` then ``b`` in one read) focused the Metrics list and then the
    Batches one; the news of the first focus came last and showed Metrics again, hiding the
    list that had the focus, so no key reached a list until tab was pressed twice."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors:
            event.prevent_default()  # the focus moved on: the tab shown stays
            event.stop()
