"""History entities as the vendor's types declare them, every field present.

The views hold what the sandbox's history knows (``store``); what no view holds (the workspace,
who started a batch, the names of a run's files, the agent and chat lineage a run started by a
person never has) is filled in here, with ``null`` where the types allow it. An execution
carries the keys of its node's kind and no other's (``OrchestrationTypes.Execution``).
"""

from __future__ import annotations

from typing import Any

from tui.sandbox.world import Workspace

Entity = dict[str, Any]

#: What a run started by a person or a schedule has of an agent's or a chat's lineage.
NO_AGENT = {"parentAgentUuid": None, "parentChatUuid": None, "parentMessageUuid": None}


def batch(ws: Workspace, found: Entity) -> Entity:
    uuid = found["uuid"]
    return {
        "uuid": uuid,
        "workspaceUuid": ws.catalog.workspace["uuid"],
        "workflowUuid": found["workflowUuid"],
        # A batch made through the API was someone's; a play's schedule is no one's.
        "userUuid": ws.catalog.user["uuid"] if uuid in ws.created else None,
        "releaseUuid": found["releaseUuid"],
        "nodes": None,
        "temporalWorkflowId": f"batch-{uuid}",
        "traceUuid": None,
        "data": found["data"],
        "errorMessage": found["errorMessage"],
        "status": found["status"],
        "runsStatus": found["runsStatus"],
        "runsCount": found["runsCount"],
        "executedRunsCount": found["executedRunsCount"],
        "failedRunsCount": found["failedRunsCount"],
        "creditsUsedCount": found["creditsUsedCount"],
        "createdAt": found["createdAt"],
        "updatedAt": found["updatedAt"],
        "finishedAt": found["finishedAt"],
    }


def _files(run_uuid: str) -> tuple[str, str]:
    return f"runs/{run_uuid}/context.json", f"runs/{run_uuid}/computed-configs.json"


def run(ws: Workspace, found: Entity, executions: list[Entity]) -> Entity:
    uuid = found["uuid"]
    context, configs = _files(uuid)
    return {
        "uuid": uuid,
        "workspaceUuid": ws.catalog.workspace["uuid"],
        "workflowUuid": found["workflowUuid"],
        "userUuid": None,
        "releaseUuid": found["releaseUuid"],
        "nodes": None,
        "batchUuid": found["batchUuid"],
        "traceUuid": found["traceUuid"],
        "temporalWorkflowId": f"run-{uuid}",
        "recordId": found["recordId"],
        "recordTitle": found["recordTitle"],
        "contextS3Filename": context,
        "computedConfigsS3Filename": configs,
        "parentUuid": found["parentUuid"],
        "parentNodeUuid": found["parentNodeUuid"],
        "parentBatchUuid": found["parentBatchUuid"],
        **NO_AGENT,
        "isGroupParent": found["isGroupParent"],
        "status": found["status"],
        "errorMessage": found["errorMessage"],
        "executions": executions,
        "createdAt": found["createdAt"],
        "updatedAt": found["updatedAt"],
        "finishedAt": found["finishedAt"],
        "deletedAt": None,
    }


def record(ws: Workspace, found: Entity, executions: list[Entity]) -> Entity:
    context, configs = _files(found["runUuid"])
    return {
        "workspaceUuid": ws.catalog.workspace["uuid"],
        "workflowUuid": found["workflowUuid"],
        "userUuid": None,
        "id": found["id"],
        "title": found["title"],
        "runUuid": found["runUuid"],
        "traceUuid": found["traceUuid"],
        "releaseUuid": found["releaseUuid"],
        "nodes": None,
        "batchUuid": found["batchUuid"],
        "temporalWorkflowId": f"run-{found['runUuid']}",
        "contextS3Filename": context,
        "computedConfigsS3Filename": configs,
        "parentRunUuid": found["parentRunUuid"],
        "parentNodeUuid": found["parentNodeUuid"],
        "parentBatchUuid": found["parentBatchUuid"],
        **NO_AGENT,
        "isGroupParent": found["isGroupParent"],
        "status": found["status"],
        "errorMessage": found["errorMessage"],
        "executions": executions,
        "createdAt": found["createdAt"],
        "updatedAt": found["updatedAt"],
        "finishedAt": found["finishedAt"],
    }


#: What an execution has of its node's kind, by kind (the span's name for each).
EXECUTION_OF_KIND = {
    "native": {"nodeActionSlug": "nodeActionSlug"},
    "connector": {
        "nodeActionSlug": "nodeActionSlug",
        "nodeConnectorUuid": "nodeConnectorUuid",
        "nodeIntegrationSlug": "nodeIntegrationSlug",
    },
    "tool": {"nodeToolUuid": "nodeToolUuid", "nodeReleaseUuid": "nodeReleaseUuid"},
    "agent": {"nodeAgentUuid": "nodeAgentUuid", "nodeReleaseUuid": "nodeReleaseUuid"},
}


def execution(span: Entity) -> Entity:
    """A run's execution of one node, from the node's span."""
    kind = span["nodeKind"]
    own = {key: span[source] for key, source in EXECUTION_OF_KIND[kind].items()}
    return {
        "nodeUuid": span["nodeUuid"],
        "nodeSlug": span["nodeSlug"],
        "nodeBatchUuid": span["nodeBatchUuid"],
        "nodeRunUuid": span["nodeRunUuid"],
        "nodeMessageUuid": None,
        "nodeChildIndex": span["nodeChildIndex"],
        "nextNodeUuid": span["nodeNextUuid"],
        "status": span["executionStatus"],
        "errorMessage": span["executionErrorMessage"],
        "title": span["executionTitle"],
        "iconUrl": None,
        "creditsUsedCount": span["executionCreditsUsedCount"],
        "startedAt": span["executionStartedAt"],
        "updatedAt": span["executionUpdatedAt"],
        "finishedAt": span["executionFinishedAt"],
        "nodeWaitUntilFinished": span["nodeWaitUntilFinished"],
        "nodeKind": kind,
        **own,
    }


def span(ws: Workspace, found: Entity) -> Entity:
    """A span of the spans endpoint, from a row of the spans view."""
    context, configs = _files(found["runUuid"])
    return {
        "workspaceUuid": ws.catalog.workspace["uuid"],
        "workflowUuid": found["workflowUuid"],
        "userUuid": None,
        "batchUuid": found["batchUuid"],
        "traceUuid": found["traceUuid"],
        "recordId": found["recordId"],
        "recordTitle": found["recordTitle"],
        "runUuid": found["runUuid"],
        "runContextS3Filename": context,
        "runComputedConfigsS3Filename": configs,
        "parentRunUuid": found["parentRunUuid"],
        "parentNodeUuid": found["parentNodeUuid"],
        "parentBatchUuid": found["parentBatchUuid"],
        **NO_AGENT,
        "isGroupParent": found["isGroupParent"],
        "nodeUuid": found["nodeUuid"],
        "nodeKind": found["nodeKind"],
        "nodeSlug": found["nodeSlug"],
        # The types give every span an action slug; agent and tool nodes have none.
        "nodeActionSlug": found["nodeActionSlug"] or "",
        "nodeConnectorUuid": found["nodeConnectorUuid"],
        "nodeIntegrationSlug": found["nodeIntegrationSlug"],
        "nodeToolUuid": found["nodeToolUuid"],
        "nodeAgentUuid": found["nodeAgentUuid"],
        "nodeReleaseUuid": found["nodeReleaseUuid"],
        "nodeBatchUuid": found["nodeBatchUuid"],
        "nodeRunUuid": found["nodeRunUuid"],
        "nodeMessageUuid": None,
        "nodeChildIndex": found["nodeChildIndex"],
        "nodeWaitUntilFinished": found["nodeWaitUntilFinished"],
        "nodeNextUuid": found["nodeNextUuid"],
        "executionIndex": found["executionIndex"],
        "executionStatus": found["executionStatus"],
        "executionErrorMessage": found["executionErrorMessage"],
        "executionTitle": found["executionTitle"],
        "executionIconUrl": None,
        "executionCreditsUsedCount": found["executionCreditsUsedCount"],
        "executionStartedAt": found["executionStartedAt"],
        "executionUpdatedAt": found["executionUpdatedAt"],
        "executionFinishedAt": found["executionFinishedAt"],
    }
