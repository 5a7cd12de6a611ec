"""The session's API log (``L``, ``f9``, or ``session: API log`` in the palette): every request
the app made, with the lines that repeat it; and "how this was fetched", the requests behind
the screen the user is on.

This package is imported by the app at start: it holds only what every screen needs at once,
who asked for each request (:func:`request_origin`) and the palette's commands; the screen
itself (``screen.py``) loads when it is opened."""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.worker import active_worker

from tui.api.request_log import Origin

_keys: weakref.WeakKeyDictionary[Screen[object], int] = weakref.WeakKeyDictionary()
_next_key = itertools.count(1)


def screen_key(screen: Screen[object]) -> int:
    """A number for ``screen``, its own for as long as it lives (an ``id`` may be reused by
    the next screen once this one is gone)."""
    if screen not in _keys:
        _keys[screen] = next(_next_key)
    return _keys[screen]


def screen_name(screen: Screen[object]) -> str:
    """The screen in words: its breadcrumb, else its class."""
    crumbs = getattr(screen, "crumbs", ())
    if crumbs:
        return " › ".join(str(crumb) for crumb in crumbs)
    return type(screen).__name__.removesuffix("Screen") or "Screen"


def request_origin() -> Origin | None:
    """The screen whose worker is sending the request now (the worker's node is the screen
    or one of its widgets); None outside a worker, or for the app's own."""
    worker = active_worker.get(None)
    if worker is None:
        return None
    node = worker.node
    if isinstance(node, Screen):
        screen = node
    else:
        try:
            screen = node.screen
        except Exception:  # the app, or a widget no longer on a screen
            return None
    return screen_key(screen), screen_name(screen)


#: (name, help, whether it opens on the requests behind the screen the palette was opened on)
COMMANDS = [
    ("session: API log", "every request of this session, with its cargo-ai and curl lines (L)",
     False),
    ("session: how this was fetched", "the requests behind this screen, as command lines",
     True),
]  # fmt: skip


class ApiLogCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        opener = getattr(self.app, "open_api_log", None)
        if opener is None:
            return []
        return [
            (name, help_text, partial(opener, self.screen if this_screen else None))
            for name, help_text, this_screen in COMMANDS
        ]

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
