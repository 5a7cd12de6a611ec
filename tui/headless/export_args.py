"""What ``cargo-tui export`` was asked for, from its arguments: the source and the file.

A command line that asks for something impossible raises :class:`UsageError` (exit 2); a
segment query that fails validation raises ``ValueError`` listing its problems (exit 1).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.api.run_filters import RunFilter
    from tui.export import ExportOptions, ExportSource, Format


class UsageError(Exception):
    """The command line asks for something impossible (exit 2)."""


def build_source(args: argparse.Namespace) -> ExportSource:
    from tui.export import BatchOutputSource, NodeOutputsSource, RunsSource, slug

    if args.source == "runs":
        from tui.api.run_filters import failed_at

        if args.error_contains and not args.failed_at:
            raise UsageError("--error-contains goes with --failed-at NODE.")
        filters = _run_filter(args)
        if args.search:
            filters["record_title_or_id"] = args.search
        if args.failed_at:
            filters["executions_filter"] = failed_at(args.failed_at, args.error_contains)
        statuses = args.status or []
        kind = "failed runs" if statuses == ["error"] else " ".join([*statuses, "runs"])
        return RunsSource(
            label=f"{kind} of workflow {args.workflow}",
            stem=slug(kind, "workflow", args.workflow[:8]),
            filters=filters,
            with_configs=args.with_configs,
        )
    if args.source == "outputs":
        return NodeOutputsSource(
            label=f"node outputs of workflow {args.workflow}",
            stem=slug("outputs", "workflow", args.workflow[:8]),
            node=args.node,
            filters=_run_filter(args),
        )
    if args.source == "batch":
        return BatchOutputSource(
            label=f"output of batch {args.batch}",
            stem=slug("batch", args.batch[:8]),
            node=args.node,
            batch_uuid=args.batch,
        )
    return segment_source(args)


def _run_filter(args: argparse.Namespace) -> RunFilter:
    from tui.headless.run_args import scope_of

    try:
        return scope_of(args).filter(args.workflow)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def segment_source(args: argparse.Namespace) -> ExportSource:
    """``--segment`` or ``--model``; the filter, sort and limit checked before anything is
    sent (a ValueError lists the problems, with line and column for JSON typed in)."""
    from tui.api.filters import errors, validate_filter, validate_limit, validate_sort
    from tui.export import SegmentSource

    if not args.model and not args.segment:
        raise UsageError("export segment needs --model UUID (or --segment UUID).")
    texts = {"filter": _read(args.filter), "sort": _read(args.sort)}
    problems = []
    if texts["filter"] is not None:
        problems += [("--filter", p) for p in errors(validate_filter(texts["filter"]))]
    if texts["sort"] is not None:
        problems += [("--sort", p) for p in errors(validate_sort(texts["sort"]))]
    if args.limit is not None:
        problems += [("--limit", p) for p in errors(validate_limit(args.limit))]
    if problems:
        listed = "\n".join(f"  {option}: {problem}" for option, problem in problems)
        raise ValueError(f"the segment query has problems; nothing was sent:\n{listed}")
    parsed = {k: json.loads(v) for k, v in texts.items() if v is not None}
    return SegmentSource(
        model_uuid=args.model,
        segment_uuid=args.segment,
        filter=parsed.get("filter"),
        sort=parsed.get("sort"),
        limit=args.limit,
        label=f"segment {args.segment}" if args.segment else f"records of model {args.model}",
        stem=f"segment-{(args.segment or args.model)[:8]}",
    )


def _read(value: str | None) -> str | None:
    """JSON text, or ``@FILE`` for the text of a file."""
    if value is None or not value.startswith("@"):
        return value
    try:
        return Path(value[1:]).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {value[1:]}: {exc.strerror or exc}") from None


def destination(args: argparse.Namespace, source: ExportSource) -> tuple[Path, ExportOptions]:
    from tui import clock
    from tui.export import ExportOptions, Format
    from tui.export.destination import resolve_typed

    asked = Format(args.format) if args.format else None
    if args.output:
        named = _format_of(args.output)
        if asked is None and named is None:
            try:
                Format.from_path(args.output)
            except ValueError as exc:
                raise UsageError(f"{exc} Or pass --format.") from None
        if asked is not None and named is not None and asked is not named:
            raise UsageError(
                f"--format {asked.value} but {args.output} ends with {named.suffix}; "
                "make them agree."
            )
        fmt = asked or named or Format.CSV
        dest = resolve_typed(args.output)
    else:
        fmt = asked or Format.CSV
        dest = Path.cwd() / source.file_name(fmt, clock.now().date())
    try:
        options = ExportOptions(
            fmt,
            header=not args.no_header,
            delimiter=args.delimiter,
            pretty_json=args.pretty,
            overwrite=args.overwrite,
            with_provenance=args.provenance and fmt is not Format.PARQUET,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return dest, options


def destination_problem(dest: Path, options: ExportOptions) -> str | None:
    """Why ``dest`` cannot be written, before anything is asked of Cargo; None if it can."""
    from tui.api.files import DestinationError, check_destination
    from tui.export import sidecar_path

    targets = [dest, sidecar_path(dest)] if options.with_provenance else [dest]
    try:
        for target in targets:
            check_destination(target, overwrite=True)
    except DestinationError as exc:
        return str(exc)
    existing = [t for t in targets if t.exists()]
    if existing and not options.overwrite:
        return f"{existing[0]} already exists; pass --overwrite to replace it."
    return None


def _format_of(path: str) -> Format | None:
    from tui.export import Format

    try:
        return Format.from_path(path)
    except ValueError:
        return None
