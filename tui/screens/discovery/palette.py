"""Command palette provider: ``go: <kind> <name>`` for every resource, and pasted uuids or
Cargo web URLs that jump straight to what they name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.screens.command_line import is_command_line
from tui.screens.navigation import GoTo
from tui.session import session_of
from tui.session.discovery import Discovery, Entry


class GoToResource(Provider):
    """Jump to any play, tool, workflow, agent, connector, model or segment."""

    @property
    def found(self) -> Discovery | None:
        return session_of(self.app).discovered

    def _command(self, entry: Entry) -> str:
        return f"go: {entry.kind} {entry.name}"

    def _jump(self, entry: Entry) -> None:
        self.app.post_message(GoTo(entry.uuid))

    async def discover(self) -> Hits:
        found = self.found
        if found is None:
            return
        for entry in found:
            yield DiscoveryHit(self._command(entry), partial(self._jump, entry), help=entry.uuid)

    async def search(self, query: str) -> Hits:
        found = self.found
        if found is None or is_command_line(query):  # a pasted command line: PastedCommand's
            return
        pasted = found.resolve(query)
        if pasted is not None:
            yield Hit(1.0, self._command(pasted), partial(self._jump, pasted), help=pasted.uuid)
            return
        matcher = self.matcher(query)
        for entry in found:
            command = self._command(entry)
            score = matcher.match(command)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(command), partial(self._jump, entry), help=entry.uuid
                )
