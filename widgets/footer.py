"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's removes and mounts every key of the footer on each change of the screen's bindings:
every change of focus, four times for one switch of tab, each a layout and a restyle of a dozen
widgets (the most of what a tab switch costs). This one rebuilds once per refresh at most, and
only when the keys it would show (or whether they are enabled) differ from those it shows.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        #: What the keys shown were built from (None: not built yet).
        self._shown: Hashable | None = None
        self._rebuild_asked = False

    def _keys(self) -> Hashable:
        """What :meth:`compose` builds the keys from."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, b.key_display, b.action, b.description, b.group, b.show, enabled, tip)
            for key, (_node, b, enabled, tip) in self.screen.active_bindings.items()
            if b.show or key == palette
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_asked = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
