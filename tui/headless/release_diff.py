"""``cargo-tui release diff A B``: two releases of a workflow compared node by node, as JSON
(``--format table`` for reading): what the TUI's release diff shows, for scripts.

A and B are release uuids (or Cargo web URLs naming them), in either order: the newer is
compared against the older. With ``--workflow-uuid W`` they may be versions instead (``v6``,
``6``, ``1.2.0``, ``draft``, ``deployed``); without them, the deployed release against the one
before it; with A alone, A against the one before it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from tui.exits import EXIT_FAILED, EXIT_NOT_SIGNED_IN, EXIT_OK, EXIT_USAGE
from tui.headless.connected import run_connected, say
from tui.headless.uuids import uuid_arg

if TYPE_CHECKING:
    from tui.api.client import CargoClient
    from tui.connection import Connection
    from tui.state.release_diff import ReleaseDiff

PROG = "cargo-tui release diff"
EPILOG = """\
examples:
  cargo-tui release diff 6f1c...e2 0b5e...2f           two releases by uuid
  cargo-tui release diff --workflow-uuid W v6 v5       by version
  cargo-tui release diff --workflow-uuid W             the deployed one against the one before

exit codes: 0 done, 1 Cargo refused or failed (or the releases cannot be compared),
2 usage, 3 not signed in"""


class Usage(ValueError):
    """A release named in a way that cannot be read: what to write instead."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    release = commands.add_parser(
        "release",
        help="compare two releases of a workflow",
        description="Releases of a workflow. 'cargo-tui release diff --help' for options.",
    )
    verbs = release.add_subparsers(dest="release_verb", metavar="VERB", required=True)
    diff = verbs.add_parser(
        "diff",
        help="two releases of a workflow compared node by node",
        description="Two releases of a workflow compared node by node: nodes added, removed, "
        "renamed; for each changed node its config keys (old -> new), retry settings, what "
        "it calls (action, connector, agent, tool) and its edges. The newer release is "
        "compared against the older, whichever order they are given in.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.set_defaults(headless="release diff")
    diff.add_argument("releases", nargs="*", metavar="RELEASE", help="a uuid (or a version, "
                      "with --workflow-uuid); two, or one with --workflow-uuid")  # fmt: skip
    diff.add_argument("--workflow-uuid", metavar="UUID", type=uuid_arg, dest="workflow",
                      help="the workflow whose releases are named by version")  # fmt: skip
    diff.add_argument("--format", choices=("json", "table"), default="json",
                      help="json: the comparison (the default); table: for reading")  # fmt: skip
    who = diff.add_argument_group("credentials (also accepted before the command)")
    quiet = argparse.SUPPRESS
    who.add_argument("--token", default=quiet, help="Cargo API token")
    who.add_argument("--base-url", default=quiet, help="Cargo API base URL")
    who.add_argument("--workspace", metavar="UUID", default=quiet)
    who.add_argument("--demo", action="store_true", default=quiet, help="a fresh sandbox")


def check(args: argparse.Namespace) -> None:
    """What argparse cannot check: how many releases, and uuids without a workflow."""
    named: list[str] = args.releases
    if len(named) > 2:
        raise Usage(f"{len(named)} releases named: compare two (A B)")
    if args.workflow is None:
        if len(named) != 2:
            raise Usage("name two release uuids (A B), or pass --workflow-uuid W to compare "
                        "its deployed release with the one before it")  # fmt: skip
        try:
            args.releases = [uuid_arg(text) for text in named]
        except argparse.ArgumentTypeError as exc:
            raise Usage(f"{exc}; to name releases by version, pass --workflow-uuid W") from None


def run(args: argparse.Namespace) -> int:
    try:
        check(args)
    except Usage as exc:
        say(str(exc))
        return EXIT_USAGE
    return run_connected(args, lambda connection: _run(connection, args))


async def _run(connection: Connection, args: argparse.Namespace) -> int:
    from tui.api.errors import AuthorizationError, CargoError
    from tui.state.release_diff import NotComparable

    client = None
    try:
        client, _ = await connection.open()
        diff = await comparison(client, args.workflow, args.releases)
    except AuthorizationError as exc:
        say(f"not signed in: {exc}")
        return EXIT_NOT_SIGNED_IN
    except NotComparable as exc:
        say(str(exc))
        return EXIT_FAILED
    except CargoError as exc:
        say(f"could not reach Cargo: {exc}" if client is None else f"release diff failed: {exc}")
        return EXIT_FAILED
    finally:
        if client is not None:
            await client.aclose()
    if args.format == "table":
        sys.stdout.write(table(diff))
    else:
        print(json.dumps(diff.as_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


async def comparison(client: CargoClient, workflow: str | None, named: list[str]) -> ReleaseDiff:
    """The two releases ``named`` (uuids; versions too with ``workflow``), compared."""
    from tui.state.release_diff import NotComparable, load
    from tui.state.release_pairs import default_pair, find_release

    if workflow is None:
        return await load(client, named[0], named[1])
    releases = await client.orchestration.release.list(workflow_uuid=workflow)
    found = []
    for text in named:
        release = find_release(releases, text)
        if release is None:
            versions = ", ".join(r.label for r in releases) or "none"
            raise NotComparable(f"workflow {workflow} has no release {text!r} (its releases: "
                                f"{versions})")  # fmt: skip
        found.append(release)
    if len(found) < 2:
        anchor = found[0].uuid if found else None
        pair = default_pair(releases, anchor)
        if pair is None:
            raise NotComparable(f"workflow {workflow} has {len(releases)} release(s): nothing "
                                "to compare")  # fmt: skip
        found = [found[0], next(r for r in pair if r.uuid != found[0].uuid)] if found else [*pair]
    return await load(client, found[0].uuid, found[1].uuid)


def table(diff: ReleaseDiff) -> str:
    """The comparison for reading: the two releases, the counts, one line a changed key."""
    from tui.headless.output import render
    from tui.state.release_diff import side_text

    lines = [f"{diff.title} · workflow {diff.workflow_uuid}"]
    for side in (diff.new, diff.old):
        deployed = side.deployed_at.strftime("%Y-%m-%d %H:%M") if side.deployed_at else "–"
        lines.append(f"  {side.label:<8} {side.status or '':<9} {deployed}  {side.uuid}  "
                     f"{side.description or ''}".rstrip())  # fmt: skip
    counts = diff.counts()
    lines.append("  " + " · ".join(f"{n} {kind}" for kind, n in counts.items()) + " nodes")
    rows = []
    for node in diff.changed:
        for index, change in enumerate(node.changes):
            named = [node.label, node.change] if index == 0 else ["", ""]
            rows.append([*named, change.key, side_text(change, "old"), side_text(change, "new")])
    body = render(["node", "change", "key", "old", "new"], rows, "table") if rows else ""
    return "\n".join(lines) + "\n\n" + (body or "The two releases have the same nodes.\n")
