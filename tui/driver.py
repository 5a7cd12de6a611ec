"""The terminal driver: Textual's own, except that a quit does not wait on its input thread.

Textual's input thread polls the terminal every 100 ms and, told to stop, polls once more with
nothing to read (another 100 ms); ``disable_input`` joins it, so every quit waited 0.1–0.2 s
for it before the terminal was restored. Quitting, we tell it to stop (it reads nothing more
once it notices, and the pending input is discarded as Textual does) and restore the terminal
at once: the thread ends on its own, or with the process (``cli.run_tui``). Suspending (for an
editor) keeps Textual's way: the thread must be gone before another program reads the terminal.
"""

from __future__ import annotations

import contextlib
import signal
import termios

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver


class QuittingDriver(LinuxDriver):
    def disable_input(self) -> None:
        if not self._app._exit:
            super().disable_input()
            return
        if self.exit_event.is_set():
            return
        with contextlib.suppress(Exception):  # as Textual's: the terminal may be gone
            signal.signal(signal.SIGWINCH, signal.SIG_DFL)
            self._disable_mouse_support()
            self.exit_event.set()  # left set: the thread stops, and this runs once
            termios.tcflush(self.fileno, termios.TCIFLUSH)


def quitting_fast(driver: type[Driver]) -> type[Driver]:
    """``driver``, or the quitting one in its place when it is Textual's Linux driver."""
    return QuittingDriver if driver is LinuxDriver else driver
