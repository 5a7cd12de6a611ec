"""Command palette: ``follow: failures`` from anywhere (imported by the app at start, so it
imports nothing heavy: the screen loads when it is opened)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.screens.navigation import OpenFollow
from tui.session import session_of

NAME = "follow: failures"
HELP = "new failed runs of every workflow as they happen; watches that ring"


class FollowCommands(Provider):
    def _available(self) -> bool:
        return session_of(self.app).connection is not None

    async def discover(self) -> Hits:
        if self._available():
            yield DiscoveryHit(NAME, partial(self.app.post_message, OpenFollow()), help=HELP)

    async def search(self, query: str) -> Hits:
        if not self._available():
            return
        matcher = self.matcher(query)
        score = matcher.match(NAME)
        if score > 0:
            run = partial(self.app.post_message, OpenFollow())
            yield Hit(score, matcher.highlight(NAME), run, help=HELP)
