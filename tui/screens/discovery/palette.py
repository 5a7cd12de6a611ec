"""Command palette provider: ``go: <kind> <name>`` for every resource, and pasted uuids or
Cargo web URLs that jump straight to what they name (a batch's or a run's uuid too: the
workspace is asked, as it is for any uuid Discovery does not list)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.screens.command_line import is_command_line
from tui.screens.navigation import GoTo
from tui.session import session_of
from tui.session.discovery import UUID, Discovery, Entry

ASK = "not a resource Discovery lists: asks the workspace for a batch or a run with this uuid"


class GoToResource(Provider):
    """Jump to any play, tool, workflow, agent, connector, model or segment."""

    @property
    def found(self) -> Discovery | None:
        return session_of(self.app).discovered

    def _command(self, entry: Entry) -> str:
        return f"go: {entry.kind} {entry.name}"

    def _jump(self, uuid: str) -> None:
        self.app.post_message(GoTo(uuid))

    async def discover(self) -> Hits:
        found = self.found
        if found is None:
            return
        for entry in found:
            yield DiscoveryHit(
                self._command(entry), partial(self._jump, entry.uuid), help=entry.uuid
            )

    async def search(self, query: str) -> Hits:
        if is_command_line(query):  # a pasted command line: PastedCommand's
            return
        found = self.found
        pasted = found.resolve(query) if found is not None else None
        if pasted is not None:
            yield Hit(
                1.0, self._command(pasted), partial(self._jump, pasted.uuid), help=pasted.uuid
            )
            return
        uuid = UUID.search(query)
        if uuid is not None:  # not a resource Discovery lists: a batch's or a run's, maybe
            ask = partial(self._jump, uuid.group(0).lower())
            yield Hit(1.0, f"go: batch or run {uuid.group(0)}", ask, help=ASK)
            return
        if found is None:
            return
        matcher = self.matcher(query)
        for entry in found:
            command = self._command(entry)
            score = matcher.match(command)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command),
                    partial(self._jump, entry.uuid),
                    help=entry.uuid,
                )
