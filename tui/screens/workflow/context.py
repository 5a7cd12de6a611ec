"""What every drill-down screen knows of its workflow: its owner's name, its release's nodes."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.api import CargoClient
from tui.api.errors import RequestError
from tui.api.models import Node, Workflow, newest_first, node_order, output_node, tree_nodes
from tui.api.models.orchestration import Release
from tui.session.discovery import Discovery
from widgets.humanize import short_uuid


@dataclass
class WorkflowContext:
    workflow: Workflow
    owner_name: str
    owner_kind: str  # "play", "tool" or "workflow"
    nodes: list[Node] = field(default_factory=list)

    @property
    def uuid(self) -> str:
        return self.workflow.uuid

    @property
    def crumbs(self) -> tuple[str, ...]:
        kind = f"{self.owner_kind.capitalize()}s" if self.owner_kind != "workflow" else "Workflows"
        return (kind, self.owner_name)

    @property
    def release_label(self) -> str:
        """``release v6``, or ``no deployed release``."""
        release = self.workflow.deployed_release
        return f"release {release.label}" if release else "no deployed release"

    def node_name(self, slug_or_uuid: str | None) -> str:
        for node in self.nodes:
            if slug_or_uuid in (node.slug, node.uuid):
                return node.slug
        return slug_or_uuid or "–"

    def node(self, slug_or_uuid: str | None) -> Node | None:
        return next((n for n in self.nodes if slug_or_uuid in (n.slug, n.uuid)), None)

    @property
    def output_node(self) -> Node | None:
        """The node whose output is the workflow's (``models.output_node``)."""
        return output_node(self.nodes)


async def resolve(client: CargoClient, found: Discovery | None, uuid: str) -> WorkflowContext:
    """The workflow and its owner, from Discovery when it has them, else from the API."""
    workflow = found.workflows.get(uuid) if found else None
    owner = found.owner_of.get(uuid) if found else None
    if workflow is None:
        workflows = await client.orchestration.workflow.list()
        workflow = next((w for w in workflows if w.uuid == uuid), None)
        if workflow is None:
            raise RequestError(
                f"workflow {uuid} is not in this workspace", reason="workflowNotFound"
            )
    if owner is None and (workflow.play_uuid or workflow.tool_uuid):
        if workflow.play_uuid:
            play = await client.orchestration.play.get(workflow.play_uuid)
            name, kind = play.name, "play"
        else:
            tool = await client.orchestration.tool.get(workflow.tool_uuid or "")
            name, kind = tool.name, "tool"
    elif owner is not None:
        name, kind = owner.name, str(owner.kind)
    else:
        name, kind = f"workflow {short_uuid(uuid)}", "workflow"
    return WorkflowContext(workflow, name, kind, workflow_graph(workflow))


def workflow_graph(workflow: Workflow) -> list[Node]:
    """The nodes of the deployed release in graph order; without one, the workflow's own
    node tree (a workflow that was never deployed still has a graph to show)."""
    release = workflow.deployed_release
    return node_order(release.nodes if release else tree_nodes(workflow.nodes))


@dataclass(frozen=True)
class WorkflowReleases:
    """A workflow's releases, newest first (what a release picker offers)."""

    releases: list[Release]


async def releases_of(client: CargoClient, workflow_uuid: str) -> WorkflowReleases:
    found = await client.orchestration.release.list(workflow_uuid=workflow_uuid)
    return WorkflowReleases(newest_first(found))
