"""Escape and the key typed right behind it stay two keys, handled one after the other.

A terminal sends Alt+s as ESC then ``s``; so escape then ``s`` typed fast (within Textual's
100 ms escape delay), or sent in one write by tmux (which merges them within its own
escape-time, 500 ms by default), reach the app as one key, ``alt+s``. Nothing binds it: the
``s`` was lost, and a query typed next ran bindings (``S`` opened Segments, the ``s`` of
``spans`` the SQL editor, which got ``pans``). An ``alt+`` key that nothing binds is split back
into escape and its key here, and the key (with any typed after it) waits until escape has
been handled, so it reaches the screen escape leaves showing, not the dialog escape closes.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

#: Held keys go anyway after this long, should escape's path lose the :class:`EscapeDone`.
LAST_RESORT = 1.0


class EscapeDone(Message):
    """Posted right behind a split escape: it bubbles up the same path, so it reaches the app
    once every widget on the way has handled escape (or one stopped it)."""

    def __init__(self, escape: events.Key) -> None:
        super().__init__()
        self.escape = escape


def split(event: events.Key, bound: bool) -> events.Key | None:
    """The key typed behind escape, when ``event`` is an ``alt+`` key of one character that
    nothing binds (``bound``); else None."""
    character = event.character
    if bound or not event.key.startswith("alt+") or not character or len(character) != 1:
        return None
    if not character.isprintable():
        return None
    key = event.key.removeprefix("alt+")
    if key.startswith("shift+") and len(key) == len("shift+") + 1:
        key = key[-1].upper()
    return events.Key(key, character)


class EscapeKeys:
    """Splits the app's ``alt+`` keys and holds what follows until escape is handled."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        #: The escape in flight, and the input events that came behind it (None: none held).
        self._escape: events.Key | None = None
        self._held: deque[events.Event] | None = None

    async def take(self, event: events.Event) -> bool:
        """Take a key or a paste from the terminal (True): held behind an escape in flight,
        or split into escape and its key; False leaves it to the app as usual."""
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            return False
        if self._held is not None:
            self._held.append(event)
            return True
        if not isinstance(event, events.Key):
            return False
        app = self._app
        typed = split(event, event.key in app.screen.active_bindings)
        if typed is None:
            return False
        escape = events.Key("escape", "\x1b")
        target = app.focused or app.screen
        await app.on_event(escape)
        self._escape, self._held = escape, deque([typed])
        if not escape.is_forwarded or not target.post_message(EscapeDone(escape)):
            app.call_later(self.release, escape)  # a priority binding took it: done already
        app.set_timer(LAST_RESORT, partial(self.release, escape))
        return True

    def reached_app(self, event: events.Key) -> None:
        """``event`` bubbled up to the app: once its bindings have run, the keys go."""
        if event is self._escape:
            self._app.call_later(self.release, event)

    async def release(self, escape: events.Key) -> None:
        """Hand the keys held behind ``escape`` to the app, in the order typed (once: later
        calls for the same escape do nothing)."""
        if escape is not self._escape:
            return
        held, self._held, self._escape = self._held, None, None
        while held:
            if self._held is not None:  # a released key was split in turn: the rest waits
                self._held.extend(held)
                return
            await self._app.on_event(held.popleft())
