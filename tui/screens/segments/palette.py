"""Command palette: ``go: segments`` from anywhere, and ``segments: ...`` on the Segments screen.

Imported by the app at start, so it imports nothing heavy: the screen loads when it is opened.
"""

from __future__ import annotations

from functools import partial

from tui.screens.command_list import Command, CommandList
from tui.screens.navigation import OpenSegments
from tui.session import session_of

#: ``segments: ...`` commands: (name, help, the screen action they run).
SCREEN_COMMANDS = [
    ("segments: preview the records", "fetch the first page with the edited filter", "preview"),
    ("segments: export the records", "download and merge them into one file", "export"),
    ("segments: fix the selected problem", "ctrl+f in the Filter tab", "fix"),
    ("segments: fix every problem that has a fix", "apply the fixes one by one", "fix_all"),
    ("segments: revert the filter to the segment's", "drop your edits (ctrl+z undoes)", "revert"),
]


class SegmentCommands(CommandList):
    def commands(self) -> list[Command]:
        found: list[Command] = []
        if session_of(self.app).connection is not None:
            go = partial(self.app.post_message, OpenSegments())
            found.append(("go: segments", "filter, preview and export", go))
        from tui.screens.segments.screen import SegmentsScreen

        if isinstance(self.screen, SegmentsScreen):
            for name, help_text, action in SCREEN_COMMANDS:
                run = partial(self.screen.run_action, action)
                found.append((name, help_text, run))
        return found
