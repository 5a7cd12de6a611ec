"""``--verbose`` on the headless commands: each request they make, once answered, on stderr
with the lines that repeat it (the cargo-ai command where there is one, and curl); stdout is
left as it is, so ``cargo-tui ... --verbose > answer.json`` still writes only the answer."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.api.request_log import Entry

HELP = "print each request to stderr, with the cargo-ai and curl lines that repeat it"


def add_verbose(parser: argparse.ArgumentParser) -> None:
    """``--verbose`` on every command of ``parser`` that talks to Cargo (those that take
    ``--token``), at any depth."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                add_verbose(command)
    options = {option for action in parser._actions for option in action.option_strings}
    if "--token" in options and "--verbose" not in options:
        parser.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS, help=HELP)


def install(args: argparse.Namespace) -> None:
    """With ``--verbose``: the log the command's client writes to (``tui.connection`` hands
    it over), printing each request on stderr as it ends."""
    if not getattr(args, "verbose", False):
        return
    from tui.api.request_log import RequestLog

    log = RequestLog()
    log.subscribe(printer())
    args.request_log = log


def printer(stream: Any = None) -> Callable[[Entry], None]:
    """What prints an entry once it has ended (to ``stream``, or stderr)."""

    def said(entry: Entry) -> None:
        if not entry.done:
            return
        from tui.api.command_lines import repeat_lines

        out = stream or sys.stderr
        first, *rest = repeat_lines(entry)
        print(f"cargo-tui: {first.removeprefix('# ')}", file=out)
        for line in rest:
            print(f"  {line}", file=out)

    return said
