"""Command palette: ``run: compare with a successful run`` in run detail, and ``run: compare
with another run`` in the run diff. Imported by the app at start: it imports nothing heavy."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: (name, help, the screen action it runs, the name of the screen it is offered on)
COMMANDS = [
    ("run: compare with a successful run", "the run diff against its nearest success (=)",
     "compare", "RunDetailScreen"),
    ("run: compare with another run", "name the run to compare with, by uuid or prefix (=)",
     "name_run", "RunDiffScreen"),
]  # fmt: skip


class RunDiffCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        # By the screen's class name: importing the screens here would load them at start.
        here = type(self.screen).__name__
        return [
            (name, help_text, partial(self.screen.run_action, action))
            for name, help_text, action, screen in COMMANDS
            if screen == here
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
