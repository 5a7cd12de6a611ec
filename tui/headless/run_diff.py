"""``cargo-tui run diff RUN [BASELINE]``: two runs compared node by node, as the run diff
screen shows them: JSON on stdout (``--format table`` to read), messages on stderr.

Without BASELINE, the run is compared with its nearest successful run, picked as the screen
picks it (``tui.state.run_baseline``). Exit codes: 0 compared, 1 a run not found or Cargo
failed, 2 usage, 3 not signed in.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from tui.exits import EXIT_FAILED, EXIT_NOT_SIGNED_IN, EXIT_OK
from tui.headless.connected import run_connected, say
from tui.headless.uuids import uuid_arg

if TYPE_CHECKING:
    from tui.connection import Connection
    from tui.state.run_diff import RunDiff

PROG = "cargo-tui run diff"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run",
        help="compare two runs: 'cargo-tui run diff --help'",
        description="Runs of a workflow. 'cargo-tui run diff --help' for the comparison.",
    )
    verbs = run.add_subparsers(dest="run_command", metavar="VERB", required=True)
    diff = verbs.add_parser(
        "diff",
        help="compare a run with another, node by node",
        description="Compare RUN with BASELINE node by node: each node's status, duration and "
        "credits on both sides, the first node where they diverge (status, or the shape or "
        "values of its output), and each node's output and computed config as JSON paths, "
        "BASELINE's value -> RUN's. Without BASELINE, RUN is compared with its nearest "
        "successful run: the same record's last success, else the success on the same release "
        "nearest in time, else the success nearest in time. Exit codes: 0 compared, 1 a run "
        "not found or Cargo failed, 2 usage, 3 not signed in.",
    )
    diff.add_argument("run", type=uuid_arg, help="the run's uuid (or a web URL naming it)")
    diff.add_argument(
        "baseline",
        nargs="?",
        help="the run to compare it with: a uuid, a web URL, or the first characters of a "
        "uuid of the same workflow (default: its nearest successful run)",
    )
    diff.add_argument(
        "--format",
        "-f",
        choices=("json", "table"),
        default="json",
        help="json (the default) or table, to read",
    )
    quiet = argparse.SUPPRESS
    who = diff.add_argument_group("credentials (also accepted before the command)")
    who.add_argument("--token", default=quiet, help="Cargo API token")
    who.add_argument("--base-url", default=quiet, help="Cargo API base URL")
    who.add_argument("--workspace", metavar="UUID", default=quiet)
    who.add_argument("--demo", action="store_true", default=quiet, help="a fresh sandbox")


def run(args: argparse.Namespace) -> int:
    return run_connected(args, lambda connection: _compare(connection, args))


async def _compare(connection: Connection, args: argparse.Namespace) -> int:
    from tui.api.errors import AuthorizationError, CargoError
    from tui.state.run_baseline import diff_runs

    client = None
    try:
        client = await connection.client()
        diff = await diff_runs(client, args.run, args.baseline)
    except AuthorizationError as exc:
        say(f"not signed in: {exc}")
        return EXIT_NOT_SIGNED_IN
    except CargoError as exc:
        say(f"run diff failed: {exc}")
        return EXIT_FAILED
    finally:
        if client is not None:
            await client.aclose()
    sys.stdout.write(as_table(diff) if args.format == "table" else as_json(diff))
    return EXIT_OK


def as_json(diff: RunDiff) -> str:
    return json.dumps(diff.to_json(), ensure_ascii=False, indent=2) + "\n"


def as_table(diff: RunDiff) -> str:
    """The comparison to read: the two runs, the headline, the nodes, the first difference."""
    from tui.headless.output import table
    from tui.state.run_diff import COLUMNS, node_rows

    lines = [
        f"run       {diff.run.uuid}  {diff.run.status:<8} {diff.run.record or ''}",
        f"baseline  {diff.baseline.uuid}  {diff.baseline.status:<8} ({diff.picked.says})",
        "",
        diff.headline,
        "",
        table(COLUMNS, node_rows(diff)).rstrip("\n"),
    ]
    first = diff.first
    if first is not None:
        for name, side in (("run", first.run), ("baseline", first.baseline)):
            if side.error:
                lines += ["", f"{first.slug} · {name}'s error: {side.error}"]
        for what, changes in (("output", first.output), ("computed config", first.config)):
            lines += ["", f"{first.slug} · {what} (baseline -> run)"]
            lines += [f"  {change.says(100)}" for change in changes] or ["  no difference"]
    return "\n".join(lines) + "\n"
