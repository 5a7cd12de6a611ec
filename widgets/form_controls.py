"""Form controls for the app's dialogs, in place of Textual's own.

- :class:`Checkbox` and :class:`RadioButton` show their state in their shape, ``[x]`` ``[ ]``
  and ``(•)`` ``( )``, and in their colour (the mark in the theme's success colour, bold; an
  unticked box dim). Textual's ``▐X▌`` and ``▐●▌`` differ in colour only, which a
  monochrome terminal, a colour-blind user or a washed-out theme cannot tell apart.
- :class:`Checkbox` ticks with ``space`` only, and :class:`Select` opens with ``space``, ``up``
  or ``down``: ``enter`` goes on to the dialog, which submits from any field (Textual's
  bind ``enter`` too, so a dialog whose hint says "enter exports" toggled a box instead).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widgets import Checkbox as TextualCheckbox
from textual.widgets import RadioButton as TextualRadioButton
from textual.widgets import Select as TextualSelect

__all__ = ["Checkbox", "RadioButton", "Select"]

SelectType = TypeVar("SelectType", bound=Hashable)

#: The sides of a checkbox and of a radio button, and the mark between them when ticked.
BOX = ("[", "x", "]")
DOT = ("(", "•", ")")


def _shaped(toggle: TextualCheckbox | TextualRadioButton, shape: tuple[str, str, str]) -> Content:
    """``[x] label`` / ``[ ] label``: the button first, then its label (as Textual pads it)."""
    left, mark, right = shape
    if toggle.value:
        colour = toggle.get_visual_style("toggle--button").foreground
        button = Content.assemble(left, (mark, Style(foreground=colour, bold=True)), right)
    else:
        button = Content.assemble((f"{left} {right}", Style(dim=True)))
    label = toggle.label.pad(1, 1).stylize_before(toggle.get_visual_style("toggle--label"))
    return Content.assemble(button, label)


def _width(toggle: TextualCheckbox | TextualRadioButton) -> int:
    return 3 + (toggle.label.cell_length + 2 if toggle.label else 0)


class Checkbox(TextualCheckbox, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Toggle", show=False),
    ]

    def render(self) -> Content:
        return _shaped(self, BOX)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return _width(self)


class RadioButton(TextualRadioButton):
    """Its keys are its :class:`~textual.widgets.RadioSet`'s; only its look changes."""

    def render(self) -> Content:
        return _shaped(self, DOT)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return _width(self)


class Select(TextualSelect[SelectType], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,space,up", "show_overlay", "Show menu", show=False),
    ]
