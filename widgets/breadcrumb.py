"""Where you are: ``Plays › Enrich new companies › Batch today 11:40 › Failed``."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class Breadcrumb(Widget):
    DEFAULT_CSS = """
    Breadcrumb {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    parts: reactive[tuple[str, ...]] = reactive(())

    def __init__(self, parts: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Breadcrumb.parts, tuple(parts))

    def render(self) -> RenderResult:
        if not self.parts:
            return ""
        pieces: list[Content | str | tuple[str, str]] = []
        for index, part in enumerate(self.parts):
            last = index == len(self.parts) - 1
            pieces.append((part, "bold $foreground") if last else part)
            if not last:
                pieces.append(" › ")
        return Content.assemble(*pieces)
