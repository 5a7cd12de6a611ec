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
