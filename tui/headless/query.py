"""``cargo-tui query "SQL"``: run one query and print its rows, for scripts and pipes.

The query is linted first, as in the editor: a refusal stops it before anything is sent (exit
1), warnings go to stderr. Rows go to stdout, or atomically to ``-o FILE``; everything else
(warnings, the server's error, advice) goes to stderr. Exit codes: 0 the rows were written, 1
the query was refused or failed or the file cannot be written (as for ``export``), 2 a usage
error, 3 not signed in.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui.exits import EXIT_FAILED, EXIT_NOT_SIGNED_IN, EXIT_OK, EXIT_USAGE
from tui.headless.output import FORMATS

if TYPE_CHECKING:
    from tui.api.client import CargoClient
    from tui.api.models.query import QueryResult
    from tui.connection import Connection

PROG = "cargo-tui query"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    query = commands.add_parser(
        "query",
        help="run one SQL query headless and print the rows",
        description="Run one read-only ClickHouse SQL query over runs, batches, spans and "
        "records, and print the rows. Exit codes: 0 ok, 1 refused or failed (or the file "
        "cannot be written), 2 usage, "
        "3 not signed in.",
    )
    query.add_argument("sql", help="the query; '-' reads it from standard input")
    query.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="table",
        help="table (aligned columns, the default), csv, json (an array) or ndjson",
    )
    query.add_argument("-o", "--output", metavar="FILE", help="write the rows to FILE")
    # The connection options work after the subcommand too ("query SQL --token ...").
    suppress = argparse.SUPPRESS
    query.add_argument("--token", default=suppress, help="Cargo API token")
    query.add_argument("--base-url", default=suppress, help="Cargo API base URL")
    query.add_argument("--workspace", metavar="UUID", default=suppress, help="the workspace")
    query.add_argument(
        "--demo", action="store_true", default=suppress, help="run against a fresh sandbox"
    )


def say(message: str, stream: TextIO | None = None) -> None:
    print(f"cargo-tui: {message}", file=stream or sys.stderr)


def run(args: argparse.Namespace) -> int:
    sql = sys.stdin.read() if args.sql == "-" else args.sql
    if not sql.strip():
        say("the query is empty; give it as an argument, or '-' to read standard input")
        return EXIT_USAGE
    if not _lint(sql):
        return EXIT_FAILED
    output = Path(args.output) if args.output else None
    if output is not None:
        from tui.api.files import DestinationError, check_destination

        try:
            check_destination(output, overwrite=True)
        except DestinationError as problem:  # as export says it: the file, not the usage
            say(str(problem))
            return EXIT_FAILED
    from tui.connection import connection_from

    connection = connection_from(args)  # --demo: the demo dataset, as the TUI's and export's
    if connection is None:
        say(
            "not signed in: pass --token (or set CARGO_API_TOKEN), sign in once in the app, "
            "or try --demo"
        )
        return EXIT_NOT_SIGNED_IN
    import asyncio  # here, not at the top: the parser (every command's) loads this module

    import tui.api.client  # noqa: F401 - loaded here, while a --demo sandbox boots

    try:
        return asyncio.run(_execute(connection, sql.strip(), args.format, output))
    finally:
        connection.close()


def _lint(sql: str) -> bool:
    """Say what the linter finds; False when the endpoint would refuse the query."""
    from tui.api.sql import Severity, lint

    findings = lint(sql)
    refusals = [finding for finding in findings if finding.blocking]
    for finding in refusals:
        say(f"refused: {finding.message}")
    if refusals:
        return False
    for finding in findings:
        if finding.severity is not Severity.INFO:
            fix = f" (fix: {finding.fix.label})" if finding.fix else ""
            say(f"warning: {finding.message}{fix}")
    return True


async def _execute(connection: Connection, sql: str, fmt: str, output: Path | None) -> int:
    client = await connection.client()  # no whoami: the query alone says if the token is good
    try:
        result = await _query(client, sql)
    finally:
        await client.aclose()
    if isinstance(result, int):
        return result
    return _write(result, fmt, output)


async def _query(client: CargoClient, sql: str) -> QueryResult | int:
    from tui.api.errors import AuthorizationError, CargoError, ForbiddenError, RequestError
    from tui.api.sql import location_of, server_words, shorten_error

    try:
        return await client.orchestration.query.execute(sql)
    except AuthorizationError as error:
        say(f"not signed in: {error}")
        return EXIT_NOT_SIGNED_IN
    except ForbiddenError as error:
        say(f"not allowed: {error}")
        return EXIT_FAILED
    except RequestError as error:
        explained = shorten_error(server_words(error), sql)
        say(f"the query failed: {explained.short}")
        if explained.position is not None:
            line, column = location_of(sql, explained.position)
            say(f"at line {line + 1}, col {column + 1}")
        if explained.advice:
            say(explained.advice)
        return EXIT_FAILED
    except CargoError as error:
        say(f"the query failed: {error}")
        return EXIT_FAILED


def _write(result: QueryResult, fmt: str, output: Path | None) -> int:
    from tui.headless.output import render

    text = render(result.columns, result.rows, fmt)
    for note in result.notes:
        say(note)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from tui.api.files import DestinationError, atomic_write

        try:
            with atomic_write(output, overwrite=True) as handle:
                handle.write(text.encode("utf-8"))
        except (OSError, DestinationError) as problem:
            say(f"cannot write {output}: {problem}")
            return EXIT_FAILED
    if sys.stderr.isatty() or output is not None:
        where = f" to {output}" if output is not None else ""
        rows = "1 row" if len(result) == 1 else f"{len(result):,} rows"
        say(f"{rows} in {result.elapsed * 1000:,.0f} ms{where}")
    return EXIT_OK
