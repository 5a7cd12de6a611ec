"""Command palette: ``release: compare``, on the workflow in view (from its workflow screen, its
runs, a run, a release diff), or, with none in view, ``release: compare <play or tool>`` for
each workflow Discovery lists.

Imported by the app at start, so it imports nothing heavy: the picker loads when it is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tui.screens.navigation import OpenReleaseDiff
from tui.session import session_of

COMMAND = "release: compare"
HELP = "two releases of {name}, node by node (pick them; the deployed and the one before first)"


def workflow_in_view(screens: list[Screen[object]]) -> tuple[Screen[object], str, str] | None:
    """The topmost screen about one workflow: it, the workflow's uuid and its name."""
    for screen in reversed(screens):
        context = getattr(screen, "context", None)
        uuid = getattr(context, "uuid", None) or getattr(screen, "workflow_uuid", None)
        uuid = uuid or getattr(screen, "context_uuid", None)
        if isinstance(uuid, str):
            name = getattr(context, "owner_name", None) or f"workflow {uuid[:8]}"
            return screen, uuid, name
    return None


class ReleaseCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        session = session_of(self.app)
        if session.connection is None:
            return []
        shown = workflow_in_view(list(self.app.screen_stack))
        if shown is not None:
            screen, uuid, name = shown
            action = getattr(screen, "action_compare_releases", None)
            run = action if callable(action) else partial(self._open, uuid, name)
            return [(COMMAND, HELP.format(name=name), run)]
        found = session.discovered
        if found is None:
            return []
        return [
            (f"{COMMAND} {owner.name}", HELP.format(name=owner.name),
             partial(self._open, uuid, owner.name))
            for uuid, owner in sorted(found.owner_of.items(), key=lambda i: i[1].name.lower())
        ]  # fmt: skip

    def _open(self, workflow_uuid: str, name: str) -> None:
        self.app.post_message(OpenReleaseDiff(workflow_uuid, title=name))

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
