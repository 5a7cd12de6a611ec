"""``cargo-tui export``: the TUI's exports without the TUI, for scripts and cron.

``cargo-tui export runs|outputs|batch|segment ... -o FILE``: the same sources, engine and
messages as the export dialog; credentials as the TUI resolves them. Only ``argparse`` loads
at import: the client and the engine load when an export starts.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.api.run_scope import RUN_STATUSES
from tui.exits import EXIT_CANCELLED, EXIT_FAILED, EXIT_NOT_SIGNED_IN, EXIT_OK, EXIT_USAGE
from tui.headless.export_args import UsageError, build_source, destination, destination_problem
from tui.headless.run_args import add_run_filters
from tui.headless.uuids import uuid_arg

if TYPE_CHECKING:
    from tui.connection import Connection
    from tui.export import ExportOptions, ExportSource, Step

#: ``tui.export.Format``'s values, spelled out: the engine loads when an export starts, not
#: on every start of cargo-tui (tests/cli/test_export_cli.py holds them to the enum).
FORMATS = ("csv", "tsv", "json", "ndjson", "parquet")
EPILOG = f"""\
The file is written whole or not at all: a failure or ^C leaves nothing at the destination.
Its path goes to stdout; progress (when stderr is a terminal) and the summary to stderr.
Credentials as for the TUI: --token, $CARGO_API_TOKEN, else the saved credentials file
(--base-url / $CARGO_API_BASE_URL for another API); --demo exports from a fresh sandbox.

exit codes:
  {EXIT_OK}    exported
  {EXIT_FAILED}    the export failed (Cargo refused or failed, a bad filter, the file could not be
       written); nothing was written
  {EXIT_USAGE}    usage: a wrong option, an unknown format or extension
  {EXIT_NOT_SIGNED_IN}    not signed in: no token, or Cargo refused it
  {EXIT_CANCELLED}  cancelled with ^C; nothing was written"""


def add_parser(commands: Any) -> None:
    """``export`` and its four sources, on the ``cargo-tui`` subcommands."""
    export = commands.add_parser(
        "export",
        help="export runs, node outputs, a batch's output or a segment to a file",
        description="Export from Cargo to a CSV, TSV, JSON, NDJSON or Parquet file.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sources = export.add_subparsers(dest="source", metavar="SOURCE", required=True)

    def source(name: str, help_: str) -> argparse.ArgumentParser:
        found: argparse.ArgumentParser = sources.add_parser(
            name,
            help=help_,
            description=help_[0].upper() + help_[1:] + ".",
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        return found

    runs = source(
        "runs",
        "the runs of a workflow, each whole (executions, each node's output), by run.download",
    )
    runs.add_argument("--workflow", metavar="UUID", required=True, type=uuid_arg)
    runs.add_argument("--batch", metavar="UUID", type=uuid_arg)
    _statuses(runs)
    runs.add_argument("--search", metavar="TEXT", help="record title or id contains TEXT")
    runs.add_argument("--failed-at", metavar="NODE", help="runs that failed at this node")
    runs.add_argument("--error-contains", metavar="TEXT", help="with --failed-at: error text")
    runs.add_argument(
        "--with-configs",
        action="store_true",
        help="also each node's resolved config (runComputedConfigs)",
    )
    add_run_filters(runs, cargo_names=False)

    outputs = source("outputs", "one node's output for each run of a workflow or a batch")
    outputs.add_argument("--workflow", metavar="UUID", required=True, type=uuid_arg)
    outputs.add_argument("--node", metavar="SLUG", required=True, help="the output node")
    outputs.add_argument("--batch", metavar="UUID", type=uuid_arg)
    _statuses(outputs)
    add_run_filters(outputs, cargo_names=False)

    batch = source("batch", "a finished batch's output file, by batch.download")
    batch.add_argument("batch", metavar="UUID", type=uuid_arg)
    batch.add_argument("--node", metavar="SLUG", help="the output node (default: Cargo's)")

    segment = source("segment", "the records a segment filter keeps, by segment.download")
    segment.add_argument(
        "--model", metavar="UUID", type=uuid_arg, help="the model (a segment's modelUuid)"
    )
    segment.add_argument(
        "--segment", metavar="UUID", type=uuid_arg, help="a saved segment: its model, filter…"
    )
    segment.add_argument("--filter", metavar="JSON", help="the filter, or @FILE (default: all)")
    segment.add_argument("--sort", metavar="JSON", help='e.g. [{"columnSlug":"x","kind":"asc"}]')
    segment.add_argument("--limit", metavar="N", type=int)

    for parser in (runs, outputs, batch, segment):
        _common(parser)


def _statuses(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status",
        action="append",
        choices=RUN_STATUSES,
        metavar="STATUS",
        help=f"only runs in this status (repeatable): {', '.join(RUN_STATUSES)}",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    out = parser.add_argument_group("the file")
    out.add_argument("-o", "--output", metavar="PATH", help="default: a name from the source")
    out.add_argument("--format", choices=FORMATS, help="default: from the extension, else csv")
    out.add_argument("--overwrite", action="store_true", help="replace an existing file")
    out.add_argument("--delimiter", metavar="CHAR", help="CSV/TSV cell delimiter")
    out.add_argument("--no-header", action="store_true", help="CSV/TSV without a header row")
    out.add_argument("--pretty", action="store_true", help="indented JSON")
    out.add_argument("--provenance", action="store_true", help="also write FILE.meta.json")
    out.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    who = parser.add_argument_group("credentials (also accepted before 'export')")
    quiet = argparse.SUPPRESS
    who.add_argument("--token", default=quiet, help="Cargo API token")
    who.add_argument("--base-url", default=quiet, help="Cargo API base URL")
    who.add_argument("--workspace", metavar="UUID", default=quiet)
    who.add_argument("--demo", action="store_true", default=quiet, help="a fresh sandbox")


# -- running ---------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    err = sys.stderr
    try:
        source = build_source(args)
        dest, options = destination(args, source)
    except UsageError as exc:
        print(f"cargo-tui export: {exc}", file=err)
        return EXIT_USAGE
    except ValueError as exc:  # a filter that fails validation: the export fails, clearly
        print(f"cargo-tui export: {exc}", file=err)
        return EXIT_FAILED
    problem = destination_problem(dest, options)
    if problem:
        print(f"cargo-tui export: {problem}", file=err)
        return EXIT_FAILED
    connection = _connection(args)
    if connection is None:
        print(
            "cargo-tui export: not signed in. Pass --token, set CARGO_API_TOKEN, sign in once "
            "with cargo-tui, or use --demo.",
            file=err,
        )
        return EXIT_NOT_SIGNED_IN
    import asyncio  # here, not at the top: the parser (every command's) loads this module

    import tui.api.client  # noqa: F401 - loaded here, while a --demo sandbox boots

    written: list[Path] = []
    try:
        return asyncio.run(_export(connection, source, dest, options, args.quiet, written))
    except KeyboardInterrupt:
        if written:  # ^C came after the file was whole and in place: say so, not otherwise
            print(
                f"\ncargo-tui export: interrupted, but {written[0]} was already written.", file=err
            )
            print(written[0])
            return EXIT_OK
        print("\ncargo-tui export: cancelled. Nothing was written.", file=err)
        return EXIT_CANCELLED
    finally:
        connection.close()


async def _export(
    connection: Connection,
    source: ExportSource,
    dest: Path,
    options: ExportOptions,
    quiet: bool,
    written: list[Path],
) -> int:
    from tui.api.errors import AuthorizationError, CargoError, ForbiddenError
    from tui.export import ExportError, describe_result, failure_message

    err = sys.stderr
    report = StderrProgress(err if err.isatty() and not quiet else None)
    try:
        client, who = await connection.open()
    except AuthorizationError as exc:
        print(f"cargo-tui export: not signed in: {exc}", file=err)
        return EXIT_NOT_SIGNED_IN
    except ForbiddenError as exc:
        print(f"cargo-tui export: not allowed: {exc}", file=err)
        return EXIT_FAILED
    except (CargoError, RuntimeError) as exc:
        print(f"cargo-tui export: could not reach Cargo: {exc}", file=err)
        return EXIT_FAILED
    try:
        provenance = source.provenance(who.workspace.name)
        result = await source.run(client, dest, options, provenance, report)
        written.append(result.path)
    except AuthorizationError as exc:
        report.close()
        print(f"cargo-tui export: {failure_message(exc)}", file=err)
        return EXIT_NOT_SIGNED_IN
    except (ExportError, CargoError) as exc:
        report.close()
        print(f"cargo-tui export: {failure_message(exc)}", file=err)
        return EXIT_FAILED
    finally:
        await client.aclose()
    report.close()
    if not quiet:
        print(f"Exported {describe_result(result)} to {result.path}", file=err)
    print(result.path)
    return EXIT_OK


def _connection(args: argparse.Namespace) -> Connection | None:
    from tui.connection import connection_from

    try:
        return connection_from(args)
    except Exception as exc:  # the demo sandbox could not start, say
        print(f"cargo-tui export: {exc}", file=sys.stderr)
        return None


class StderrProgress:
    """One line on a terminal, rewritten at most five times a second; nothing elsewhere."""

    def __init__(self, stream: TextIO | None) -> None:
        from tui.export import Meter

        self.stream = stream
        self.meter = Meter()
        self._lock = threading.Lock()
        self._painted = 0.0
        self._width = 0
        self._title = ""

    def __call__(self, step: Step) -> None:
        if self.stream is None:
            return
        with self._lock:  # called from the event loop and from the writing thread
            self.meter.update(step)
            now = time.monotonic()
            # a new phase shows at once (it may then wait long for its first byte)
            same = step.title == self._title
            if same and now - self._painted < 0.2 and step.done != step.total:
                return
            self._title = step.title
            self._painted = now
            line = f"{step.title}… {self.meter.text()}".rstrip()
            self.stream.write("\r" + line.ljust(self._width))
            self.stream.flush()
            self._width = len(line)

    def close(self) -> None:
        if self.stream is not None and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
