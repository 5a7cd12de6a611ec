"""Running a ``cargo-ai`` command line (``tui.headless.cargo_ai``): the API's answer as JSON
on stdout (or a table), a download's URL or its file; messages on stderr; exit 0, 1, 2, 3."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.exits import EXIT_FAILED, EXIT_NOT_SIGNED_IN, EXIT_OK, EXIT_USAGE
from tui.headless.cargo_ai import LISTS, check_arguments, segment_source_of
from tui.headless.connected import run_connected, say

if TYPE_CHECKING:
    from pydantic import BaseModel

    from tui.api.client import CargoClient
    from tui.connection import Connection

Answer = dict[str, Any]
Done = Answer | Path | int


def dump(model: BaseModel) -> Any:
    """A model as the API spelled it: camelCase, the fields it sent."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


def run(args: argparse.Namespace) -> int:
    from tui.api.files import DestinationError, check_destination

    output: Path | None = None
    if getattr(args, "output", None):
        output = args.output = Path(args.output).expanduser()
    try:
        check_arguments(args)
        if output is not None:
            check_destination(output, overwrite=args.overwrite)
    except ValueError as exc:
        say(str(exc))
        return EXIT_USAGE
    except DestinationError as exc:
        exists = output is not None and output.exists()
        say(f"{exc} Pass --overwrite to replace it." if exists else str(exc))
        return EXIT_FAILED
    return run_connected(
        args, lambda connection: _run(connection, args), cancelled="cancelled. Nothing was written."
    )


async def _run(connection: Connection, args: argparse.Namespace) -> int:
    from tui.api.errors import AuthorizationError, CargoError, ForbiddenError
    from tui.export import ExportError

    client = None
    try:
        client, _ = await connection.open()
        answer = await COMMANDS[args.cargo_ai](client, args)
        if isinstance(answer, int):
            return answer
        if isinstance(answer, dict) and "url" in answer and args.output:
            url, dest = answer["url"], args.output
            answer = (await client.download_to(url, dest, overwrite=args.overwrite)).path
        if isinstance(answer, Path):
            print(answer)
            return EXIT_OK
    except AuthorizationError as exc:
        say(f"not signed in: {exc}")
        return EXIT_NOT_SIGNED_IN
    except ForbiddenError as exc:
        say(f"not allowed: {exc}")
        return EXIT_FAILED
    except (CargoError, ExportError, RuntimeError) as exc:
        say(f"could not reach Cargo: {exc}" if client is None else f"{args.cargo_ai} failed: {exc}")
        return EXIT_FAILED
    finally:
        if client is not None:
            await client.aclose()
    if getattr(args, "format", "json") == "table":
        from tui.headless.answers import table

        sys.stdout.write(table(answer))
    else:
        print(json.dumps(answer, ensure_ascii=False))
    return EXIT_OK


# -- the commands -----------------------------------------------------------------------------


def _scope(args: argparse.Namespace) -> dict[str, Any]:
    from tui.headless.run_args import scope_of

    return dict(scope_of(args).filter(args.workflow))


async def _metrics(client: CargoClient, args: argparse.Namespace) -> Answer:
    metrics = await client.orchestration.run.get_metrics(
        workflow_uuid=args.workflow,
        release_uuid=args.release,
        batch_uuid=args.batch,
        created_after=args.created_after,
        created_before=args.created_before,
    )
    return {"runMetrics": [dump(m) for m in metrics]}


async def _count(client: CargoClient, args: argparse.Namespace) -> Answer:
    return {"count": await client.orchestration.run.count(**_scope(args))}


async def _download(client: CargoClient, args: argparse.Namespace) -> Answer:
    return {"url": await client.orchestration.run.download(**_scope(args))}


async def _download_outputs(client: CargoClient, args: argparse.Namespace) -> Answer:
    from tui.export.output_nodes import of_workflow

    nodes = await of_workflow(client, args.workflow, args.release)
    nodes.check(args.node, f"workflow {args.workflow}")
    url = await client.orchestration.run.download_outputs(
        output_node_slug=args.node, format=args.file_format, **_scope(args)
    )
    return {"url": url}


async def _batch(client: CargoClient, args: argparse.Namespace) -> Answer:
    return {"batch": dump(await client.orchestration.batch.get(args.uuid))}


async def _batch_download(client: CargoClient, args: argparse.Namespace) -> Answer:
    from tui.export.output_nodes import of_batch

    if args.node is not None:
        (await of_batch(client, args.uuid)).check(args.node, f"batch {args.uuid}")
    return {"url": await client.orchestration.batch.download(args.uuid, output_node_slug=args.node)}


async def _release(client: CargoClient, args: argparse.Namespace) -> Answer:
    return {"release": dump(await client.orchestration.release.get(args.uuid))}


async def _query(client: CargoClient, args: argparse.Namespace) -> Answer | int:
    from tui.headless.query import _query as execute

    result = await execute(client, args.sql)
    if isinstance(result, int):
        return result
    return {"rows": [dict(zip(result.columns, row, strict=True)) for row in result.rows]}


async def _segment_download(client: CargoClient, args: argparse.Namespace) -> Answer | Path | int:
    """``{"urls": [...]}``; with -o, the files merged into FILE as an export makes them."""
    from tui.export import ExportOptions, Format
    from tui.headless.export_args import UsageError

    try:
        source = segment_source_of(args)
    except (ValueError, UsageError) as exc:
        say(str(exc))
        return EXIT_FAILED
    if args.output:
        dest: Path = args.output
        fmt = Format.from_path(dest) if dest.suffix else Format.CSV
        options = ExportOptions(fmt, overwrite=args.overwrite)
        done = await source.run(client, dest, options, source.provenance(None), lambda _: None)
        return Path(done.path)
    urls = await client.segmentation.segment.download(
        model_uuid=source.model_uuid, filter=source.filter, sort=source.sort, limit=source.limit
    )
    return {"urls": urls}


def _lister(noun: str, thing: str, key: str) -> Callable[..., Awaitable[Answer]]:
    async def listed(client: CargoClient, args: argparse.Namespace) -> Answer:
        resource = getattr(getattr(client, noun), thing)
        return {key: [dump(found) for found in await resource.list()]}

    return listed


COMMANDS: dict[str, Callable[[CargoClient, argparse.Namespace], Awaitable[Done]]] = {
    "orchestration run get-metrics": _metrics,
    "orchestration run count": _count,
    "orchestration run download": _download,
    "orchestration run download-outputs": _download_outputs,
    "orchestration batch get": _batch,
    "orchestration batch download": _batch_download,
    "orchestration release get": _release,
    "orchestration query execute": _query,
    "segmentation segment download": _segment_download,
    **{f"{noun} {thing} list": _lister(noun, thing, key) for (noun, thing), key in LISTS.items()},
}
