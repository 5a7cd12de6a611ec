"""What the two seeded workspaces hold: their plays, tools, agents, connectors, models, segments.

Names and descriptions a RevOps engineer would recognise; the builder (``catalog.py``) gives
them uuids and dates from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.sandbox import graphs
from tui.sandbox.graphs import NodeSpec


@dataclass(frozen=True)
class PlaySpec:
    name: str
    description: str
    graph: list[NodeSpec]
    model: str  # model slug
    segment: str  # segment slug
    enabled: bool = True
    schedule: dict[str, Any] | None = None
    volume: int = 400  # typical runs in one batch at demo scale


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    graph: list[NodeSpec]
    volume: int = 20


@dataclass(frozen=True)
class AgentSpec:
    role: str  # the agent node action it serves
    name: str
    description: str
    model: str
    instructions: str


@dataclass(frozen=True)
class ConnectorSpec:
    integration: str
    name: str
    use_credits: bool
    rate_limit: dict[str, Any] | None = None


@dataclass(frozen=True)
class SegmentSpec:
    slug: str
    name: str
    model: str
    filter: dict[str, Any]
    sort: list[dict[str, str]] = field(default_factory=list)
    limit: int | None = None


@dataclass(frozen=True)
class WorkspaceSpec:
    name: str
    email: str
    plays: list[PlaySpec]
    tools: list[ToolSpec]
    agents: list[AgentSpec]
    connectors: list[ConnectorSpec]
    segments: list[SegmentSpec]
    models: tuple[str, ...] = ("companies", "contacts", "deals")


def cond(kind: str, column: str, operator: str, **more: Any) -> dict[str, Any]:
    return {"kind": kind, "columnSlug": column, "operator": operator, **more}


def all_of(*conditions: dict[str, Any]) -> dict[str, Any]:
    return {
        "conjonction": "and",
        "groups": [{"conjonction": "and", "conditions": list(conditions)}],
    }


CRON_MONDAY = {"type": "cron", "cron": "0 8 * * 1"}
CRON_DAILY = {"type": "cron", "cron": "0 6 * * *"}

ACME = WorkspaceSpec(
    name="Acme GTM",
    email="ada.lovelace@acme.test",
    plays=[
        PlaySpec(
            "Enrich new companies",
            "Enrich every company that enters the New SaaS companies segment, qualify it, "
            "and upsert the fits into HubSpot.",
            graphs.ENRICH_AND_ROUTE,
            "companies",
            "new-saas-companies",
            schedule={"type": "watch"},
            volume=600,
        ),
        PlaySpec(
            "Re-engage churned accounts",
            "Every Monday, enrich churned accounts and alert their former owner on Slack.",
            graphs.ENRICH_AND_ROUTE,
            "companies",
            "churned-accounts",
            enabled=False,
            schedule=CRON_MONDAY,
            volume=120,
        ),
        PlaySpec(
            "Route inbound leads",
            "Score inbound demo requests and assign the hot ones to the right AE in Salesforce.",
            graphs.ROUTE_INBOUND,
            "contacts",
            "inbound-demo-requests",
            schedule={"type": "realtime"},
            volume=60,
        ),
        PlaySpec(
            "Score new signups",
            "Find the work email of each product signup and score it against the ICP.",
            graphs.SIGNUP_SCORING,
            "contacts",
            "product-signups-7d",
            schedule=CRON_DAILY,
            volume=250,
        ),
        PlaySpec(
            "Weekly ICP refresh",
            "Re-qualify the whole target account list against the current ICP definition.",
            graphs.ENRICH_AND_ROUTE,
            "companies",
            "target-accounts",
            schedule=CRON_MONDAY,
            volume=900,
        ),
    ],
    tools=[
        ToolSpec(
            "Enrich a company", "Look a domain up in Clearbit and summarize it.", graphs.SUMMARIZE
        ),
        ToolSpec(
            "Find work email",
            "Find a contact's work email from name and company.",
            graphs.FIND_EMAIL,
        ),
        ToolSpec(
            "Summarize an account",
            "Write a three-line brief of an account for an AE.",
            graphs.SUMMARIZE,
            volume=8,
        ),
    ],
    agents=[
        AgentSpec(
            "qualify",
            "ICP qualifier",
            "Decides whether a company fits the ideal customer profile and explains why.",
            "gpt-4.1-mini",
            "Given the enriched company, answer fit (true/false), a score from 0 to 100 "
            "and one sentence of reasoning. B2B SaaS, 50-2,000 employees, US/EU.",
        ),
        AgentSpec(
            "score",
            "Lead scorer",
            "Scores a lead from its title, company and source.",
            "claude-sonnet-4",
            "Score the lead from 0 to 100; hot above 70. Explain the two strongest signals.",
        ),
        AgentSpec(
            "summarize",
            "Account summarizer",
            "Writes a short account brief for an AE.",
            "gpt-4.1",
            "Write three lines: what they do, why now, who to talk to.",
        ),
    ],
    connectors=[
        ConnectorSpec("clearbit", "Clearbit", True, {"max": 600, "unit": "minute"}),
        ConnectorSpec("hubspot", "HubSpot (production)", False, {"max": 100, "unit": "10s"}),
        ConnectorSpec("slack", "Slack #gtm-alerts", False),
        ConnectorSpec("apollo", "Apollo.io", True, {"max": 50, "unit": "minute"}),
        ConnectorSpec("salesforce", "Salesforce", False, {"max": 25, "unit": "second"}),
        ConnectorSpec("snowflake", "Snowflake (analytics)", False),
    ],
    segments=[
        SegmentSpec(
            "new-saas-companies",
            "New SaaS companies",
            "companies",
            all_of(
                cond("string", "industry", "is", values=["SaaS"]),
                cond("date", "created_at", "greaterThan", value="-30d"),
            ),
        ),
        SegmentSpec(
            "churned-accounts",
            "Churned accounts",
            "companies",
            all_of(cond("string", "lifecycle_stage", "is", values=["churned"])),
        ),
        SegmentSpec(
            "target-accounts",
            "Target account list",
            "companies",
            all_of(cond("boolean", "is_target_account", "isTrue")),
            sort=[{"columnSlug": "employees", "kind": "desc"}],
        ),
        SegmentSpec(
            "enterprise-accounts",
            "Enterprise accounts",
            "companies",
            all_of(
                cond("number", "employees", "greaterThan", value=1000),
                cond("string", "domain", "isNotEmpty"),
            ),
        ),
        SegmentSpec(
            "inbound-demo-requests",
            "Inbound demo requests",
            "contacts",
            all_of(cond("string", "source", "is", values=["demo_request"])),
        ),
        SegmentSpec(
            "product-signups-7d",
            "Product signups (last 7 days)",
            "contacts",
            all_of(
                cond("string", "source", "is", values=["signup"]),
                cond("date", "signed_up_at", "greaterThan", value="-7d"),
            ),
        ),
        SegmentSpec(
            "open-pipeline",
            "Open pipeline over $50k",
            "deals",
            all_of(
                cond("string", "stage", "is", values=["open"]),
                cond("number", "amount", "between", firstValue=50000, lastValue=10_000_000),
            ),
            sort=[{"columnSlug": "amount", "kind": "desc"}],
            limit=200,
        ),
    ],
)

GLOBEX = WorkspaceSpec(
    name="Globex RevOps",
    email="hank.scorpio@globex.test",
    plays=[
        PlaySpec(
            "Sync closed-won deals",
            "Post every closed-won deal to #wins.",
            graphs.ENRICH_AND_ROUTE,
            "companies",
            "globex-customers",
            schedule={"type": "watch"},
            volume=40,
        ),
    ],
    tools=[ToolSpec("Lookup a domain", "Resolve a domain to a company.", graphs.SUMMARIZE)],
    agents=[
        AgentSpec("qualify", "Deal triage", "Flags deals worth a post.", "gpt-4.1-mini", "Triage."),
        AgentSpec("summarize", "Domain resolver", "Names a domain's owner.", "gpt-4.1", "Resolve."),
    ],
    connectors=[
        ConnectorSpec("clearbit", "Clearbit", True),
        ConnectorSpec("hubspot", "HubSpot", False),
        ConnectorSpec("slack", "Slack #wins", False),
    ],
    segments=[
        SegmentSpec(
            "globex-customers",
            "Customers",
            "companies",
            all_of(cond("string", "lifecycle_stage", "is", values=["customer"])),
        ),
    ],
    models=("companies",),
)
