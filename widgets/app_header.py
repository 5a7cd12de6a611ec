"""The one-line header: product, workspace, mode badges, and the two keys worth knowing."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class AppHeader(Widget):
    """``cargo-tui  Acme GTM  SANDBOX  READ-ONLY            ? help  ^p palette``."""

    DEFAULT_CSS = """
    AppHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    workspace: reactive[str] = reactive("")
    badges: reactive[tuple[str, ...]] = reactive(())
    hints: reactive[str] = reactive("? help  ^p palette")

    BADGE_STYLES = {
        "SANDBOX": "bold $text-warning on $warning-muted",
        "LIVE": "bold $text-success on $success-muted",
        "READ-ONLY": "bold $text-primary on $primary-muted",
        "WRITES ON": "bold $text-error on $error-muted",
    }

    def render(self) -> RenderResult:
        parts: list[Content | str | tuple[str, str]] = [("cargo-tui", "bold $accent"), "  "]
        if self.workspace:
            parts += [(self.workspace, "bold"), "  "]
        for badge in self.badges:
            parts += [(f" {badge} ", self.BADGE_STYLES.get(badge, "reverse")), " "]
        left = Content.assemble(" ", *parts)
        right = Content.styled(self.hints + " ", "$text-muted")
        gap = max(1, self.size.width - left.cell_length - right.cell_length)
        if left.cell_length + right.cell_length + 1 > self.size.width:
            return left
        return Content.assemble(left, " " * gap, right)
