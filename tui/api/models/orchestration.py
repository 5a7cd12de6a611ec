"""Plays, tools, workflows, releases and their node graphs."""

from __future__ import annotations

from datetime import datetime

from tui.api.models.base import CargoModel, OpenEnum


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
        return self.value in ("success", "error", "cancelled", "skipped")


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
    maximum_attempts: int | None = None
    initial_interval: float | None = None
    backoff_coefficient: float | None = None


class Node(CargoModel):
    uuid: str
    slug: str
    name: str | None = None
    kind: NodeKind
    action_slug: str | None = None
    integration_slug: str | None = None
    agent_uuid: str | None = None
    tool_uuid: str | None = None
    children_uuids: list[str] = []
    fallback_on_failure: bool | None = None
    retry: NodeRetry | None = None


class Schedule(CargoModel):
    type: str
    cron: str | None = None


class Play(CargoModel):
    uuid: str
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
    folder_uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Tool(CargoModel):
    uuid: str
    name: str
    description: str | None = None
    workflow_uuid: str
    is_read_only: bool | None = None
    folder_uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class LastBatch(CargoModel):
    uuid: str
    status: BatchStatus
    runs_status: RunsStatus | None = None
    error_message: str | None = None
    created_at: datetime | None = None
    finished_at: datetime | None = None


class DeployedRelease(CargoModel):
    uuid: str
    version: int
    description: str | None = None
    nodes: list[Node] = []
    deployed_at: datetime | None = None


class Workflow(CargoModel):
    uuid: str
    play_uuid: str | None = None
    tool_uuid: str | None = None
    folder_uuid: str | None = None
    nodes: list[Node] = []
    last_batch: LastBatch | None = None
    deployed_release: DeployedRelease | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Release(CargoModel):
    uuid: str
    workflow_uuid: str
    version: int
    description: str | None = None
    status: ReleaseStatus | None = None
    nodes: list[Node] = []
    deployed_at: datetime | None = None
    created_at: datetime | None = None


def node_order(nodes: list[Node]) -> list[Node]:
    """Nodes in graph order, from the root (no parent) along children, breadth first."""
    by_uuid = {node.uuid: node for node in nodes}
    children = {uuid for node in nodes for uuid in node.children_uuids}
    queue = [node for node in nodes if node.uuid not in children]
    seen: set[str] = set()
    ordered: list[Node] = []
    while queue:
        node = queue.pop(0)
        if node.uuid in seen:
            continue
        seen.add(node.uuid)
        ordered.append(node)
        queue.extend(by_uuid[c] for c in node.children_uuids if c in by_uuid)
    ordered.extend(node for node in nodes if node.uuid not in seen)
    return ordered


def _reachable(start: str, by_uuid: dict[str, Node]) -> list[str]:
    order, queue, seen = [], [start], set()
    while queue:
        uuid = queue.pop(0)
        if uuid in seen or uuid not in by_uuid:
            continue
        seen.add(uuid)
        order.append(uuid)
        queue.extend(by_uuid[uuid].children_uuids)
    return order


def graph_text(nodes: list[Node]) -> str:
    """The node graph on one line: ``start → is_fit → (hubspot_upsert → slack | skip) → end``."""
    by_uuid = {node.uuid: node for node in nodes}
    children = {uuid for node in nodes for uuid in node.children_uuids}
    roots = [node for node in nodes if node.uuid not in children]
    if not roots:
        return " → ".join(node.slug for node in nodes)

    def walk(uuid: str | None, stop: str | None, depth: int) -> list[str]:
        parts: list[str] = []
        while uuid is not None and uuid != stop and uuid in by_uuid and depth < 20:
            node = by_uuid[uuid]
            parts.append(node.slug)
            kids = [k for k in node.children_uuids if k in by_uuid]
            if len(kids) <= 1:
                uuid = kids[0] if kids else None
                continue
            later = [set(_reachable(k, by_uuid)) for k in kids[1:]]
            join = next(
                (u for u in _reachable(kids[0], by_uuid) if all(u in r for r in later)), None
            )
            branches = [" → ".join(walk(k, join, depth + 1)) or "…" for k in kids]
            parts.append("(" + " | ".join(branches) + ")")
            uuid = join
        return parts

    return " → ".join(walk(roots[0].uuid, None, 0))
