"""What every headless command that asks Cargo does around its work: connect as the command
line says (``--token``, ``$CARGO_API_TOKEN``, the saved credentials, ``--demo``), say so when it
cannot, run the work in asyncio, turn ctrl+c into "cancelled", and close (a ``--demo`` sandbox
stops). Imports nothing heavy: the command line is read without asyncio."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from tui.exits import EXIT_CANCELLED, EXIT_FAILED, EXIT_NOT_SIGNED_IN

if TYPE_CHECKING:
    from tui.connection import Connection

NOT_SIGNED_IN = (
    "not signed in: pass --token, set CARGO_API_TOKEN, sign in once in the app, or --demo"
)


def say(message: str) -> None:
    print(f"cargo-tui: {message}", file=sys.stderr)


def run_connected(
    args: argparse.Namespace,
    work: Callable[[Connection], Coroutine[Any, Any, int]],
    *,
    cancelled: str = "cancelled.",
) -> int:
    """``work(connection)``'s exit code, or the code of what kept it from running."""
    from tui.connection import connection_from

    try:
        connection = connection_from(args)
    except Exception as exc:  # the demo sandbox could not start, say
        say(str(exc))
        return EXIT_FAILED
    if connection is None:
        say(NOT_SIGNED_IN)
        return EXIT_NOT_SIGNED_IN
    import asyncio

    import tui.api.client  # noqa: F401 - loaded here, while a --demo sandbox boots

    try:
        return asyncio.run(work(connection))
    except KeyboardInterrupt:
        say(cancelled)
        return EXIT_CANCELLED
    finally:
        connection.close()
