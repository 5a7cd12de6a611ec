"""Textual's footer, recomposed only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

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


class KeysFooter(Footer):
    """A :class:`~textual.widgets.Footer` that recomposes only when its keys change.

    Textual's recomposes on every update of the screen's bindings (each focus change, each
    check of an action): its keys unmounted and mounted again, restyled, and the screen
    repainted. Opening Discovery did it three times over the same keys before the workspace's
    first answers could paint.
    """

    _composed: tuple[Hashable, ...] | None = None

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._composed = keys_shown(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if (
            self._composed is not None
            and self.is_attached
            and screen is self.screen
            and keys_shown(screen) == self._composed
        ):
            return
        super().bindings_changed(screen)
