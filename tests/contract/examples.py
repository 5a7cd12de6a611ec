"""Answers as the vendor's types declare them, every field present: what a real workspace
sends, for the tests that need one by hand (``test_differences``, the screens' own)."""

from __future__ import annotations

from typing import Any

MOMENT = "2026-11-27T14:02:00.000Z"


def workflow_node(
    uuid: str, kind: str = "native", *children: dict[str, Any], **more: Any
) -> dict[str, Any]:
    found: dict[str, Any] = {"uuid": uuid, "slug": uuid, "kind": kind, "isArchived": False}
    if kind in ("native", "connector"):
        found["actionSlug"] = "run"
    if kind == "connector":
        found["integrationSlug"] = "hubspot"
    return {**found, "nodes": list(children), **more}


def release_node(uuid: str, *children: str | None, kind: str = "native") -> dict[str, Any]:
    found: dict[str, Any] = {
        "uuid": uuid,
        "slug": uuid,
        "kind": kind,
        "config": {},
        "childrenUuids": list(children),
        "fallbackOnFailure": False,
        "position": {"x": 0, "y": 0},
    }
    if kind in ("native", "connector"):
        found["actionSlug"] = "run"
    if kind == "connector":
        found["integrationSlug"] = "hubspot"
    return found


def workflow(*, deployed: bool = True) -> dict[str, Any]:
    """A play's workflow; without a deployed release, only its node tree says its graph."""
    tree = workflow_node(
        "start",
        "native",
        workflow_node(
            "enrich",
            "connector",
            workflow_node("route", "native", workflow_node("end")),
            workflow_node("tag", "native", workflow_node("old_step", isArchived=True)),
        ),
    )
    release = {
        "uuid": "rel-3",
        "userUuid": "u1",
        "description": "Route by score",
        "version": "1.2.0",
        "nodes": [
            release_node("start", "enrich"),
            release_node("enrich", "route", kind="connector"),
            release_node("route", "end", None),
            release_node("end"),
        ],
        "formFields": None,
        "templateSlug": None,
        "deployedAt": MOMENT,
        "createdAt": MOMENT,
    }
    return {
        "uuid": "wf-1",
        "workspaceUuid": "ws-1",
        "nodes": [tree],
        "createdAt": MOMENT,
        "updatedAt": MOMENT,
        "deletedAt": None,
        "playUuid": "play-1",
        "toolUuid": None,
        "folderUuid": None,
        "template": None,
        "lastBatch": None,
        "deployedRelease": release if deployed else None,
    }


def agent() -> dict[str, Any]:
    return {
        "uuid": "ag-1",
        "workspaceUuid": "ws-1",
        "userUuid": None,
        "name": "Qualifier",
        "icon": {"face": "robot", "color": "blue"},
        "description": None,
        "triggers": [],
        "deployedRelease": {
            "uuid": "agr-1",
            "userUuid": "u1",
            "description": None,
            "templateSlug": None,
            "version": "12",
            "actions": [],
            "capabilities": [],
            "suggestedActions": [],
            "systemPrompt": "Qualify the account.",
            "withReasoning": False,
            "temperature": 0.2,
            "maxSteps": 8,
            "integrationSlug": "openai",
            "connectorUuid": None,
            "languageModelSlug": "gpt-4.1-mini",
            "mcpClients": [],
            "resources": [],
            "output": None,
            "heartbeat": None,
            "evaluator": None,
            "deployedAt": MOMENT,
            "createdAt": MOMENT,
        },
        "folderUuid": None,
        "template": None,
        "isReadOnly": False,
        "createdAt": MOMENT,
        "updatedAt": MOMENT,
        "deletedAt": None,
    }


def execution(slug: str, kind: str = "native", **more: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "nodeUuid": f"n-{slug}",
        "nodeSlug": slug,
        "nodeBatchUuid": None,
        "nodeRunUuid": None,
        "nodeMessageUuid": None,
        "nodeChildIndex": 0,
        "nextNodeUuid": None,
        "status": "success",
        "errorMessage": None,
        "title": f"{slug} done",
        "iconUrl": None,
        "creditsUsedCount": 0,
        "startedAt": MOMENT,
        "updatedAt": MOMENT,
        "finishedAt": MOMENT,
        "nodeWaitUntilFinished": False,
        "nodeKind": kind,
    }
    if kind in ("native", "connector"):
        found["nodeActionSlug"] = "run"
    if kind == "connector":
        found |= {"nodeConnectorUuid": "c1", "nodeIntegrationSlug": "hubspot"}
    if kind == "tool":
        found |= {"nodeToolUuid": "tool-1", "nodeReleaseUuid": None}
    if kind == "agent":
        found |= {"nodeAgentUuid": "ag-1", "nodeReleaseUuid": None}
    return found | more


def tool_run() -> dict[str, Any]:
    """A run that a tool node of another run started, and that called a tool itself."""
    return {
        "uuid": "run-1",
        "workspaceUuid": "ws-1",
        "workflowUuid": "wf-1",
        "userUuid": None,
        "releaseUuid": "rel-3",
        "nodes": None,
        "batchUuid": "b-1",
        "traceUuid": "t-1",
        "temporalWorkflowId": "run-1",
        "recordId": "cmp_000001",
        "recordTitle": "Acme",
        "contextS3Filename": "ctx/run-1.json",
        "computedConfigsS3Filename": "cfg/run-1.json",
        "parentUuid": "p",
        "parentNodeUuid": "n9",
        "parentBatchUuid": "pb",
        "parentAgentUuid": None,
        "parentChatUuid": None,
        "parentMessageUuid": None,
        "isGroupParent": False,
        "status": "success",
        "errorMessage": None,
        "executions": [
            execution("start"),
            execution(
                "find_email",
                "tool",
                nodeRunUuid="child-run",
                nodeBatchUuid="child-batch",
                nodeReleaseUuid="tool-release",
                nodeWaitUntilFinished=True,
            ),
        ],
        "createdAt": MOMENT,
        "updatedAt": MOMENT,
        "finishedAt": MOMENT,
        "deletedAt": None,
    }
