"""The ``cargo-ai`` CLI's analytics commands, in its own words: ``cargo-tui orchestration run
count --workflow-uuid W --statuses error``, so a runbook line can be pasted with ``cargo-ai``
replaced by ``cargo-tui`` (or pasted whole into the TUI's palette, which reads it with the same
parser: :func:`parse_line`).

Only ``argparse`` loads here; running a command is ``tui.headless.cargo_ai_run``'s.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any, NoReturn

from tui.headless.run_args import add_run_filters, moment_arg
from tui.headless.uuids import uuid_arg

#: The first words of the commands here (``cargo-tui orchestration ...``).
NOUNS = ("orchestration", "ai", "connection", "storage", "segmentation")
#: The discovery lists: (noun, thing) -> what the answer holds.
LISTS = {
    ("orchestration", "play"): "plays",
    ("orchestration", "tool"): "tools",
    ("orchestration", "workflow"): "workflows",
    ("ai", "agent"): "agents",
    ("connection", "connector"): "connectors",
    ("storage", "model"): "models",
    ("segmentation", "segment"): "segments",
}
#: How an answer is printed: the API's JSON (the default), or a table for reading.
ANSWER_FORMATS = ("json", "table")
#: ``run download-outputs --format``: the request's ``format`` literals, spelled out (they are a
#: pydantic model's; tests/cli/test_cargo_ai.py holds them to it).
OUTPUT_FORMATS = ("csv", "json")
EPILOG = """\
Each prints the API's JSON answer as cargo-ai does (--format table: a readable table). A
download prints {"url": ...}, or with -o FILE writes the file (whole or not at all).
Credentials as for the TUI: --token, $CARGO_API_TOKEN, the saved credentials, or --demo.

exit codes: 0 done, 1 Cargo refused or failed (nothing written), 2 usage, 3 not signed in"""


class LineError(Exception):
    """A pasted command line that does not parse: what was not understood."""


class LineParser(argparse.ArgumentParser):
    """Raises :class:`LineError` rather than printing and exiting (for the palette)."""

    def error(self, message: str) -> NoReturn:
        raise LineError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise LineError(message or f"{self.prog}: not a command to run here")


def add_commands(commands: Any) -> None:
    """``orchestration``, ``ai``, ``connection``, ``storage``, ``segmentation`` and theirs."""
    nouns = {
        noun: commands.add_parser(
            noun,
            help=f"cargo-ai's '{noun}' commands, word for word",
            description=f"cargo-ai's '{noun}' commands, run by cargo-tui.",
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for noun in NOUNS
    }
    things: dict[tuple[str, str], Any] = {}

    def verb(noun: str, thing: str, name: str, help_: str) -> argparse.ArgumentParser:
        if (noun, "") not in things:
            things[(noun, "")] = nouns[noun].add_subparsers(
                dest="thing", metavar="THING", required=True
            )
        group = things[(noun, "")]
        if (noun, thing) not in things:
            parent = group.add_parser(thing, help=f"{thing} commands")
            things[(noun, thing)] = parent.add_subparsers(
                dest="verb", metavar="VERB", required=True
            )
        leaf: argparse.ArgumentParser = things[(noun, thing)].add_parser(
            name,
            help=help_,
            description=help_[0].upper() + help_[1:] + ".",
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        leaf.set_defaults(cargo_ai=f"{noun} {thing} {name}")
        return leaf

    metrics = verb("orchestration", "run", "get-metrics", "per node, how executions ended")
    _workflow(metrics)
    metrics.add_argument("--release-uuid", metavar="UUID", type=uuid_arg, dest="release")
    metrics.add_argument("--batch-uuid", metavar="UUID", type=uuid_arg, dest="batch")
    metrics.add_argument("--created-after", metavar="WHEN", type=moment_arg)
    metrics.add_argument("--created-before", metavar="WHEN", type=moment_arg)
    _answer(metrics)

    count = verb("orchestration", "run", "count", "how many runs a filter keeps")
    _workflow(count)
    add_run_filters(count, cargo_names=True)
    _answer(count)

    download = verb("orchestration", "run", "download", "the runs a filter keeps, each whole")
    _workflow(download)
    add_run_filters(download, cargo_names=True)
    _file(download)

    outputs = verb("orchestration", "run", "download-outputs", "one node's output for each run")
    _workflow(outputs)
    outputs.add_argument("--output-node-slug", metavar="SLUG", required=True, dest="node")
    outputs.add_argument("--format", choices=OUTPUT_FORMATS, default="csv", dest="file_format")
    add_run_filters(outputs, cargo_names=True)
    _file(outputs)

    batch = verb("orchestration", "batch", "get", "one batch")
    batch.add_argument("uuid", metavar="UUID", type=uuid_arg)
    _answer(batch)
    batch_file = verb("orchestration", "batch", "download", "a finished batch's output file")
    batch_file.add_argument("--uuid", metavar="UUID", type=uuid_arg, required=True)
    batch_file.add_argument("--output-node-slug", metavar="SLUG", dest="node")
    _file(batch_file)

    release = verb("orchestration", "release", "get", "one release, with its nodes")
    release.add_argument("uuid", metavar="UUID", type=uuid_arg)
    _answer(release)

    query = verb("orchestration", "query", "execute", "read-only ClickHouse SQL over the runs")
    query.add_argument("sql", metavar="SQL")
    _answer(query)

    for noun, thing in LISTS:
        _answer(verb(noun, thing, "list", f"every {thing} of the workspace"))

    segment = verb("segmentation", "segment", "download", "the records a segment filter keeps")
    segment.add_argument("--model-uuid", metavar="UUID", type=uuid_arg, required=True)
    segment.add_argument("--filter", metavar="JSON", required=True, help="the filter, or @FILE")
    segment.add_argument("--sort", metavar="JSON", help='e.g. [{"columnSlug":"x","kind":"asc"}]')
    segment.add_argument("--limit", metavar="N", type=int)
    _file(segment)


def _workflow(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workflow-uuid", metavar="UUID", type=uuid_arg, required=True, dest="workflow"
    )


def _answer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=ANSWER_FORMATS,
        default="json",
        help="json: the API's answer (the default); table: for reading",
    )
    _credentials(parser)


def _file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write the file here")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing FILE")
    _credentials(parser)


def _credentials(parser: argparse.ArgumentParser) -> None:
    who = parser.add_argument_group("credentials (also accepted before the command)")
    quiet = argparse.SUPPRESS
    who.add_argument("--token", default=quiet, help="Cargo API token")
    who.add_argument("--base-url", default=quiet, help="Cargo API base URL")
    who.add_argument("--workspace", metavar="UUID", default=quiet)
    who.add_argument("--demo", action="store_true", default=quiet, help="a fresh sandbox")


def check_arguments(args: argparse.Namespace) -> None:
    """What argparse cannot check alone (ValueError: a usage error)."""
    if hasattr(args, "is_finished"):
        from tui.headless.run_args import scope_of

        scope_of(args)
    after, before = getattr(args, "created_after", None), getattr(args, "created_before", None)
    if after is not None and before is not None and after >= before:
        raise ValueError("--created-after must come before --created-before: swap them.")


def segment_source_of(args: argparse.Namespace) -> Any:
    """``segment download``'s options as the export's segment source (checked: ValueError or
    UsageError say what is wrong)."""
    from tui.headless.export_args import segment_source

    picked = argparse.Namespace(
        model=args.model_uuid, segment=None, filter=args.filter, sort=args.sort, limit=args.limit
    )
    return segment_source(picked)


def line_parser() -> LineParser:
    root = LineParser(prog="cargo-ai", add_help=False)
    add_commands(root.add_subparsers(dest="command", metavar="COMMAND", required=True))
    return root


def parse_line(line: str) -> argparse.Namespace:
    """A pasted ``cargo-ai ...`` (or ``cargo-tui ...``) line as its options; LineError says
    which part was not understood."""
    try:
        words = shlex.split(line.strip())
    except ValueError as exc:
        raise LineError(f"the line does not split into words: {exc}") from None
    if words and words[0] in ("cargo-ai", "cargo-tui", "npx"):
        words = words[1:]
        if words and words[0].startswith("@cargo-ai/"):  # npx @cargo-ai/cli ...
            words = words[1:]
    if not words or words[0] not in NOUNS:
        said = words[0] if words else "nothing"
        raise LineError(f"{said!r} is not a cargo-ai command: one of {', '.join(NOUNS)}")
    return line_parser().parse_args(words)
