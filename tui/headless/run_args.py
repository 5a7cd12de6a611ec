"""The run filter's options, shared by ``cargo-tui export runs|outputs`` and the ``cargo-ai``
run commands (``cargo-tui orchestration run ...``), checked as argparse reads them."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from tui.api.run_scope import RUN_STATUSES, RunScope, parse_moment, parse_statuses
from tui.headless.uuids import uuid_arg


def statuses_arg(text: str) -> tuple[str, ...]:
    try:
        return parse_statuses(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def moment_arg(text: str) -> datetime | None:
    from tui import clock

    try:
        return parse_moment(text, clock.now())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_run_filters(parser: argparse.ArgumentParser, *, cargo_names: bool) -> None:
    """``--release-uuid`` and the others (``cargo_names``: also ``--statuses`` and
    ``--batch-uuid`` as ``cargo-ai`` spells them; ``export`` has ``--status`` and ``--batch``)."""
    group = parser.add_argument_group("which runs")
    if cargo_names:
        group.add_argument(
            "--statuses",
            metavar="S1,S2",
            type=statuses_arg,
            help=f"only runs in these statuses: {', '.join(RUN_STATUSES)}",
        )
        group.add_argument("--batch-uuid", metavar="UUID", type=uuid_arg, dest="batch")
    release = ["--release-uuid"] if cargo_names else ["--release", "--release-uuid"]
    group.add_argument(*release, metavar="UUID", type=uuid_arg, dest="release")
    group.add_argument(
        "--is-finished",
        action=argparse.BooleanOptionalAction,
        help="only runs that have finished (--no-is-finished: only those that have not)",
    )
    when = "an ISO date or date-time (UTC), or a time ago: 30m, 24h, 7d, 2w"
    group.add_argument("--created-after", metavar="WHEN", type=moment_arg, help=when)
    group.add_argument("--created-before", metavar="WHEN", type=moment_arg, help=when)
    group.add_argument("--record-id", metavar="ID", help="the run of this record id")
    group.add_argument("--record-title", metavar="TITLE", help="runs of records titled TITLE")


def scope_of(args: argparse.Namespace) -> RunScope:
    """The runs the options name; ValueError when they keep none (after >= before)."""
    statuses: Any = getattr(args, "statuses", None) or getattr(args, "status", None) or ()
    return RunScope(
        statuses=tuple(statuses),
        batch_uuid=getattr(args, "batch", None),
        release_uuid=args.release,
        is_finished=args.is_finished,
        created_after=args.created_after,
        created_before=args.created_before,
        record_id=args.record_id,
        record_title=args.record_title,
    )
