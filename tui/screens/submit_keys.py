"""The keys typed behind a field's enter wait until the field's submission has been handled.

An enter submits an ``Input``; what the submission does (Discovery's filter hands the focus to
its tree, a dialog closes) is done by handlers up the field's parents, a hop through each one's
queue. Keys that came in the same read (a paste, a burst over SSH) were routed meanwhile, to
the field being left: ``/``, a play's name, enter, enter submitted the filter twice and never
opened the play. Here the keys behind such an enter wait, and go once the submission has
reached the app, each to where the focus is then, in the order they were typed.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

#: Held keys go anyway after this long, should the submission's path lose its message.
LAST_RESORT = 0.5


class SubmitHandled(Message):
    """Posted to a field right behind its ``Submitted``: it bubbles up the same path, so it
    reaches the app once every handler on the way has run."""

    def __init__(self, enter: events.Key) -> None:
        super().__init__()
        self.enter = enter


class SubmitKeys:
    """Holds the keys typed behind an enter that submits a field, until it is handled."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        #: The enter in flight (None: no key waits), and whether it has bubbled back to the app.
        self._enter: events.Key | None = None
        self._back = False
        #: Keys routed before the enter was known, that came back to the app behind it...
        self._bubbled: deque[events.Event] = deque()
        #: ...and the keys and pastes read from the terminal since (typed after those).
        self._typed: deque[events.Event] = deque()

    def wait(self, enter: events.Key, *, back: bool) -> None:
        """Hold the keys that follow ``enter`` (``back``: it has reached the app already)."""
        self._enter, self._back = enter, back
        self._app.set_timer(LAST_RESORT, partial(self.release, enter))

    def submitted(self, field: Widget, enter: events.Key) -> None:
        """``field`` has posted what ``enter`` submitted: the keys go once that is handled."""
        if not field.post_message(SubmitHandled(enter)):
            self._app.call_later(self.release, enter)

    def take(self, event: events.Event) -> bool:
        """Hold a key or a paste read from the terminal while an enter is in flight (True)."""
        if self._enter is None or not isinstance(event, events.Key | events.Paste):
            return False
        if event.is_forwarded:
            return False
        self._typed.append(event)
        return True

    def take_bubbled(self, event: events.Key) -> bool:
        """Hold a key that reached the app behind the enter in flight (routed to the widget
        focused before the enter was read): True, and the app must leave it alone."""
        if event is self._enter:
            self._back = True
            return False
        if self._enter is None or not self._back:
            return False  # typed before the enter: its binding runs now, as usual
        self._bubbled.append(events.Key(event.key, event.character))
        return True

    async def release(self, enter: events.Key) -> None:
        """Hand the keys held behind ``enter`` to the app, in the order typed (once: later
        calls for the same enter do nothing)."""
        if enter is not self._enter:
            return
        held = deque([*self._bubbled, *self._typed])
        self._bubbled.clear()
        self._typed.clear()
        self._enter = None
        while held:
            if self._enter is not None:  # a released enter submitted a field in turn
                self._typed.extend(held)
                return
            await self._app.on_event(held.popleft())
