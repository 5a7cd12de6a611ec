"""A text field's own editing keys, run in the order they were typed.

Textual runs a key's binding when the key has bubbled from the focused widget back up to the
app, a hop through each parent's queue. The printable keys that follow it in the same read
(a burst over SSH, ``ctrl+u`` and a name typed fast) are inserted by the field meanwhile, so
``ctrl+u`` then ``lead`` cleared ``lead`` too, and ``abc`` then ``enter`` could submit ``abc``
plus what came next. Here the binding of a key the field binds itself (``ctrl+u``, ``ctrl+w``,
``ctrl+k``, backspace, delete, home, end, enter...) runs in the field's own queue, right after
the field has seen the key and before the next one; the app then leaves the bubbled key alone.
"""

from __future__ import annotations

import sys
import weakref
from typing import TYPE_CHECKING, Any

from textual.widgets import Input

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.widget import Widget


def is_text_field(widget: Widget | None) -> bool:
    """An editable ``Input`` or ``TextArea``. TextArea's module loads tree-sitter: only a
    screen that has one has loaded it, so it is looked up here, never imported (and may be
    half-imported still by the warm-up thread, its class not yet defined)."""
    if isinstance(widget, Input):
        return True
    text_area = getattr(sys.modules.get("textual.widgets._text_area"), "TextArea", None)
    return text_area is not None and isinstance(widget, text_area) and not widget.read_only


class FieldKeys:
    """The keys whose binding their field runs itself (the app skips them when they bubble)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._theirs: weakref.WeakSet[events.Key] = weakref.WeakSet()

    def forwarded(self, event: events.Key, field: Widget | None) -> None:
        """``event`` was just sent to ``field``, the focus: if the key is bound on the field
        itself, queue its binding behind the key in the field's queue."""
        if not is_text_field(field):
            return
        active = self._app.screen.active_bindings.get(event.key)
        if active is None or active.node is not field or active.binding.priority:
            return
        self._theirs.add(event)
        assert field is not None
        field.call_later(self._run, field, event, active.binding.action, active.enabled)

    def taken(self, event: events.Key) -> bool:
        """True for a key its field runs: the app must not run its binding again."""
        return event in self._theirs

    async def _run(self, field: Widget, event: events.Key, action: str, enabled: bool) -> None:
        # The field stopped the key when it handled it itself (the SQL editor's dropdown
        # takes up and down): Textual would not have run the binding either.
        if event._stop_propagation or not enabled or not field.is_attached:
            return
        await self._app.run_action(action, field)
