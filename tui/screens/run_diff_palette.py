"""Command palette: ``run: compare with a successful run`` in run detail, and ``run: compare
with another run`` in the run diff. Imported by the app at start: it imports nothing heavy."""

from __future__ import annotations

from functools import partial

from tui.screens.command_list import Command, CommandList

#: (name, help, the screen action it runs, the name of the screen it is offered on)
COMMANDS = [
    ("run: compare with a successful run", "the run diff against its nearest success (=)",
     "compare", "RunDetailScreen"),
    ("run: compare with another run", "name the run to compare with, by uuid or prefix (=)",
     "name_run", "RunDiffScreen"),
]  # fmt: skip


class RunDiffCommands(CommandList):
    def commands(self) -> list[Command]:
        # By the screen's class name: importing the screens here would load them at start.
        here = type(self.screen).__name__
        return [
            (name, help_text, partial(self.screen.run_action, action))
            for name, help_text, action, screen in COMMANDS
            if screen == here
        ]
