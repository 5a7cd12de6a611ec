"""Plays, tools, workflows, releases and their node graphs (``OrchestrationTypes``).

Every field ``@cargo-ai/types`` declares nullable is optional here, and so is every field a
screen can do without: an answer the types allow is never rejected.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tui.api.models.base import CargoModel, OpenEnum
from tui.api.models.fields import Count, Timestamp, Version, version_label
from tui.api.statuses import TERMINAL_STATUSES


class BatchStatus(OpenEnum):
    PENDING = "pending"
    SYNCING = "syncing"
    SKIPPED = "skipped"
    QUERYING = "querying"
    RUNNING = "running"
    SUCCESS = "success"
    CANCELLING = "cancelling"
    ERROR = "error"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self.value in TERMINAL_STATUSES


class RunsStatus(OpenEnum):
    HEALTHY = "healthy"
    UNHEALTHY = "unhealthy"


class NodeKind(OpenEnum):
    NATIVE = "native"
    CONNECTOR = "connector"
    TOOL = "tool"
    AGENT = "agent"


class ReleaseStatus(OpenEnum):
    DRAFT = "draft"
    DEPLOYED = "deployed"
    ARCHIVED = "archived"


class NodeRetry(CargoModel):
    maximum_attempts: Count | None = None
    initial_interval: float | None = None
    backoff_coefficient: float | None = None


class Node(CargoModel):
    """A node of a release's graph (``OrchestrationTypes.Node``): a flat list, linked by
    ``children_uuids``, where a branch's empty slot is ``None``."""

    uuid: str
    slug: str
    name: str | None = None
    description: str | None = None
    kind: NodeKind
    #: native and connector nodes
    action_slug: str | None = None
    #: connector nodes
    integration_slug: str | None = None
    connector_uuid: str | None = None
    #: tool and agent nodes
    tool_uuid: str | None = None
    agent_uuid: str | None = None
    template_slug: str | None = None
    release_uuid: str | None = None
    wait_until_finished: bool | None = None
    config: dict[str, Any] = {}
    children_uuids: list[str | None] = []
    fallback_on_failure: bool = False
    fallback_child_uuid: str | None = None
    #: where the node sits in Cargo's editor
    position: dict[str, float] | None = None
    retry: NodeRetry | None = None

    @property
    def children(self) -> list[str]:
        """The children that are nodes (a branch's empty slots left out)."""
        return [child for child in self.children_uuids if child]


class WorkflowNode(CargoModel):
    """A node of a workflow (``OrchestrationTypes.WorkflowNode``): a tree, each node holding
    ``nodes``, archived ones flagged; unlike a release's, it names no children."""

    uuid: str
    slug: str
    name: str | None = None
    description: str | None = None
    kind: NodeKind
    is_archived: bool = False
    nodes: list[WorkflowNode] = []
    action_slug: str | None = None
    integration_slug: str | None = None
    connector_uuid: str | None = None
    tool_uuid: str | None = None
    agent_uuid: str | None = None
    template_slug: str | None = None
    release_uuid: str | None = None


class ReleaseFormField(CargoModel):
    name: str | None = None
    slug: str
    kind: str | None = None
    description: str | None = None
    placeholder: str | None = None
    is_required: bool | None = None
    enum: list[str] | None = None
    fields: list[ReleaseFormField] | None = None


class Schedule(CargoModel):
    type: str
    cron: str | None = None
    job_id: str | None = None
    play_uuid: str | None = None
    temporal_schedule_workflow_id: str | None = None
    meta: dict[str, Any] | None = None


class Play(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    user_uuid: str | None = None
    name: str
    description: str | None = None
    workflow_uuid: str
    model_uuid: str | None = None
    segment_uuid: str | None = None
    is_enabled: bool = False
    change_kinds: list[str] = []
    run_creation_rule: str | None = None
    schedule: Schedule | None = None
    health_threshold: float | None = None
    health_alert_actions: list[dict[str, Any]] = []
    folder_uuid: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None


class Tool(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    user_uuid: str | None = None
    name: str
    description: str | None = None
    workflow_uuid: str
    is_read_only: bool | None = None
    icon: dict[str, Any] | None = None
    credits_cost: dict[str, Any] | None = None
    triggers: list[dict[str, Any]] = []
    public_form: dict[str, Any] | None = None
    folder_uuid: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None


class LastBatch(CargoModel):
    uuid: str
    status: BatchStatus
    runs_status: RunsStatus | None = None
    error_message: str | None = None
    created_at: Timestamp | None = None
    finished_at: Timestamp | None = None


class DeployedRelease(CargoModel):
    uuid: str
    user_uuid: str | None = None
    version: Version = None
    description: str | None = None
    nodes: list[Node] = []
    form_fields: list[ReleaseFormField] | None = None
    template_slug: str | None = None
    deployed_at: Timestamp | None = None
    created_at: Timestamp | None = None

    @property
    def label(self) -> str:
        return version_label(self.version)


class Workflow(CargoModel):
    uuid: str
    workspace_uuid: str | None = None
    play_uuid: str | None = None
    tool_uuid: str | None = None
    folder_uuid: str | None = None
    template: dict[str, Any] | None = None
    nodes: list[WorkflowNode] = []
    last_batch: LastBatch | None = None
    deployed_release: DeployedRelease | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None


class Release(CargoModel):
    uuid: str
    parent_uuid: str | None = None
    workspace_uuid: str | None = None
    user_uuid: str | None = None
    workflow_uuid: str
    version: Version = None
    description: str | None = None
    status: ReleaseStatus | None = None
    template_slug: str | None = None
    nodes: list[Node] = []
    form_fields: list[ReleaseFormField] | None = None
    test_records: list[dict[str, Any]] = []
    deployed_at: Timestamp | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    deleted_at: Timestamp | None = None

    @property
    def label(self) -> str:
        """``v7``; a draft without a version reads ``draft``."""
        if self.version is None and self.status == ReleaseStatus.DRAFT:
            return "draft"
        return version_label(self.version)


def newest_first(releases: Iterable[Release]) -> list[Release]:
    """Releases by when they were deployed (else created), newest first: a version is free
    text (``"1.10.0"`` sorts before ``"1.9.0"`` as text, ``None`` not at all)."""

    def moment(release: Release) -> float:
        when = release.deployed_at or release.created_at
        return when.timestamp() if when else float("-inf")

    return sorted(releases, key=moment, reverse=True)


def node_order(nodes: list[Node]) -> list[Node]:
    """Nodes in graph order, from the root (no parent) along children, breadth first."""
    by_uuid = {node.uuid: node for node in nodes}
    children = {uuid for node in nodes for uuid in node.children}
    queue = [node for node in nodes if node.uuid not in children]
    seen: set[str] = set()
    ordered: list[Node] = []
    while queue:
        node = queue.pop(0)
        if node.uuid in seen:
            continue
        seen.add(node.uuid)
        ordered.append(node)
        queue.extend(by_uuid[c] for c in node.children if c in by_uuid)
    ordered.extend(node for node in nodes if node.uuid not in seen)
    return ordered


def output_node(nodes: list[Node]) -> Node | None:
    """The node whose output is the workflow's: one called ``output``, else the last (in
    graph order) before ``end``, else the last."""
    ordered = node_order(nodes)
    named = [n for n in ordered if "output" in (n.slug, n.action_slug)]
    tail = [n for n in ordered if n.slug != "end" and n.action_slug != "end"]
    found = named or tail or ordered
    return found[-1] if found else None


def _reachable(start: str, by_uuid: dict[str, Node]) -> list[str]:
    order, queue, seen = [], [start], set()
    while queue:
        uuid = queue.pop(0)
        if uuid in seen or uuid not in by_uuid:
            continue
        seen.add(uuid)
        order.append(uuid)
        queue.extend(by_uuid[uuid].children)
    return order


def graph_text(nodes: list[Node]) -> str:
    """The node graph on one line: ``start → is_fit → (hubspot_upsert → slack | skip) → end``.

    A branch's empty slot (a ``None`` child) reads ``∅``: that way the run ends there.
    """
    by_uuid = {node.uuid: node for node in nodes}
    children = {uuid for node in nodes for uuid in node.children}
    roots = [node for node in nodes if node.uuid not in children]
    if not roots:
        return " → ".join(node.slug for node in nodes)

    def walk(uuid: str | None, stop: str | None, depth: int) -> list[str]:
        parts: list[str] = []
        while uuid is not None and uuid != stop and uuid in by_uuid and depth < 20:
            node = by_uuid[uuid]
            parts.append(node.slug)
            slots = [k for k in node.children_uuids if k is None or k in by_uuid]
            if len(slots) <= 1:
                uuid = slots[0] if slots else None
                continue
            kids = [k for k in slots if k is not None]
            later = [set(_reachable(k, by_uuid)) for k in kids[1:]]
            join = next(
                (u for u in _reachable(kids[0], by_uuid) if all(u in r for r in later)), None
            ) if len(kids) > 1 else None  # fmt: skip
            branches = [
                "∅" if k is None else (" → ".join(walk(k, join, depth + 1)) or "…") for k in slots
            ]
            parts.append("(" + " | ".join(branches) + ")")
            uuid = join
        return parts

    return " → ".join(walk(roots[0].uuid, None, 0))


def walk_tree(nodes: Iterable[WorkflowNode]) -> Iterator[tuple[int, WorkflowNode]]:
    """Each node of a workflow's tree with its depth, depth first, archived ones left out."""
    stack = [(0, node) for node in reversed(list(nodes))]
    seen: set[str] = set()
    while stack:
        depth, node = stack.pop()
        if node.uuid in seen or node.is_archived:
            continue
        seen.add(node.uuid)
        yield depth, node
        stack.extend((depth + 1, child) for child in reversed(node.nodes))


def tree_nodes(nodes: list[WorkflowNode]) -> list[Node]:
    """A workflow's node tree as a graph's nodes, each node's ``nodes`` its children.

    The types do not say what a node's ``nodes`` are; read as what follows it, a workflow
    without a deployed release still shows its graph (``graph_text``, ``node_order``).
    """
    graph = []
    for _, node in walk_tree(nodes):
        fields = node.model_dump(exclude={"nodes", "is_archived"})
        children = [child.uuid for child in node.nodes if not child.is_archived]
        graph.append(Node.model_validate({**fields, "children_uuids": children}))
    return graph
