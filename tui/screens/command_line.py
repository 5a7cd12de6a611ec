"""A pasted ``cargo-ai ...`` (or ``cargo-tui ...``) command line in the palette opens its view
with its filters applied: ``run count`` and ``run download`` the workflow's Runs tab (download
also the export dialog), ``get-metrics`` the scoped Metrics tab, ``batch get`` the batch's runs,
``release get`` the workflow with the release's graph, ``query execute`` the SQL editor,
``segment download`` the export of those records. A line that cannot be mapped says which part
was not understood.

The line is read by the same parser as ``cargo-tui orchestration ...``
(``tui.headless.cargo_ai``), which loads only argparse.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.command import Hit, Hits, Provider

from tui.headless.cargo_ai import NOUNS, LineError, check_arguments, parse_line, segment_source_of
from tui.screens.navigation import OpenDiscovery, OpenExport, OpenSql, OpenWorkflow
from tui.session import session_of

if TYPE_CHECKING:
    from tui.screens.workflow.screen import WorkflowScreen

PREFIXES = ("cargo-ai ", "cargo-tui ", "npx @cargo-ai/", *(f"{noun} " for noun in NOUNS))


def is_command_line(text: str) -> bool:
    return text.strip().startswith(PREFIXES)


class PastedCommand(Provider):
    """One hit for a pasted command line: what it opens, or what was not understood."""

    async def search(self, query: str) -> Hits:
        if not is_command_line(query):
            return
        app = self.app
        try:
            args = parse_line(query)
            what, run = plan(app, args)
        except (LineError, ValueError) as exc:
            message = str(exc)
            yield Hit(1.0, f"cargo-ai: not understood: {message}", partial(_say, app, message))
            return
        yield Hit(1.0, f"cargo-ai: {what}", run, help=args.cargo_ai)


def _say(app: App[Any], message: str) -> None:
    app.notify(
        f"{message}. Paste a cargo-ai command line ('cargo-tui orchestration --help' lists them).",
        title="Not understood",
        severity="warning",
        timeout=10,
    )


def plan(app: App[Any], args: argparse.Namespace) -> tuple[str, Callable[[], object]]:
    """What the line opens (in words), and how (a message for the app); ValueError for values
    that do not fit."""
    check_arguments(args)
    action: str = args.cargo_ai
    if action in ("orchestration run count", "orchestration run download"):
        from tui.headless.run_args import scope_of

        scope = scope_of(args)
        download = action.endswith("download")

        async def runs(screen: WorkflowScreen) -> None:
            screen.show_runs(scope)
            if download:
                screen.post_message(OpenExport(screen.runs_view.runs_source()))

        verb = "export" if download else "show"
        return f"{verb} the runs of workflow {args.workflow[:8]} ({scope.describe()})", partial(
            _open, app, args.workflow, runs
        )
    if action == "orchestration run get-metrics":
        return f"metrics of workflow {args.workflow[:8]}", partial(
            _open, app, args.workflow, partial(_metrics, args)
        )
    if action == "orchestration run download-outputs":
        return f"export {args.node}'s outputs of workflow {args.workflow[:8]}", partial(
            _open, app, args.workflow, partial(_outputs, args)
        )
    if action in ("orchestration batch get", "orchestration batch download"):
        uuid = getattr(args, "uuid", None)
        verb = "export the output of" if action.endswith("download") else "open"
        return f"{verb} batch {uuid[:8] if uuid else ''}", partial(_batch, app, args)
    if action == "orchestration release get":
        return f"the graph of release {args.uuid[:8]}", partial(_release, app, args)
    if action == "orchestration query execute":
        return "open the query in the SQL editor", partial(app.post_message, OpenSql(args.sql))
    if action == "segmentation segment download":
        from tui.headless.export_args import UsageError

        try:
            source = segment_source_of(args)
        except UsageError as exc:
            raise ValueError(str(exc)) from None
        return f"export the records of model {args.model_uuid[:8]}", partial(
            app.post_message, OpenExport(source)
        )
    back = partial(app.post_message, OpenDiscovery())
    return "back to Discovery: every resource is listed there", back


async def _metrics(args: argparse.Namespace, screen: WorkflowScreen) -> None:
    from textual.widgets import Input

    from tui.screens.workflow.metrics import MetricsPane

    pane = screen.query_one(MetricsPane)
    key = "all"
    if args.batch:
        client = await screen.session.connect()
        screen.selected_batch = await client.orchestration.batch.get(args.batch)
        key = "batch"
    elif args.created_after or args.created_before:
        key = "custom"
        for end, moment in (("after", args.created_after), ("before", args.created_before)):
            if moment is not None:
                pane.query_one(f"#metrics-{end}", Input).value = moment.isoformat(
                    timespec="minutes"
                ).replace("+00:00", "")
    pane.scope_to_release(args.release, key)
    screen.action_tab("metrics")
    pane.load()


async def _outputs(args: argparse.Namespace, screen: WorkflowScreen) -> None:
    from tui.export import NodeOutputsSource, slug
    from tui.headless.run_args import scope_of

    context = screen.context
    nodes = tuple(n.slug for n in context.nodes) if context else ()
    output = context.output_node if context else None
    owner = context.owner_name if context else args.workflow[:8]
    if nodes and args.node not in nodes:
        screen.notify(
            f"There is no node {args.node!r} in this workflow: its nodes are {', '.join(nodes)}.",
            severity="error",
            timeout=10,
        )
        return
    source = NodeOutputsSource(
        label=f"node outputs of {owner}",
        stem=slug("outputs", owner),
        nodes=nodes,
        node=args.node,
        output_node=output.slug if output else None,
        filters=scope_of(args).filter(args.workflow),
    )
    screen.post_message(OpenExport(source))


def _batch(app: App[Any], args: argparse.Namespace) -> None:
    async def find() -> None:
        client = await session_of(app).connect()
        batch = await client.orchestration.batch.get(args.uuid)

        async def there(screen: WorkflowScreen) -> None:
            screen.selected_batch = batch
            if args.cargo_ai.endswith("download"):
                from tui.screens.workflow.batches import BatchesPane

                source = screen.query_one(BatchesPane).export_source()
                if source is not None:
                    screen.post_message(OpenExport(source.with_node(args.node or source.node)))
            else:
                screen.open_runs(batch)

        _open(app, batch.workflow_uuid, there)

    app.run_worker(find(), group="pasted-command", exit_on_error=False)


def _release(app: App[Any], args: argparse.Namespace) -> None:
    async def find() -> None:
        from tui.api.models import graph_text, node_order

        client = await session_of(app).connect()
        release = await client.orchestration.release.get(args.uuid)

        async def there(screen: WorkflowScreen) -> None:
            graph = graph_text(node_order(release.nodes))
            screen.notify(graph, title=f"release {release.label}", timeout=20)

        _open(app, release.workflow_uuid, there)

    app.run_worker(find(), group="pasted-command", exit_on_error=False)


def _open(
    app: App[Any], workflow_uuid: str, then: Callable[[WorkflowScreen], Awaitable[None]]
) -> None:
    app.post_message(OpenWorkflow(workflow_uuid, then))
