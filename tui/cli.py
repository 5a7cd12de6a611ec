"""``cargo-tui``: the TUI, the sandbox server, and headless query and export."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import NoReturn

from tui import __version__
from tui.exits import EXIT_OK


def parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without ``commands``, the TUI's options alone (see :func:`parse`)."""
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
    if not commands:
        return ap
    subparsers = ap.add_subparsers(dest="command", metavar="COMMAND")
    sandbox = subparsers.add_parser(
        "sandbox",
        help="the local Cargo API emulator",
        description="The local Cargo API emulator. 'cargo-tui sandbox serve --help' for options.",
    )
    sandbox.add_argument("action", choices=["serve"], help="serve: run it until stopped")
    sandbox.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    from tui.headless.cargo_ai import add_commands as add_cargo_ai
    from tui.headless.export import add_parser as add_export
    from tui.headless.query import add_parser as add_query

    add_query(subparsers)
    add_export(subparsers)
    add_cargo_ai(subparsers)
    from tui.headless.release_diff import add_parser as add_release_diff

    add_release_diff(subparsers)

    from tui.headless.run_diff import add_parser as add_run_diff

    add_run_diff(subparsers)
    from tui.headless.verbose import add_verbose

    add_verbose(ap)
    return ap


def parse(argv: list[str]) -> argparse.Namespace:
    """``argv`` read. The commands' parsers (every cargo-ai verb, and the modules that spell
    them) cost the TUI's start ~50 ms: they are built only when ``argv`` names more than the
    TUI's options can read, or asks for help; then the whole parser reads it, as always."""
    if not {"-h", "--help"} & set(argv):
        options = parser(commands=False)
        options.error = _not_options_alone  # type: ignore[method-assign]
        try:
            args, rest = options.parse_known_args(argv)
        except _NotOptionsAlone:
            rest = argv
        if not rest:
            args.command = None
            return args
    return parser().parse_args(argv)


class _NotOptionsAlone(Exception):
    """What the TUI's options alone cannot read: the whole parser reads it (and says why not)."""


def _not_options_alone(message: str) -> NoReturn:
    raise _NotOptionsAlone(message)


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names. Without ``argv`` (the process's own command line: the
    ``cargo-tui`` script), a TUI or headless command that ran ends the process (:func:`_leave`)."""
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command == "sandbox":
        from tui.sandbox.server import main as serve

        return serve(args.rest, prog="cargo-tui sandbox serve")
    headless = getattr(args, "cargo_ai", None) or getattr(args, "headless", None)
    if args.command in ("query", "export", "run") or headless:
        from tui.connection import start_demo

        sandbox = start_demo(args)  # --demo: it boots while the command loads
        try:
            code = run_headless(args)
        finally:
            if sandbox is not None:
                # Reaped, unlike the TUI's: its scratch folder is removed once it is gone,
                # when nothing in it (chDB loading the history) writes any more.
                sandbox.stop()
    else:
        code = run_tui(args)
    if argv is None:
        _leave(code)
    return code


def run_headless(args: argparse.Namespace) -> int:
    from tui.headless.verbose import install as verbose

    verbose(args)  # --verbose: each request on stderr
    if args.command == "query":
        from tui.headless.query import run as run_query

        return run_query(args)
    if args.command == "export":
        from tui.headless.export import run as run_export

        return run_export(args)
    if getattr(args, "headless", None) == "release diff":
        from tui.headless.release_diff import run as run_release_diff

        return run_release_diff(args)

    if args.command == "run":
        from tui.headless.run_diff import run as run_diff

        return run_diff(args)
    from tui.headless.cargo_ai_run import run as run_cargo_ai

    return run_cargo_ai(args)


def run_tui(args: argparse.Namespace) -> int:
    from tui import collector

    collector.hold()  # until the workspace is on screen (CargoApp._warm_up)
    from tui.connection import connection_from

    connection = connection_from(args)
    from tui.app import CargoApp
    from tui.pastes import keep_pastes_whole

    keep_pastes_whole()
    collector.freeze_loaded()
    app = CargoApp(connection)
    try:
        app.run()
    finally:
        collector.release()  # (an app that ended before its warm-up)
        if app.session.connection is not None:
            # Asked to stop as the quit began (CargoApp.exit), the sandbox is leaving on its
            # own: it removes its scratch folder, then ends (tui/sandbox/server.py). Not
            # waited for: the kernel's freeing of its ~300 MB alone takes 0.1-0.5 s that the
            # shell's prompt need not wait on; it is gone a moment after the app.
            app.session.connection.ask_to_stop()
    return app.return_code or EXIT_OK


def _leave(code: int) -> NoReturn:
    """End the process now that the command has: for the TUI, the terminal is restored, every
    screen closed (what it keeps is saved), every task and thread of the app finished and the
    sandbox told to stop; a headless command has written its output and closed its files.
    What the interpreter would do next is free its heap object by object (a full collection
    of the modules, models and screens loaded): 0.4-0.9 s with nothing to show for it, while
    the shell waits. The kernel frees it at once."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a pipe closed early: nothing to say
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
