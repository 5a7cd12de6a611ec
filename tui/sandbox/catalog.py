"""The seeded catalog of a workspace: everything that is not history.

Users, plays, tools, workflows with their releases and node graphs, agents, connectors, models
with their records, segments. Entities are kept as the API writes them (camelCase dicts), so
the routes answer them as they are. History (batches, runs, spans) lives in chDB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tui.sandbox.demo import ACME, GLOBEX, PlaySpec, WorkspaceSpec
from tui.sandbox.graphs import NodeSpec
from tui.sandbox.ids import Seeded, iso
from tui.sandbox.model_records import ModelRecords, build_records
from tui.sandbox.models_schema import MODEL_COLUMNS, MODEL_INFO

Entity = dict[str, Any]


@dataclass
class WorkflowInfo:
    """A workflow, its graph, and its releases (newest first; one is deployed)."""

    uuid: str
    play_uuid: str | None
    tool_uuid: str | None
    graph: list[NodeSpec]
    nodes: list[Entity]
    releases: list[Entity]
    created_at: str
    updated_at: str
    volume: int
    name: str

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
        deployed = self.deployed
        return {
            "uuid": self.uuid,
            "playUuid": self.play_uuid,
            "toolUuid": self.tool_uuid,
            "folderUuid": None,
            "nodes": self.nodes,
            "lastBatch": last_batch,
            "deployedRelease": {
                key: deployed[key] for key in ("uuid", "version", "description", "nodes")
            }
            | {"deployedAt": deployed["deployedAt"]},
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
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


def build_nodes(
    ids: Seeded, graph: list[NodeSpec], connectors: dict[str, str], agents: dict[str, str]
) -> list[Entity]:
    uuids = {spec.slug: ids.uuid() for spec in graph}
    return [
        {
            "uuid": uuids[spec.slug],
            "slug": spec.slug,
            "name": spec.name,
            "kind": spec.kind,
            "actionSlug": spec.action if spec.kind in ("native", "connector") else None,
            "integrationSlug": spec.integration,
            "connectorUuid": connectors.get(spec.integration or ""),
            "agentUuid": agents.get(spec.action) if spec.kind == "agent" else None,
            "toolUuid": None,
            "childrenUuids": [uuids[child] for child in spec.children],
            "fallbackOnFailure": False,
            "retry": {"maximumAttempts": 3, "initialInterval": 2, "backoffCoefficient": 2}
            if spec.kind == "connector"
            else None,
        }
        for spec in graph
    ]


RELEASE_NOTES = [
    "First version",
    "Add the qualification agent",
    "Retry connector calls on 429",
    "Tighten the ICP prompt",
    "Route disqualified accounts to a tag instead of dropping them",
    "Bump the agent model",
    "Alert the account owner on Slack",
]


def build_releases(
    ids: Seeded, workflow_uuid: str, nodes: list[Entity], now: datetime, draft: bool
) -> list[Entity]:
    count = ids.rng.randint(3, 6)
    # The deployed release is a few days old: history older than it ran on the previous ones.
    moments = sorted(
        (now - timedelta(days=4 + 9 * i, hours=ids.rng.randint(0, 20)) for i in range(count)),
        reverse=True,
    )
    releases = []
    for i, moment in enumerate(moments):
        version = count - i
        releases.append(
            {
                "uuid": ids.uuid(),
                "workflowUuid": workflow_uuid,
                "version": version,
                "description": RELEASE_NOTES[(version - 1) % len(RELEASE_NOTES)],
                "status": "deployed" if i == 0 else "archived",
                "nodes": nodes,
                "deployedAt": iso(moment),
                "createdAt": iso(moment - timedelta(hours=2)),
            }
        )
    if draft:
        releases.insert(
            0,
            {
                "uuid": ids.uuid(),
                "workflowUuid": workflow_uuid,
                "version": count + 1,
                "description": "Draft: try a cheaper agent model",
                "status": "draft",
                "nodes": nodes,
                "deployedAt": None,
                "createdAt": iso(now - timedelta(hours=5)),
            },
        )
    return releases


RELATIVE = re.compile(r"^-(\d+)d$")


def resolve_dates(value: Any, now: datetime) -> Any:
    """Segment filters written as ``-30d`` in the specs become ISO dates, as the API stores them."""
    if isinstance(value, dict):
        return {k: resolve_dates(v, now) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_dates(v, now) for v in value]
    if isinstance(value, str) and (found := RELATIVE.match(value)):
        return iso(now - timedelta(days=int(found.group(1))))
    return value


def build_catalog(*, seed: int, now: datetime, spec: WorkspaceSpec, scale: str) -> Catalog:
    ids = Seeded(seed, spec.name)
    created = now - timedelta(days=120)
    first, _, rest = spec.email.partition("@")[0].partition(".")
    catalog = Catalog(
        workspace={
            "uuid": ids.uuid(),
            "name": spec.name,
            "maxConcurrentRuns": 50,
            "createdAt": iso(created),
        },
        user={
            "uuid": ids.uuid(),
            "email": spec.email,
            "firstName": first.title(),
            "lastName": rest.title() or None,
        },
        records=build_records(seed, spec.name, now, scale),
    )

    def stamps() -> dict[str, str]:
        return {
            "createdAt": iso(created + timedelta(days=ids.rng.randint(0, 60))),
            "updatedAt": iso(now - timedelta(days=ids.rng.randint(1, 20))),
        }

    dataset = ids.uuid()
    for slug in spec.models:
        info = MODEL_INFO[slug]
        columns = MODEL_COLUMNS[slug]
        catalog.models.append(
            {
                "uuid": ids.uuid(),
                "name": info["name"],
                "slug": slug,
                "description": info["description"],
                "datasetUuid": dataset,
                "idColumnSlug": "id",
                "titleColumnSlug": info["title"],
                "timeColumnSlug": "created_at",
                "columns": [{"slug": s, "type": t, "label": label} for s, t, label in columns],
                "additionalColumns": [],
                "playsCount": sum(p.model == slug for p in spec.plays),
                "segmentsCount": sum(s.model == slug for s in spec.segments),
                "isPaused": False,
                "lastRun": {
                    "uuid": ids.uuid(),
                    "status": "success",
                    "createdAt": iso(now - timedelta(minutes=47)),
                    "finishedAt": iso(now - timedelta(minutes=46)),
                },
                **stamps(),
            }
        )
    play_segments = {p.segment for p in spec.plays}
    for segment in spec.segments:
        catalog.segments.append(
            {
                "uuid": ids.uuid(),
                "name": segment.name,
                "slug": segment.slug,
                "modelUuid": catalog.model_by_slug(segment.model)["uuid"],
                "filter": resolve_dates(segment.filter, now),
                "sort": segment.sort,
                "limit": segment.limit,
                "recordsCount": 0,  # counted once the filter language is at hand (segments.py)
                "fromPlay": segment.slug in play_segments,
                "syncedAt": iso(now - timedelta(minutes=ids.rng.randint(2, 50))),
                "lastChange": None,
                **stamps(),
            }
        )
    for agent in spec.agents:
        catalog.agents.append(
            {
                "uuid": ids.uuid(),
                "name": agent.name,
                "description": agent.description,
                "deployedRelease": {
                    "uuid": ids.uuid(),
                    "version": ids.rng.randint(2, 9),
                    "languageModelSlug": agent.model,
                    "maxSteps": 8,
                    "temperature": 0.2,
                    "instructions": agent.instructions,
                    "deployedAt": iso(now - timedelta(days=ids.rng.randint(3, 30))),
                },
                **stamps(),
            }
        )
    agent_by_role = {a.role: catalog.agents[i]["uuid"] for i, a in enumerate(spec.agents)}
    for connector in spec.connectors:
        catalog.connectors.append(
            {
                "uuid": ids.uuid(),
                "name": connector.name,
                "slug": connector.integration,
                "integrationSlug": connector.integration,
                "isDefault": True,
                "useCredits": connector.use_credits,
                "rateLimit": connector.rate_limit,
                "playsCount": sum(
                    any(n.integration == connector.integration for n in p.graph) for p in spec.plays
                ),
                "toolsCount": sum(
                    any(n.integration == connector.integration for n in t.graph) for t in spec.tools
                ),
                "modelsCount": len(spec.models) if connector.integration == "snowflake" else 0,
                **stamps(),
            }
        )
    connector_by_slug = {c["integrationSlug"]: c["uuid"] for c in catalog.connectors}
    owners: list[tuple[str, str, str, PlaySpec | Any]] = []
    for play in spec.plays:
        play_uuid, workflow_uuid = ids.uuid(), ids.uuid()
        catalog.plays.append(
            {
                "uuid": play_uuid,
                "name": play.name,
                "description": play.description,
                "workflowUuid": workflow_uuid,
                "modelUuid": catalog.model_by_slug(play.model)["uuid"],
                "segmentUuid": next(
                    s["uuid"] for s in catalog.segments if s["slug"] == play.segment
                ),
                "isEnabled": play.enabled,
                "changeKinds": ["added", "updated"],
                "runCreationRule": "noConcurrency",
                "schedule": play.schedule,
                "healthThreshold": 0.1,
                "folderUuid": None,
                **stamps(),
            }
        )
        owners.append(("play", play_uuid, workflow_uuid, play))
    for tool in spec.tools:
        tool_uuid, workflow_uuid = ids.uuid(), ids.uuid()
        catalog.tools.append(
            {
                "uuid": tool_uuid,
                "name": tool.name,
                "description": tool.description,
                "workflowUuid": workflow_uuid,
                "isReadOnly": True,
                "folderUuid": None,
                **stamps(),
            }
        )
        owners.append(("tool", tool_uuid, workflow_uuid, tool))
    for index, (kind, owner_uuid, workflow_uuid, owner) in enumerate(owners):
        nodes = build_nodes(ids, owner.graph, connector_by_slug, agent_by_role)
        catalog.workflows.append(
            WorkflowInfo(
                uuid=workflow_uuid,
                play_uuid=owner_uuid if kind == "play" else None,
                tool_uuid=owner_uuid if kind == "tool" else None,
                graph=owner.graph,
                nodes=nodes,
                releases=build_releases(ids, workflow_uuid, nodes, now, draft=index == 0),
                created_at=iso(created),
                updated_at=iso(now - timedelta(days=1)),
                volume=owner.volume,
                name=owner.name,
            )
        )
    return catalog


def demo_catalogs(seed: int, now: datetime, scale: str) -> list[Catalog]:
    """The demo workspace and a second one, so isolation can be tested."""
    return [build_catalog(seed=seed, now=now, spec=spec, scale=scale) for spec in (ACME, GLOBEX)]
