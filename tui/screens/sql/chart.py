"""The chart of a result (``c``): one number column along one x axis, both picked by key.

``y`` / ``Y`` plot the next / previous number column, ``x`` / ``X`` put the next / previous
column along the x axis (times spaced by time, then text and numbers one bar per row, then the
row's number); the title names both and says which of how many each is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from tui.screens.sql.series import Choices, choices, points
from widgets.bar_chart import BarChart

if TYPE_CHECKING:
    import pyarrow as pa


class ChartDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,c", "dismiss(None)", "Close", id="dialog-close"),
        Binding("y", "pick_y(1)", "Next number column", id="chart-next-y"),
        Binding("Y", "pick_y(-1)", "Previous number column", id="chart-previous-y"),
        Binding("x", "pick_x(1)", "Next x axis", id="chart-next-x"),
        Binding("X", "pick_x(-1)", "Previous x axis", id="chart-previous-x"),
    ]

    def __init__(self, table: pa.Table, offered: Choices) -> None:
        super().__init__()
        self.table, self.offered = table, offered
        self.x = offered.xs[0]
        self.y = offered.ys_for(self.x)[0]

    @classmethod
    def of(cls, table: pa.Table) -> ChartDialog | None:
        """The chart of ``table``, or None when it has no number column."""
        offered = choices(table)
        return None if offered is None else cls(table, offered)

    def compose(self) -> ComposeResult:
        with Vertical(classes="sql-dialog sql-chart") as box:
            box.border_title = "Chart"
            box.border_subtitle = self._keys()
            x, values = points(self.table, self.x, self.y)
            yield BarChart(x, values, title=self._title(), id="chart")

    def _title(self) -> Content:
        xs, ys = self.offered.xs, self.offered.ys_for(self.x)
        picks = f"   y {ys.index(self.y) + 1}/{len(ys)} · x {xs.index(self.x) + 1}/{len(xs)}"
        return Content.assemble((f"{self.y.name} by {self.x.name}", "bold"), (picks, "$text-muted"))

    def _keys(self) -> str:
        keys = []
        if len(self.offered.ys_for(self.x)) > 1:
            keys.append("y/Y value")
        keys += ["x/X axis", "←→ bar", "esc close"]
        return " · ".join(keys)

    def _replot(self) -> None:
        x, values = points(self.table, self.x, self.y)
        self.query_one(BarChart).plot(x, values, title=self._title())
        self.query_one(".sql-chart").border_subtitle = self._keys()

    def action_pick_y(self, by: int) -> None:
        ys = self.offered.ys_for(self.x)
        self.y = ys[(ys.index(self.y) + by) % len(ys)]
        self._replot()

    def action_pick_x(self, by: int) -> None:
        xs = self.offered.xs
        self.x = xs[(xs.index(self.x) + by) % len(xs)]
        ys = self.offered.ys_for(self.x)
        if self.y not in ys:  # the column plotted went along the x axis
            self.y = ys[0]
        self._replot()
