"""The seeded catalog of a workspace: users, plays, tools and their workflows.

Everything here follows from the seed and the workspace's clock, so every run of the sandbox
serves the same workspace. History (batches, runs, spans, records) lives in the query engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tui.api.models import (
    DeployedRelease,
    Node,
    Play,
    Schedule,
    Tool,
    User,
    Workflow,
    Workspace,
)
from tui.sandbox.ids import Seeded

# (slug, name, kind, action or integration) in graph order; "branch" nodes fork the graph.
NodeSpec = tuple[str, str, str, str | None]

ENRICH_AND_ROUTE: list[NodeSpec] = [
    ("start", "Start", "native", "start"),
    ("clearbit_enrich", "Enrich company (Clearbit)", "connector", "clearbit"),
    ("qualify", "Qualify account", "agent", None),
    ("branch", "Is it a fit?", "native", "branch"),
    ("hubspot_upsert", "Upsert company in HubSpot", "connector", "hubspot"),
    ("slack_alert", "Alert #gtm-alerts", "connector", "slack"),
    ("end", "End", "native", "end"),
]
SIGNUP_SCORING: list[NodeSpec] = [
    ("start", "Start", "native", "start"),
    ("find_email", "Find work email (Apollo)", "connector", "apollo"),
    ("score", "Score signup", "agent", None),
    ("salesforce_update", "Update lead in Salesforce", "connector", "salesforce"),
    ("end", "End", "native", "end"),
]
TOOL_GRAPH: list[NodeSpec] = [
    ("start", "Start", "native", "start"),
    ("clearbit_enrich", "Enrich company (Clearbit)", "connector", "clearbit"),
    ("summarize", "Summarize", "agent", None),
    ("end", "End", "native", "end"),
]


@dataclass(frozen=True)
class PlaySpec:
    name: str
    description: str
    graph: list[NodeSpec]
    enabled: bool = True
    schedule: str | None = None


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    graph: list[NodeSpec]


DEMO_PLAYS = [
    PlaySpec(
        "Enrich new companies",
        "Enrich every company that enters the New SaaS companies segment, qualify it, "
        "and upsert the fits into HubSpot.",
        ENRICH_AND_ROUTE,
        schedule="watch",
    ),
    PlaySpec(
        "Route inbound leads",
        "Score inbound demo requests and assign them to the right AE in Salesforce.",
        SIGNUP_SCORING,
        schedule="realtime",
    ),
    PlaySpec(
        "Score new signups",
        "Find the work email of each product signup and score it against the ICP.",
        SIGNUP_SCORING,
        schedule="cron",
    ),
    PlaySpec(
        "Re-engage churned accounts",
        "Every Monday, enrich churned accounts and alert their former owner on Slack.",
        ENRICH_AND_ROUTE,
        enabled=False,
        schedule="cron",
    ),
    PlaySpec(
        "Weekly ICP refresh",
        "Re-qualify the whole target account list against the current ICP definition.",
        ENRICH_AND_ROUTE,
        schedule="cron",
    ),
]
DEMO_TOOLS = [
    ToolSpec("Enrich a company", "Look a domain up in Clearbit and summarize it.", TOOL_GRAPH),
    ToolSpec(
        "Find work email", "Find a contact's work email from name and company.", SIGNUP_SCORING
    ),
    ToolSpec(
        "Summarize an account", "Write a three-line brief of an account for an AE.", TOOL_GRAPH
    ),
]
OTHER_PLAYS = [
    PlaySpec(
        "Sync closed-won deals",
        "Post every closed-won deal to #wins.",
        ENRICH_AND_ROUTE,
        schedule="watch",
    ),
]
OTHER_TOOLS = [ToolSpec("Lookup a domain", "Resolve a domain to a company.", TOOL_GRAPH)]


@dataclass
class Catalog:
    """Everything of one workspace that is not history."""

    workspace: Workspace
    user: User
    plays: list[Play] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)
    workflows: list[Workflow] = field(default_factory=list)

    def wire(self, items: list[Any]) -> list[dict[str, Any]]:
        return [item.model_dump(mode="json", by_alias=True) for item in items]


def build_nodes(ids: Seeded, graph: list[NodeSpec]) -> list[Node]:
    uuids = [ids.uuid() for _ in graph]
    nodes = []
    for index, (slug, name, kind, what) in enumerate(graph):
        children = [uuids[index + 1]] if index + 1 < len(graph) else []
        nodes.append(
            Node(
                uuid=uuids[index],
                slug=slug,
                name=name,
                kind=kind,
                action_slug=what
                if kind == "native"
                else ("upsert" if kind == "connector" else None),
                integration_slug=what if kind == "connector" else None,
                children_uuids=children,
                fallback_on_failure=False,
            )
        )
    return nodes


def build_catalog(
    *,
    seed: int,
    now: datetime,
    name: str,
    email: str,
    plays: list[PlaySpec],
    tools: list[ToolSpec],
) -> Catalog:
    ids = Seeded(seed, name)
    created = now - timedelta(days=120)
    workspace = Workspace(uuid=ids.uuid(), name=name, max_concurrent_runs=50, created_at=created)
    first, _, rest = email.partition("@")[0].partition(".")
    user = User(
        uuid=ids.uuid(), email=email, first_name=first.title(), last_name=rest.title() or None
    )
    catalog = Catalog(workspace=workspace, user=user)
    owners: list[tuple[str, str, str, list[NodeSpec]]] = []
    for spec in plays:
        play_uuid, workflow_uuid = ids.uuid(), ids.uuid()
        catalog.plays.append(
            Play(
                uuid=play_uuid,
                name=spec.name,
                description=spec.description,
                workflow_uuid=workflow_uuid,
                is_enabled=spec.enabled,
                change_kinds=["added", "updated"],
                run_creation_rule="noConcurrency",
                schedule=Schedule(type=spec.schedule) if spec.schedule else None,
                health_threshold=0.1,
                created_at=created + timedelta(days=ids.rng.randint(0, 60)),
                updated_at=now - timedelta(days=ids.rng.randint(1, 20)),
            )
        )
        owners.append(("play", play_uuid, workflow_uuid, spec.graph))
    for tool_spec in tools:
        tool_uuid, workflow_uuid = ids.uuid(), ids.uuid()
        catalog.tools.append(
            Tool(
                uuid=tool_uuid,
                name=tool_spec.name,
                description=tool_spec.description,
                workflow_uuid=workflow_uuid,
                is_read_only=True,
                created_at=created + timedelta(days=ids.rng.randint(0, 60)),
                updated_at=now - timedelta(days=ids.rng.randint(1, 20)),
            )
        )
        owners.append(("tool", tool_uuid, workflow_uuid, tool_spec.graph))
    for kind, owner_uuid, workflow_uuid, graph in owners:
        nodes = build_nodes(ids, graph)
        catalog.workflows.append(
            Workflow(
                uuid=workflow_uuid,
                play_uuid=owner_uuid if kind == "play" else None,
                tool_uuid=owner_uuid if kind == "tool" else None,
                nodes=nodes,
                deployed_release=DeployedRelease(
                    uuid=ids.uuid(),
                    version=ids.rng.randint(3, 18),
                    nodes=nodes,
                    deployed_at=now - timedelta(days=ids.rng.randint(2, 30)),
                ),
                created_at=created,
                updated_at=now - timedelta(days=1),
            )
        )
    return catalog


def demo_catalogs(seed: int, now: datetime) -> list[Catalog]:
    """The demo workspace and a second one, so isolation can be tested."""
    return [
        build_catalog(
            seed=seed,
            now=now,
            name="Acme GTM",
            email="ada.lovelace@acme.test",
            plays=DEMO_PLAYS,
            tools=DEMO_TOOLS,
        ),
        build_catalog(
            seed=seed,
            now=now,
            name="Globex RevOps",
            email="hank.scorpio@globex.test",
            plays=OTHER_PLAYS,
            tools=OTHER_TOOLS,
        ),
    ]
