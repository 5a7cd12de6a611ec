"""Pydantic models of the Cargo API's entities and answers."""

from tui.api.models.base import CargoModel, OpenEnum
from tui.api.models.identity import User, WhoAmI, Workspace
from tui.api.models.orchestration import (
    BatchStatus,
    DeployedRelease,
    LastBatch,
    Node,
    NodeKind,
    Play,
    RunsStatus,
    Schedule,
    Tool,
    Workflow,
    graph_text,
    node_order,
)

__all__ = [
    "BatchStatus",
    "CargoModel",
    "DeployedRelease",
    "LastBatch",
    "Node",
    "NodeKind",
    "OpenEnum",
    "Play",
    "RunsStatus",
    "Schedule",
    "Tool",
    "User",
    "WhoAmI",
    "Workflow",
    "Workspace",
    "graph_text",
    "node_order",
]
