"""Command palette: ``release: compare``, on the workflow in view (from its workflow screen, its
runs, a run, a release diff), or, with none in view, ``release: compare <play or tool>`` for
each workflow Discovery lists.

Imported by the app at start, so it imports nothing heavy: the picker loads when it is opened.
"""

from __future__ import annotations

from functools import partial

from textual.screen import Screen

from tui.screens.command_list import Command, CommandList
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


class ReleaseCommands(CommandList):
    # Typing a play's name, its ``go:`` hit is the one enter runs, not its release comparison.
    rank = 0.9

    def commands(self) -> list[Command]:
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
