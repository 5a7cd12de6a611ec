"""A checkbox and a radio button that show their state in the glyph, not in colour alone.

Textual draws ``▐X▌`` and ``▐●▌`` whether on or off, and tells them apart by colour: on a
monochrome terminal, or to a colour-blind eye, a ticked box and an empty one look the same.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    """``▐X▌`` when ticked, ``▐ ▌`` when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class Choice(RadioButton):
    """``▐●▌`` for the chosen one, ``▐ ▌`` for the others."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button
