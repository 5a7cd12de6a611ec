"""The palette providers that offer a short list of commands: each says what its commands are
now (``commands``); finding and showing them is this base's. Imported by the app at start: it
imports nothing heavy."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: (name, help, what it runs)
Command = tuple[str, str, Callable[[], object]]


class CommandList(Provider):
    #: What a hit's match score is multiplied by: below 1, this provider's hits come after
    #: another's that match the typed text as well (the palette orders hits by score alone).
    rank = 1.0

    def commands(self) -> list[Command]:
        """The commands on offer on the screen the palette was opened over."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, help_text, run in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score * self.rank, matcher.highlight(name), run, help=help_text)
