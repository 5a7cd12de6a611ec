"""Workflows' node graphs and releases, as the vendor's types declare them.

A release's nodes are a flat list linked by ``childrenUuids`` (a branch's case with no node is
``null``); each kind of node carries its own keys and no other's. A workflow's own ``nodes``
are a tree (``WorkflowNode``): each node holds what follows it, and nodes that an older
release had and the current one dropped stay in it, archived.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tui.sandbox.graphs import NodeSpec
from tui.sandbox.ids import Seeded, iso

Entity = dict[str, Any]

RELEASE_NOTES = [
    "First version",
    "Add the qualification agent",
    "Retry connector calls on 429",
    "Tighten the ICP prompt",
    "Route disqualified accounts to a tag instead of dropping them",
    "Bump the agent model",
    "Alert the account owner on Slack",
]
#: What each kind of node has of its own (``OrchestrationTypes.Node``).
KIND_KEYS = {
    "native": ("actionSlug",),
    "connector": ("integrationSlug", "connectorUuid", "actionSlug"),
    "tool": ("toolUuid", "releaseUuid", "waitUntilFinished"),
    "agent": ("agentUuid", "releaseUuid", "waitUntilFinished"),
}
RETRY = {"maximumAttempts": 3, "initialInterval": 2, "backoffCoefficient": 2}
#: The qualification agent, and the score it asks of a fit in the deployed release (the
#: releases before it asked less: :func:`earlier_nodes`).
QUALIFY, MINIMUM_SCORE, EARLIER_MINIMUM_SCORE = "qualify", 70, 60


def _config(spec: NodeSpec) -> Entity:
    """What the node was configured with, in the editor's expressions."""
    if spec.kind == "connector":
        return {"action": spec.action, "record": "{{nodes.start}}"}
    if spec.kind == "agent":
        config: Entity = {"prompt": f"{{{{nodes.start}}}} ({spec.name})", "output": "json"}
        if spec.slug == QUALIFY:
            config["scoring"] = {"minimumScore": MINIMUM_SCORE, "weights": {"icp": 2}}
        return config
    if spec.kind == "tool":
        return {"inputs": {"record": "{{nodes.start}}"}}
    if spec.action == "branch":
        return {"condition": "{{nodes.qualify.answer.fit}}" if spec.slug == "is_fit" else
                "{{nodes.score.answer.score > 70}}"}  # fmt: skip
    return {}


def build_nodes(
    ids: Seeded,
    graph: list[NodeSpec],
    connectors: dict[str, str],
    agents: dict[str, str],
    tools: dict[str, tuple[str, str]],
) -> list[Entity]:
    """A release's nodes; ``tools`` names each tool node's tool and its deployed release."""
    uuids = {spec.slug: ids.uuid() for spec in graph}
    nodes = []
    for column, spec in enumerate(graph):
        own: Entity = {
            "actionSlug": spec.action,
            "integrationSlug": spec.integration,
            "connectorUuid": connectors.get(spec.integration or ""),
            "agentUuid": agents.get(spec.action),
            "toolUuid": tools.get(spec.action, ("", ""))[0] or None,
            "releaseUuid": tools.get(spec.action, ("", ""))[1] or None,
            "waitUntilFinished": True,
        }
        node: Entity = {
            "uuid": uuids[spec.slug],
            "slug": spec.slug,
            "name": spec.name,
            "kind": spec.kind,
            "config": _config(spec),
            "childrenUuids": [uuids[child] if child else None for child in spec.children],
            "fallbackOnFailure": False,
            "position": {"x": 240 * column, "y": 0},
        }
        node |= {key: own[key] for key in KIND_KEYS[spec.kind] if own[key] is not None}
        if spec.kind == "connector":
            node["retry"] = dict(RETRY)
        nodes.append(node)
    return nodes


def earlier_nodes(nodes: list[Entity], dropped: Entity) -> list[Entity]:
    """The graph the releases before the deployed one had (what the release diff shows):
    ``dropped`` (a native node the workflow's tree keeps archived) right after ``start``, no
    ``slack_alert`` yet (its parent led where it leads), and a lower bar in the qualification
    agent's scoring. A graph without these nodes is returned as it is. Nodes that did not
    change are the same objects (a tool node linked later is linked in both)."""
    by_slug = {node["slug"]: node for node in nodes}
    start, alert, qualify = (by_slug.get(s) for s in ("start", "slack_alert", QUALIFY))
    if start is None or alert is None or qualify is None or not start["childrenUuids"]:
        return nodes
    earlier: list[Entity] = []
    for node in nodes:
        if node is alert:
            continue
        if alert["uuid"] in node["childrenUuids"]:
            children = [alert["childrenUuids"][0] if c == alert["uuid"] else c
                        for c in node["childrenUuids"]]  # fmt: skip
            node = {**node, "childrenUuids": children}
        if node is qualify:
            scoring = {**qualify["config"]["scoring"], "minimumScore": EARLIER_MINIMUM_SCORE}
            node = {**node, "config": {**qualify["config"], "scoring": scoring}}
        if node is start:
            earlier.append({**start, "childrenUuids": [dropped["uuid"]]})
            own = {"config": {"on": "{{nodes.start.domain}}"}, "fallbackOnFailure": False,
                   "childrenUuids": start["childrenUuids"][:1], "position": {"x": 120, "y": 120}}  # fmt: skip
            earlier.append({**dropped, **own})
            continue
        earlier.append(node)
    return earlier


def version_text(number: int, semver: bool) -> str:
    """Versions as a workspace writes them: ``"7"``, or ``"1.2.0"`` where the team counts so."""
    return f"1.{number - 1}.0" if semver else str(number)


def build_releases(
    ids: Seeded,
    *,
    workflow_uuid: str,
    workspace_uuid: str,
    user_uuid: str,
    nodes: list[Entity],
    now: datetime,
    draft: bool,
    semver: bool,
    form_fields: list[Entity] | None = None,
    earlier: list[Entity] | None = None,
) -> list[Entity]:
    """Newest first: a draft (``version: null``) if ``draft``, the deployed one, archived ones
    (with the ``earlier`` graph where one is given, else the same as the deployed)."""
    count = ids.rng.randint(3, 6)
    # The deployed release is a few days old: history older than it ran on the previous ones.
    moments = sorted(
        (now - timedelta(days=4 + 9 * i, hours=ids.rng.randint(0, 20)) for i in range(count)),
        reverse=True,
    )
    uuids = [ids.uuid() for _ in range(count)]
    releases = []
    for i, moment in enumerate(moments):
        number = count - i
        releases.append(
            _release(
                uuid=uuids[i],
                parent=uuids[i + 1] if i + 1 < count else None,
                workflow_uuid=workflow_uuid,
                workspace_uuid=workspace_uuid,
                user_uuid=user_uuid,
                version=version_text(number, semver),
                description=RELEASE_NOTES[(number - 1) % len(RELEASE_NOTES)],
                status="deployed" if i == 0 else "archived",
                nodes=nodes if i == 0 or earlier is None else earlier,
                form_fields=form_fields,
                deployed_at=iso(moment),
                created_at=iso(moment - timedelta(hours=2)),
            )
        )
    if draft:
        releases.insert(
            0,
            _release(
                uuid=ids.uuid(),
                parent=uuids[0],
                workflow_uuid=workflow_uuid,
                workspace_uuid=workspace_uuid,
                user_uuid=user_uuid,
                version=None,
                description="Draft: try a cheaper agent model",
                status="draft",
                nodes=nodes,
                form_fields=form_fields,
                deployed_at=None,
                created_at=iso(now - timedelta(hours=5)),
            ),
        )
    return releases


def _release(
    *,
    uuid: str,
    parent: str | None,
    workflow_uuid: str,
    workspace_uuid: str,
    user_uuid: str,
    version: str | None,
    description: str,
    status: str,
    nodes: list[Entity],
    form_fields: list[Entity] | None,
    deployed_at: str | None,
    created_at: str,
) -> Entity:
    return {
        "uuid": uuid,
        "parentUuid": parent,
        "workspaceUuid": workspace_uuid,
        "userUuid": user_uuid,
        "workflowUuid": workflow_uuid,
        "description": description,
        "version": version,
        "status": status,
        "templateSlug": None,
        "nodes": nodes,
        "formFields": form_fields,
        "testRecords": [],
        "deployedAt": deployed_at,
        "createdAt": created_at,
        "updatedAt": deployed_at or created_at,
        "deletedAt": None,
    }


def deployed_summary(release: Entity) -> Entity:
    """``Workflow.deployedRelease``: the release without its workflow's own keys."""
    keys = ("uuid", "userUuid", "description", "version", "nodes", "formFields", "templateSlug",
            "deployedAt", "createdAt")  # fmt: skip
    return {key: release[key] for key in keys}


#: The keys a workflow node has of its kind (``OrchestrationTypes.WorkflowNode``).
TREE_KEYS = {
    "native": ("actionSlug",),
    "connector": ("actionSlug", "connectorUuid", "integrationSlug"),
    "tool": ("toolUuid", "releaseUuid"),
    "agent": ("agentUuid", "releaseUuid"),
}


def workflow_tree(nodes: list[Entity], archived: tuple[Entity, ...] = ()) -> list[Entity]:
    """A release's graph as the workflow's node tree: each node holds the nodes it leads to
    that no earlier node holds (a graph that forks and joins becomes a tree), and the
    ``archived`` nodes of older releases hang, flagged, under the root."""
    by_uuid = {node["uuid"]: node for node in nodes}
    children = {c for node in nodes for c in node["childrenUuids"] if c}
    placed: set[str] = set()

    def tree(node: Entity) -> Entity:
        placed.add(node["uuid"])
        kids = [by_uuid[c] for c in node["childrenUuids"] if c in by_uuid and c not in placed]
        placed.update(k["uuid"] for k in kids)
        own = {k: node[k] for k in TREE_KEYS[node["kind"]] if k in node}
        return {
            "uuid": node["uuid"],
            "slug": node["slug"],
            "name": node["name"],
            "isArchived": False,
            "kind": node["kind"],
            **own,
            "nodes": [tree(kid) for kid in kids],
        }

    roots = [tree(node) for node in nodes if node["uuid"] not in children]
    for old in archived:
        own = {k: old[k] for k in TREE_KEYS[old["kind"]] if k in old}
        ghost = {"uuid": old["uuid"], "slug": old["slug"], "name": old["name"],
                 "isArchived": True, "kind": old["kind"], **own, "nodes": []}  # fmt: skip
        (roots[0]["nodes"] if roots else roots).append(ghost)
    return roots
