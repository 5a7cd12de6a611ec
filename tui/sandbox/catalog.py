"""The seeded catalog of a workspace: everything that is not history.

Users, plays, tools, workflows with their releases and node graphs, agents, connectors, models
with their records, segments. Entities are kept as the API writes them (camelCase dicts), so
the routes answer them as they are. History (batches, runs, spans) lives in chDB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tui.sandbox.graphs import NodeSpec
from tui.sandbox.ids import iso
from tui.sandbox.model_records import ModelRecords
from tui.sandbox.releases import deployed_summary, workflow_tree

Entity = dict[str, Any]


@dataclass
class WorkflowInfo:
    """A workflow, its graph, and its releases (newest first; one is deployed)."""

    uuid: str
    workspace_uuid: str
    play_uuid: str | None
    tool_uuid: str | None
    graph: list[NodeSpec]
    nodes: list[Entity]
    releases: list[Entity]
    created_at: str
    updated_at: str
    volume: int
    name: str
    #: Nodes an older version of the graph had: the workflow's tree keeps them, archived.
    archived: tuple[Entity, ...] = ()

    @property
    def deployed(self) -> Entity:
        return next(r for r in self.releases if r["status"] == "deployed")

    def release_at(self, moment: datetime) -> Entity:
        """The release that was deployed at ``moment`` (the oldest one before any)."""
        deployed = [r for r in self.releases if r["status"] != "draft"]
        for release in deployed:
            if release["deployedAt"] <= iso(moment):
                return release
        return deployed[-1]

    def wire(self, last_batch: Entity | None) -> Entity:
        return {
            "uuid": self.uuid,
            "workspaceUuid": self.workspace_uuid,
            "nodes": workflow_tree(self.nodes, self.archived),
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "deletedAt": None,
            "playUuid": self.play_uuid,
            "toolUuid": self.tool_uuid,
            "folderUuid": None,
            "template": None,
            "lastBatch": last_batch,
            "deployedRelease": deployed_summary(self.deployed),
        }


@dataclass
class Catalog:
    """Everything of one workspace that is not history."""

    workspace: Entity
    user: Entity
    records: ModelRecords
    plays: list[Entity] = field(default_factory=list)
    tools: list[Entity] = field(default_factory=list)
    workflows: list[WorkflowInfo] = field(default_factory=list)
    agents: list[Entity] = field(default_factory=list)
    connectors: list[Entity] = field(default_factory=list)
    models: list[Entity] = field(default_factory=list)
    segments: list[Entity] = field(default_factory=list)

    def find(self, kind: str, uuid: str) -> Entity | None:
        items: list[Entity] = getattr(self, kind)
        return next((item for item in items if item["uuid"] == uuid), None)

    def workflow(self, uuid: str) -> WorkflowInfo | None:
        return next((w for w in self.workflows if w.uuid == uuid), None)

    def releases(self) -> list[Entity]:
        return [release for w in self.workflows for release in w.releases]

    def model_by_slug(self, slug: str) -> Entity:
        return next(m for m in self.models if m["slug"] == slug)

    def records_of(self, model_uuid: str) -> list[Entity] | None:
        model = self.find("models", model_uuid)
        return self.records.of(model["slug"]) if model else None
