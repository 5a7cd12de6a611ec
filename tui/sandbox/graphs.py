"""Node graphs of the demo workflows: start, connector calls, an agent, a branch, end.

A graph is a list of node specs; each names its children by slug, so a branch node forks the
graph (two children) and both sides meet again at ``end``; a branch's case with no node is
``None`` (a run that takes it ends there). ``paths`` lists the routes a run can take from start
to end, which is what the history generator walks. A tool node calls a tool (its ``action``
names it): each run that reaches it starts a run of the tool's workflow.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeSpec:
    slug: str
    name: str
    kind: str  # native | connector | agent | tool
    action: str  # the native action, the connector action, the agent's role, the tool's name
    integration: str | None = None  # connector nodes: the integration slug
    children: tuple[str | None, ...] = ()
    credits: int = 0  # credits one successful execution uses
    seconds: float = 0.1  # typical duration of one execution


def linear(*specs: NodeSpec) -> list[NodeSpec]:
    """Chain specs that name no children, each to the next."""
    chained = []
    for spec, after in zip(specs, [*specs[1:], None], strict=True):
        children = spec.children or ((after.slug,) if after else ())
        chained.append(NodeSpec(**{**spec.__dict__, "children": children}))
    return chained


START = NodeSpec("start", "Start", "native", "start", seconds=0.01)
END = NodeSpec("end", "End", "native", "end", seconds=0.01)
CLEARBIT = NodeSpec(
    "clearbit_enrich", "Enrich company (Clearbit)", "connector", "enrichCompany", "clearbit",
    credits=1, seconds=0.6,
)  # fmt: skip

ENRICH_AND_ROUTE = [
    NodeSpec("start", "Start", "native", "start", None, ("clearbit_enrich",), 0, 0.01),
    NodeSpec("clearbit_enrich", CLEARBIT.name, "connector", "enrichCompany", "clearbit",
             ("qualify",), 1, 0.6),
    NodeSpec("qualify", "Qualify account", "agent", "qualify", None, ("is_fit",), 2, 1.4),
    NodeSpec("is_fit", "Is it a fit?", "native", "branch", None,
             ("hubspot_upsert", "mark_disqualified"), 0, 0.01),
    NodeSpec("hubspot_upsert", "Upsert company in HubSpot", "connector", "upsertCompany",
             "hubspot", ("slack_alert",), 0, 0.5),
    NodeSpec("slack_alert", "Alert #gtm-alerts", "connector", "sendMessage", "slack",
             ("end",), 0, 0.3),
    NodeSpec("mark_disqualified", "Tag as not a fit", "native", "setProperty", None,
             ("end",), 0, 0.02),
    END,
]  # fmt: skip

ROUTE_INBOUND = [
    NodeSpec("start", "Start", "native", "start", None, ("find_email",), 0, 0.01),
    NodeSpec("find_email", "Find work email (Apollo)", "connector", "findEmail", "apollo",
             ("score",), 2, 0.8),
    NodeSpec("score", "Score lead", "agent", "score", None, ("is_hot",), 2, 1.1),
    # Hot, warm or cold: a cold lead stops here (the third case has no node).
    NodeSpec("is_hot", "Is it hot?", "native", "branch", None,
             ("salesforce_assign", "salesforce_nurture", None), 0, 0.01),
    NodeSpec("salesforce_assign", "Assign lead to an AE (Salesforce)", "connector",
             "updateRecord", "salesforce", ("end",), 0, 0.7),
    NodeSpec("salesforce_nurture", "Add lead to nurture (Salesforce)", "connector",
             "updateRecord", "salesforce", ("end",), 0, 0.7),
    END,
]  # fmt: skip

SIGNUP_SCORING = linear(
    START,
    # The "Find work email" tool, called for each signup: its run is the node's output.
    NodeSpec("find_email", "Find work email (tool)", "tool", "Find work email",
             credits=2, seconds=0.8),
    NodeSpec("score", "Score signup", "agent", "score", credits=2, seconds=1.1),
    NodeSpec("salesforce_update", "Update lead in Salesforce", "connector", "updateRecord",
             "salesforce", seconds=0.7),
    END,
)  # fmt: skip

SUMMARIZE = linear(
    START,
    CLEARBIT,
    NodeSpec("summarize", "Summarize", "agent", "summarize", credits=3, seconds=2.2),
    END,
)

FIND_EMAIL = linear(
    START,
    NodeSpec("find_email", "Find work email (Apollo)", "connector", "findEmail", "apollo",
             credits=2, seconds=0.8),
    END,
)  # fmt: skip


def paths(graph: list[NodeSpec]) -> list[list[int]]:
    """Every route from the first node to a node without children, as node indexes."""
    index = {spec.slug: i for i, spec in enumerate(graph)}
    found: list[list[int]] = []

    def walk(route: list[int]) -> None:
        children = [child for child in graph[route[-1]].children if child is not None]
        if not children:
            found.append(route)
        for child in children:
            walk([*route, index[child]])

    walk([0])
    return found
