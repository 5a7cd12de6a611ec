"""The seeded catalog of a workspace, every entity with every field the vendor's types declare.

The draws from the workspace's stream (``ids``) are made in one fixed order, so the uuids and
dates the history and the tests know do not move when a field is added: a new field takes a
constant, or a value made of what is already drawn.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid5

from tui.sandbox.catalog import Catalog, WorkflowInfo
from tui.sandbox.demo import ACME, GLOBEX, ConnectorSpec, PlaySpec, WorkspaceSpec
from tui.sandbox.ids import Seeded, iso
from tui.sandbox.model_records import build_records
from tui.sandbox.models_schema import MODEL_COLUMNS, MODEL_INFO
from tui.sandbox.releases import build_nodes, build_releases, earlier_nodes

Entity = dict[str, Any]
RELATIVE = re.compile(r"^-(\d+)d$")
#: Where each integration's agents run, by language model.
PROVIDERS = {"gpt": "openai", "claude": "anthropic"}
#: A rate limit written per 10 s is, in the types' units (second ... day), per second.
UNITS = {"10s": ("second", 10)}
#: What a tool asks for when run by hand or by a node (its releases' form fields).
TOOL_FORM: list[Entity] = [
    {"name": "Domain", "slug": "domain", "kind": "string", "isRequired": True,
     "placeholder": "acme.com"},
    {"name": "Depth", "slug": "depth", "kind": "enum", "enum": ["quick", "full"]},
]  # fmt: skip


def resolve_dates(value: Any, now: datetime) -> Any:
    """Segment filters written as ``-30d`` in the specs become ISO dates, as the API stores them."""
    if isinstance(value, dict):
        return {k: resolve_dates(v, now) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_dates(v, now) for v in value]
    if isinstance(value, str) and (found := RELATIVE.match(value)):
        return iso(now - timedelta(days=int(found.group(1))))
    return value


def rate_limit(spec: ConnectorSpec) -> Entity | None:
    if spec.rate_limit is None:
        return None
    unit, per = UNITS.get(spec.rate_limit["unit"], (spec.rate_limit["unit"], 1))
    return {"unit": unit, "max": spec.rate_limit["max"] / per, "strategy": "spread"}


def schedule(found: Entity | None, play_uuid: str) -> Entity | None:
    """A play's schedule with what the types require of its kind."""
    if found is None:
        return None
    if found["type"] in ("cron", "watch"):
        return {**found, "temporalScheduleWorkflowId": f"schedule-{play_uuid}"}
    return dict(found)


def build_catalog(*, seed: int, now: datetime, spec: WorkspaceSpec, scale: str) -> Catalog:
    ids = Seeded(seed, spec.name)
    created = now - timedelta(days=120)
    first, _, rest = spec.email.partition("@")[0].partition(".")
    workspace_uuid, user_uuid = ids.uuid(), ids.uuid()
    catalog = Catalog(
        workspace={
            "uuid": workspace_uuid,
            "name": spec.name,
            "allowedEmailDomains": [spec.email.partition("@")[2]],
            "syncs": [],
            "temporalNamespace": f"ws-{workspace_uuid[:8]}",
            "temporalTaskQueuePrefix": None,
            "maxConcurrentRuns": 50,
            "openAiVectorStoreId": None,
            "createdAt": iso(created),
            "updatedAt": iso(now - timedelta(days=3)),
            "logoUrl": None,
            "metadata": {"mainGoal": ["enrichment"], "salesRepCount": "11-50"},
            "chromeExtensionMasterAgentUuid": None,
            "chromeExtensionAvailableAgentUuids": None,
            "defaultRoleUuid": None,
            "allowedLoginProviders": ["email", "google-oauth2"],
            "ssoIdentifier": None,
            "quotaBuckets": {},
        },
        user={
            "uuid": user_uuid,
            "email": spec.email,
            "firstName": first.title(),
            "lastName": rest.title() or None,
            "picture": None,
            "lastSignInAt": iso(now - timedelta(hours=2)),
            "createdAt": iso(created),
            "updatedAt": iso(now - timedelta(days=7)),
            "webExtensionData": None,
        },
        records=build_records(seed, spec.name, now, scale),
    )
    owned = {"workspaceUuid": workspace_uuid, "userUuid": user_uuid}

    def stamps() -> dict[str, Any]:
        return {
            "createdAt": iso(created + timedelta(days=ids.rng.randint(0, 60))),
            "updatedAt": iso(now - timedelta(days=ids.rng.randint(1, 20))),
            "deletedAt": None,
        }

    _models(catalog, spec, ids, now, stamps)
    play_segments = {p.segment for p in spec.plays}
    for segment in spec.segments:
        catalog.segments.append(
            {
                "uuid": ids.uuid(),
                **owned,
                "modelUuid": catalog.model_by_slug(segment.model)["uuid"],
                "slug": segment.slug,
                "name": segment.name,
                "filter": resolve_dates(segment.filter, now),
                "sort": segment.sort or None,
                "limit": segment.limit,
                "recordsCount": 0,  # counted once the filter language is at hand (segments.py)
                "fromPlay": segment.slug in play_segments,
                "trackingColumnSlugs": None,
                "columnSlugs": None,
                "syncedAt": iso(now - timedelta(minutes=ids.rng.randint(2, 50))),
                "lastChange": None,
                **stamps(),
            }
        )
    _agents(catalog, spec, ids, now, stamps, owned)
    for connector in spec.connectors:
        catalog.connectors.append(
            {
                "uuid": ids.uuid(),
                **owned,
                "name": connector.name,
                "slug": connector.integration,
                "rateLimit": rate_limit(connector),
                "cacheTtlMilliseconds": 86_400_000 if connector.use_credits else None,
                "integrationSlug": connector.integration,
                "isDefault": True,
                "playsCount": sum(
                    any(n.integration == connector.integration for n in p.graph) for p in spec.plays
                ),
                "toolsCount": sum(
                    any(n.integration == connector.integration for n in t.graph) for t in spec.tools
                ),
                "modelsCount": len(spec.models) if connector.integration == "snowflake" else 0,
                # A connector that uses Cargo's credits has no settings of its own.
                "useCredits": connector.use_credits,
                "config": None if connector.use_credits else {"account": spec.name.lower()},
                **stamps(),
            }
        )
    by_slug = {c["integrationSlug"]: c["uuid"] for c in catalog.connectors}
    for model in catalog.models:
        if model["kind"] == "connector":
            model["connectorUuid"] = by_slug["snowflake"]
    _workflows(catalog, spec, ids, created, now, stamps, owned)
    return catalog


def _models(catalog: Catalog, spec: WorkspaceSpec, ids: Seeded, now: datetime, stamps: Any) -> None:
    dataset = ids.uuid()
    warehouse = next((c for c in spec.connectors if c.integration == "snowflake"), None)
    for slug in spec.models:
        info = MODEL_INFO[slug]
        uuid = ids.uuid()
        columns = [
            {"slug": s, "type": t, "label": label, "kind": "original", "originalSlug": s.upper()}
            for s, t, label in MODEL_COLUMNS[slug]
        ]
        last_run = {
            "uuid": ids.uuid(),
            "status": "success",
            "errorMessage": None,
            "createdAt": iso(now - timedelta(minutes=47)),
            "finishedAt": iso(now - timedelta(minutes=46)),
        }
        catalog.models.append(
            {
                "uuid": uuid,
                "workspaceUuid": catalog.workspace["uuid"],
                "slug": slug,
                "name": info["name"],
                "description": info["description"],
                "datasetUuid": dataset,
                "extractorSlug": "table" if warehouse else "native",
                "position": {"x": 0, "y": 200 * len(catalog.models)},
                "config": {"table": f"ANALYTICS.CRM.{slug.upper()}"} if warehouse else {},
                "schedule": hourly(uuid) if warehouse else None,
                "meta": None,
                "columns": columns,
                "additionalColumns": [],
                "idColumnSlug": "id",
                "unification": None,
                "titleColumnSlug": info["title"],
                "timeColumnSlug": "created_at",
                "folderUuid": None,
                "playsCount": sum(p.model == slug for p in spec.plays),
                "segmentsCount": sum(s.model == slug for s in spec.segments),
                "isPaused": False,
                "lastEmittedAt": iso(now - timedelta(minutes=46)),
                "lastRun": last_run,
                **stamps(),
                # A model synced from the warehouse names its connector (once it is built).
                "kind": "connector" if warehouse else "native",
            }
        )


def hourly(model_uuid: str) -> Entity:
    """A warehouse model's sync schedule."""
    return {
        "type": "cron",
        "cron": "0 * * * *",
        "temporalScheduleWorkflowId": f"model-{model_uuid}",
    }


def _agents(
    catalog: Catalog, spec: WorkspaceSpec, ids: Seeded, now: datetime, stamps: Any, owned: Entity
) -> None:
    for agent in spec.agents:
        uuid, release_uuid = ids.uuid(), ids.uuid()
        version = str(ids.rng.randint(2, 9))
        deployed_at = iso(now - timedelta(days=ids.rng.randint(3, 30)))
        provider = next((p for k, p in PROVIDERS.items() if agent.model.startswith(k)), "openai")
        catalog.agents.append(
            {
                "uuid": uuid,
                "workspaceUuid": owned["workspaceUuid"],
                "userUuid": owned["userUuid"],
                "name": agent.name,
                "icon": {"color": "purple", "face": "robot"},
                "description": agent.description,
                "triggers": [],
                "deployedRelease": {
                    "uuid": release_uuid,
                    "userUuid": owned["userUuid"],
                    "description": None,
                    "templateSlug": None,
                    "version": version,
                    "actions": [],
                    "capabilities": [],
                    "suggestedActions": [],
                    "systemPrompt": agent.instructions,
                    "withReasoning": False,
                    "temperature": 0.2,
                    "maxSteps": 8,
                    "integrationSlug": provider,
                    "connectorUuid": None,
                    "languageModelSlug": agent.model,
                    "mcpClients": [],
                    "resources": [],
                    "output": None,
                    "heartbeat": None,
                    "evaluator": None,
                    "deployedAt": deployed_at,
                    "createdAt": deployed_at,
                },
                "folderUuid": None,
                "template": None,
                "isReadOnly": False,
                **stamps(),
            }
        )


def _workflows(
    catalog: Catalog,
    spec: WorkspaceSpec,
    ids: Seeded,
    created: datetime,
    now: datetime,
    stamps: Any,
    owned: Entity,
) -> None:
    connector_by_slug = {c["integrationSlug"]: c["uuid"] for c in catalog.connectors}
    agent_by_role = {a.role: catalog.agents[i]["uuid"] for i, a in enumerate(spec.agents)}
    owners: list[tuple[str, str, str, PlaySpec | Any]] = []
    for play in spec.plays:
        play_uuid, workflow_uuid = ids.uuid(), ids.uuid()
        catalog.plays.append(
            {
                "uuid": play_uuid,
                **owned,
                "workflowUuid": workflow_uuid,
                "modelUuid": catalog.model_by_slug(play.model)["uuid"],
                "segmentUuid": next(
                    s["uuid"] for s in catalog.segments if s["slug"] == play.segment
                ),
                "changeKinds": ["added", "updated"],
                "runCreationRule": "noConcurrency",
                "name": play.name,
                "description": play.description,
                "schedule": schedule(play.schedule, play_uuid),
                "isEnabled": play.enabled,
                "healthThreshold": 0.1,
                "healthAlertActions": [],
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
                "icon": {"kind": "emoji", "emojiSlug": "mag"},
                **owned,
                "workflowUuid": workflow_uuid,
                "name": tool.name,
                "folderUuid": None,
                "creditsCost": {"kind": "sum"},
                "description": tool.description,
                "isReadOnly": True,
                "triggers": [],
                "publicForm": None,
                **stamps(),
            }
        )
        owners.append(("tool", tool_uuid, workflow_uuid, tool))
    for index, (kind, owner_uuid, workflow_uuid, owner) in enumerate(owners):
        nodes = build_nodes(ids, owner.graph, connector_by_slug, agent_by_role, {})
        releases = build_releases(
            ids,
            workflow_uuid=workflow_uuid,
            workspace_uuid=owned["workspaceUuid"],
            user_uuid=owned["userUuid"],
            nodes=nodes,
            now=now,
            draft=index == 0,
            semver=kind == "tool",
            form_fields=TOOL_FORM if kind == "tool" else None,
            earlier=earlier_nodes(nodes, _archived(workflow_uuid)[0]) if index == 0 else None,
        )
        catalog.workflows.append(
            WorkflowInfo(
                uuid=workflow_uuid,
                workspace_uuid=owned["workspaceUuid"],
                play_uuid=owner_uuid if kind == "play" else None,
                tool_uuid=owner_uuid if kind == "tool" else None,
                graph=owner.graph,
                nodes=nodes,
                releases=releases,
                created_at=iso(created),
                updated_at=iso(now - timedelta(days=1)),
                volume=owner.volume,
                name=owner.name,
                archived=_archived(workflow_uuid) if index == 0 else (),
            )
        )
    _link_tool_nodes(catalog)


def _archived(workflow_uuid: str) -> tuple[Entity, ...]:
    """A node the first release had and a later one dropped: the workflow keeps it, archived."""
    uuid = str(uuid5(UUID(workflow_uuid), "dedupe_domains"))
    node = {"uuid": uuid, "slug": "dedupe_domains", "name": "Drop duplicate domains"}
    return ({**node, "kind": "native", "actionSlug": "filter"},)


def _link_tool_nodes(catalog: Catalog) -> None:
    """A tool node names the tool it calls and that tool's deployed release (the tools'
    workflows are built after the plays', so their uuids are known only now)."""
    by_name = {tool["name"]: tool for tool in catalog.tools}
    for workflow in catalog.workflows:
        for spec, node in zip(workflow.graph, workflow.nodes, strict=True):
            if spec.kind != "tool":
                continue
            tool = by_name[spec.action]
            called = catalog.workflow(tool["workflowUuid"])
            assert called is not None
            node["toolUuid"] = tool["uuid"]
            node["releaseUuid"] = called.deployed["uuid"]


def demo_catalogs(seed: int, now: datetime, scale: str) -> list[Catalog]:
    """The demo workspace and a second one, so isolation can be tested."""
    return [build_catalog(seed=seed, now=now, spec=spec, scale=scale) for spec in (ACME, GLOBEX)]
