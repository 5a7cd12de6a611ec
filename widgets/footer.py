"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's removes and mounts every key of the footer on each change of the screen's bindings:
every change of focus, four times for one switch of tab, each a layout and a restyle of a dozen
widgets (the most of what a tab switch costs; opening Discovery did it three times over the same
keys before the workspace's first answers could paint). This one rebuilds once per refresh at
most, and only when the keys it would show (or whether they are enabled) differ from those it
shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from collections.abc import Hashable

    from textual.app import ComposeResult
    from textual.screen import Screen


def keys_shown(screen: Screen[object]) -> tuple[Hashable, ...]:
    """What a footer on ``screen`` shows: each shown binding's key, as displayed, its action,
    words, state and group, in order."""
    app = screen.app
    return tuple(
        (
            key,
            binding.key,
            app.get_key_display(binding),
            binding.action,
            binding.description,
            binding.show,
            enabled,
            tooltip,
            binding.group,
        )
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == app.COMMAND_PALETTE_BINDING
    )


class Footer(TextualFooter):
    #: What the keys shown were built from (None: not built yet).
    _shown: tuple[Hashable, ...] | None = None
    _rebuild_asked = False

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = keys_shown(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
                # Made as its binding to the footer's ``compact`` makes it as it mounts: made
                # compact (the key's default), then not, it was styled three times, not once.
                # (The palette's key is not bound: it stays compact.)
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_asked = False
        if self.is_attached and keys_shown(self.screen) != self._shown:
            await self.recompose()
