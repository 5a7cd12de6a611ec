"""A bar chart drawn with block characters: one bar per point, scaled to the widget's size.

It takes plain data (labels and numbers). When there are more points than columns, it shows
the last ones that fit and says so. Negative values are drawn as zero-height bars (and the
note says the chart starts at zero).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"


class BarChart(Widget):
    """``BarChart(labels, values, title="runs by hour")``."""

    DEFAULT_CSS = """
    BarChart {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        title: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.labels = list(labels)
        self.values = [float(v) for v in values]
        self.title = title

    def shown(self, columns: int) -> tuple[int, int]:
        """How many points fit in ``columns`` cells, and how wide each bar is."""
        count = len(self.values)
        if count == 0:
            return 0, 1
        width = max(1, min(8, (columns + 1) // count - 1)) if count <= columns // 2 else 1
        step = width + (1 if width > 1 else 0)
        return min(count, max(1, columns // step)), width

    def render(self) -> RenderResult:
        if not self.values:
            return Content.styled("nothing to plot", "$text-muted")
        top = max(max(self.values), 0.0)
        axis = len(_number(top))
        plot_width = max(self.size.width - axis - 2, 1)
        plot_height = max(self.size.height - 3, 1)
        fits, bar = self.shown(plot_width)
        labels, values = self.labels[-fits:], self.values[-fits:]
        gap = " " if bar > 1 else ""
        lines: list[Content] = []
        title = self.title
        if fits < len(self.values):
            title += f"  (the last {fits:,} of {len(self.values):,} points)"
        lines.append(Content.styled(title, "bold"))
        eighths = [0 if top <= 0 else round(max(v, 0.0) / top * plot_height * 8) for v in values]
        for row in range(plot_height, 0, -1):
            floor = (row - 1) * 8
            cells = [BLOCKS[min(max(e - floor, 0), 8)] * bar for e in eighths]
            mark = _number(top) if row == plot_height else ("0" if row == 1 else "")
            lines.append(
                Content.assemble(
                    (mark.rjust(axis), "$text-muted"),
                    (" ┤", "$text-muted"),
                    (gap.join(cells), "$accent"),
                )
            )
        width = len(gap.join("x" * bar for _ in values))
        lines.append(Content.styled(" " * axis + " └" + "─" * width, "$text-muted"))
        lines.append(
            Content.styled(" " * (axis + 2) + self._axis_labels(labels, width), "$text-muted")
        )
        return Content("\n").join(lines)

    @staticmethod
    def _axis_labels(labels: list[str], width: int) -> str:
        """The first, middle and last labels, where there is room for them."""
        if not labels:
            return ""
        first, last = labels[0], labels[-1]
        if len(labels) == 1 or len(first) + len(last) + 2 > width:
            return first[:width]
        middle = labels[len(labels) // 2]
        line = first + " " * (width - len(first) - len(last)) + last
        centre = (width - len(middle)) // 2
        if centre > len(first) + 1 and centre + len(middle) < width - len(last) - 1:
            line = line[:centre] + middle + line[centre + len(middle) :]
        return line
