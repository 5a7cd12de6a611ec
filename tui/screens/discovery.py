"""Discovery: every play and tool of the workspace, with the selected one's details."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static, Tree
from textual.widgets.tree import TreeNode

from tui.api.models import Play, Tool, Workflow, node_order
from tui.screens.base import CargoScreen

Resource = Play | Tool


@dataclass
class Discovered:
    plays: list[Play]
    tools: list[Tool]
    workflows: dict[str, Workflow]


class DiscoveryScreen(CargoScreen):
    crumbs = ("Discovery",)

    def __init__(self) -> None:
        super().__init__()
        self.found: Discovered | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="discovery"):
            tree: Tree[Resource | None] = Tree("Resources", id="resources")
            tree.show_root = False
            tree.border_title = "Resources"
            yield tree
            with VerticalScroll(id="details") as details:
                details.border_title = "Details"
                yield Static("", id="details-body")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#resources", Tree).loading = True
        self.load()

    @work(exclusive=True, group="discovery", exit_on_error=False)
    async def load(self) -> Discovered:
        client = await self.cargo.connect()
        plays, tools, workflows = await asyncio.gather(
            client.orchestration.play.list(),
            client.orchestration.tool.list(),
            client.orchestration.workflow.list(),
        )
        return Discovered(plays, tools, {w.uuid: w for w in workflows})

    def show_result(self, group: str, result: Any) -> None:
        if group == "discovery":
            self.found = result
            self._fill_tree(result)

    def show_failure(self, group: str, error: BaseException | None) -> None:
        self.query_one("#resources", Tree).loading = False
        super().show_failure(group, error)

    def _fill_tree(self, found: Discovered) -> None:
        tree: Tree[Resource | None] = self.query_one("#resources", Tree)
        tree.loading = False
        tree.clear()
        kinds: list[tuple[str, list[Resource]]] = [
            ("Plays", [*found.plays]),
            ("Tools", [*found.tools]),
        ]
        for label, items in kinds:
            branch = tree.root.add(f"{label} ({len(items)})", data=None, expand=True)
            for item in sorted(items, key=lambda i: i.name.lower()):
                branch.add_leaf(item.name, data=item)
        tree.focus()
        if found.plays or found.tools:
            tree.move_cursor_to_line(1)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Resource | None]) -> None:
        self._show_details(event.node)

    def _show_details(self, node: TreeNode[Resource | None]) -> None:
        body = self.query_one("#details-body", Static)
        details = self.query_one("#details", VerticalScroll)
        item = node.data
        if item is None or self.found is None:
            details.border_title = "Details"
            body.update("")
            return
        kind = "play" if isinstance(item, Play) else "tool"
        details.border_title = f"{item.name} ({kind})"
        body.update(describe(item, self.found.workflows.get(item.workflow_uuid)))


def describe(item: Resource, workflow: Workflow | None) -> Content:
    """The details of a play or tool, as labelled lines."""
    rows: list[tuple[str, str]] = [("uuid", item.uuid), ("workflow", item.workflow_uuid)]
    if isinstance(item, Play):
        schedule = item.schedule.type if item.schedule else "manual"
        rows.append(("enabled", f"{'yes' if item.is_enabled else 'no'} · schedule: {schedule}"))
    if workflow and workflow.deployed_release:
        release = workflow.deployed_release
        path = " → ".join(n.slug for n in node_order(release.nodes))
        rows.append(("release", f"v{release.version} · {path}"))
    if workflow and workflow.last_batch:
        rows.append(("last batch", str(workflow.last_batch.status)))
    lines = [Content.assemble((f"{label:<11}", "$text-muted"), value) for label, value in rows]
    if item.description:
        lines += [Content(""), Content(item.description)]
    return Content("\n").join(lines)
