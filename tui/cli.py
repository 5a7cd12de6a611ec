"""``cargo-tui``: the TUI, the sandbox server, and headless query and export."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from tui import __version__
from tui.exits import EXIT_OK


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="cargo-tui",
        description="A keyboard-first terminal explorer for a Cargo workspace: plays, tools, "
        "batches, runs, node outputs, SQL over runs/batches/spans/records, and exports.",
        epilog="With no token and no --demo, the app opens a sign-in screen. "
        "Run 'cargo-tui sandbox serve --help' for the local Cargo API emulator, "
        "'cargo-tui query --help' to run SQL headless, 'cargo-tui export --help' for "
        "exports without the TUI (and their exit codes), and 'cargo-tui orchestration --help' "
        "for cargo-ai's analytics commands, word for word (also ai, connection, storage and "
        "segmentation).",
    )
    ap.add_argument("--version", action="version", version=f"cargo-tui {__version__}")
    ap.add_argument(
        "--demo",
        action="store_true",
        help="open the demo workspace: starts the local sandbox on a free loopback port",
    )
    ap.add_argument(
        "--token",
        help="Cargo API token (default: $CARGO_API_TOKEN, else the saved credentials)",
    )
    ap.add_argument(
        "--base-url",
        help="Cargo API base URL (default: $CARGO_API_BASE_URL, else https://api.getcargo.io/v1)",
    )
    ap.add_argument("--workspace", metavar="UUID", help="the workspace to open, for a user token")
    ap.add_argument(
        "--allow-writes",
        action="store_true",
        help="allow actions that change the workspace (re-run, cancel); each still asks first",
    )
    commands = ap.add_subparsers(dest="command", metavar="COMMAND")
    sandbox = commands.add_parser(
        "sandbox",
        help="the local Cargo API emulator",
        description="The local Cargo API emulator. 'cargo-tui sandbox serve --help' for options.",
    )
    sandbox.add_argument("action", choices=["serve"], help="serve: run it until stopped")
    sandbox.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    from tui.headless.cargo_ai import add_commands as add_cargo_ai
    from tui.headless.export import add_parser as add_export
    from tui.headless.query import add_parser as add_query

    add_query(commands)
    add_export(commands)
    add_cargo_ai(commands)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "sandbox":
        from tui.sandbox.server import main as serve

        return serve(args.rest, prog="cargo-tui sandbox serve")
    if args.command == "query":
        from tui.headless.query import run as run_query

        return run_query(args)
    if args.command == "export":
        from tui.headless.export import run as run_export

        return run_export(args)
    if getattr(args, "cargo_ai", None):
        from tui.headless.cargo_ai_run import run as run_cargo_ai

        return run_cargo_ai(args)
    return run_tui(args)


def run_tui(args: argparse.Namespace) -> int:
    from tui.connection import connection_from

    connection = connection_from(args)
    from tui.app import CargoApp
    from tui.pastes import keep_pastes_whole

    keep_pastes_whole()
    app = CargoApp(connection)
    try:
        app.run()
    finally:
        if app.session.connection is not None:
            # Asked, not awaited: the sandbox removes its scratch folder and goes within a
            # fraction of a second, and goes as surely if we die first (server.py).
            app.session.connection.ask_to_stop()
    _leave(app.return_code or EXIT_OK)


def _leave(code: int) -> NoReturn:
    """End the process now that the app has: the terminal is restored, every screen closed
    (what it keeps is saved), every task and thread of the app finished and the sandbox
    stopped. What the interpreter would do next is free its heap object by object (a full
    collection of the modules, models and screens loaded): 0.4-0.9 s with nothing to show
    for it, while the shell waits. The kernel frees it at once."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
