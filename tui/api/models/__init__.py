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
    WorkflowNode,
    graph_text,
    newest_first,
    node_order,
    output_node,
    tree_nodes,
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
    "WorkflowNode",
    "Workspace",
    "graph_text",
    "newest_first",
    "node_order",
    "output_node",
    "tree_nodes",
]
