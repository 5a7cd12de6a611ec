"""``cargo-tui``'s exit codes: one list for the TUI and every headless command.

Only constants here, so ``tui.cli`` and ``tui.headless`` both import it at start for free.
"""

from __future__ import annotations

#: Done: the app closed, the rows or the file were written.
EXIT_OK = 0
#: Cargo refused or failed, a query was refused, a file could not be written.
EXIT_FAILED = 1
#: Usage: a wrong option or value (argparse's own errors exit 2 too).
EXIT_USAGE = 2
#: Not signed in: no token, or Cargo refused it.
EXIT_NOT_SIGNED_IN = 3
#: Cancelled with ^C (128 + SIGINT, as a shell reports it).
EXIT_CANCELLED = 130
