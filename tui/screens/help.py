"""Help (``?`` or ``f1``): every key that works where the user is, the screen's own first, then
those of the pane with the focus, then those that work everywhere; one list that scrolls with
the keyboard, so that at 80x24 the last key is as reachable as the first.

The keys are read from the screen's active bindings when help opens (remapped keys as
remapped, a key bound twice under the binding that runs)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

#: Textual's sideways scrolling: no list here is wider than its pane.
SKIPPED = {"scroll_left", "scroll_right", "page_left", "page_right"}
#: What every Textual screen binds (tab, shift+tab...): said with the keys of everywhere.
EVERY_SCREEN = {b.action for b in Screen.BINDINGS if isinstance(b, Binding)}
#: Descriptions said better than the binding's short label.
DESCRIPTIONS = {
    "command_palette": "Command palette: go to anything by name or uuid",
    "help": "This help",
}
#: The focused widget in words, when no pane around it has a title.
KINDS = {"DataTable": "The list", "Tree": "The list", "Input": "The text field",
         "TextArea": "The editor", "PagedTable": "The list"}  # fmt: skip
KEYS_WIDTH = 14


@dataclass
class KeyGroup:
    title: str
    #: (keys, what they do), in the order the bindings are declared.
    rows: list[tuple[str, str]] = field(default_factory=list)


def key_groups(app: App[Any], screen: Screen[Any]) -> list[KeyGroup]:
    """``screen``'s keys, then the focused pane's, then the app's, as they would run now."""
    here = KeyGroup(screen_title(screen))
    focused = KeyGroup(_focus_title(screen.focused))
    everywhere = KeyGroup("Everywhere")
    merged: dict[tuple[int, str], tuple[KeyGroup, list[str], str]] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if binding.system or binding.action in SKIPPED or not active.enabled:
            continue
        if node is app or (node is screen and binding.action in EVERY_SCREEN):
            group = everywhere
        else:
            group = here if node is screen else focused
        keys = app.get_key_display(binding)
        place = (id(node), binding.action)  # one row per action, its keys together
        if place in merged:
            merged[place][1].append(keys)
            continue
        description = (
            _described(screen, binding.action, node)
            or DESCRIPTIONS.get(binding.action)
            or binding.description
            or binding.action
        )
        merged[place] = (group, [keys], description)
    for group, all_keys, description in merged.values():
        group.rows.append((" ".join(dict.fromkeys(all_keys)), description))
    return [group for group in (here, focused, everywhere) if group.rows]


def _described(screen: Screen[Any], action: str, node: object) -> str | None:
    """What ``action`` of ``node`` does here, as the screen says it (``describe_key``: a
    screen whose ``enter`` opens what is selected says what it opens)."""
    describe = getattr(screen, "describe_key", None)
    said = describe(action, node) if callable(describe) else None
    return said if isinstance(said, str) else None


def _words(name: str) -> str:
    """``RunDetailScreen`` -> ``Run detail``."""
    words = re.findall(r"[A-Z][a-z0-9]*", re.sub(r"Screen$", "", name)) or [name]
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def screen_title(screen: Screen[Any]) -> str:
    crumbs: tuple[str, ...] = getattr(type(screen), "crumbs", ())
    return crumbs[0] if crumbs else _words(type(screen).__name__)


def _focus_title(focused: Widget | None) -> str:
    """The focused pane by its title (a bordered pane's), else by what it is."""
    node: Widget | None = focused
    while isinstance(node, Widget) and not isinstance(node, Screen):
        if node.border_title:
            return f"{node.border_title} (focused)"
        node = node.parent if isinstance(node.parent, Widget) else None
    if focused is None:
        return "Focused"
    kinds = [KINDS[k] for k in (c.__name__ for c in type(focused).__mro__) if k in KINDS]
    return f"{kinds[0] if kinds else _words(type(focused).__name__)} (focused)"


def render_groups(groups: list[KeyGroup]) -> Content:
    lines: list[Content] = []
    width = min(KEYS_WIDTH, max((len(k) for g in groups for k, _ in g.rows), default=0))
    for group in groups:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(group.title, "bold underline $text-primary"))
        for keys, description in group.rows:
            lines.append(
                Content.assemble((f"{keys:>{width}}", "bold $text-accent"), "  ", description)
            )
    return Content("\n").join(lines)


class KeysScroll(VerticalScroll):
    """The list of keys: the arrows, page up and down, home and end scroll it; j k g G too."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]


class HelpScreen(ModalScreen[None]):
    """The keys of the screen under it (:func:`key_groups`)."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss(None)", "Close help", id="help-close"),
    ]

    def __init__(self, groups: list[KeyGroup], title: str) -> None:
        super().__init__()
        self.groups = groups
        self.help_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="help") as box:
            box.border_title = f"Keys · {self.help_title}"
            box.border_subtitle = "↑↓ pgup pgdn scroll · esc close"
            with KeysScroll(id="help-keys"):
                yield Static(render_groups(self.groups), id="help-text")

    def on_mount(self) -> None:
        self.query_one(KeysScroll).focus()
