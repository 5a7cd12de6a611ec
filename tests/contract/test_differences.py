"""Each way the project once differed from the vendor's types, pinned by an example the
types allow (the generated documents of ``test_answers`` cover them too; these say which).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.contract import schema
from tui.api.models import Node, graph_text, newest_first, tree_nodes
from tui.api.models.answers import GetRelease, ListAgents, ListWorkflows
from tui.api.models.base import OpenEnum
from tui.api.models.batch_data import Reset, RunsBatchData, RunsSelection
from tui.api.models.orchestration import BatchStatus, NodeKind, ReleaseStatus, Workflow
from tui.api.models.runs import Batch, ExecutionStatus, RecordStatus, Run, RunStatus
from tui.screens.workflow.context import workflow_graph


def node(uuid: str, *children: str | None, kind: str = "native") -> dict[str, Any]:
    return {
        "uuid": uuid,
        "slug": uuid,
        "kind": kind,
        "actionSlug": "branch",
        "config": {},
        "childrenUuids": list(children),
        "fallbackOnFailure": False,
        "position": {"x": 0, "y": 0},
    }


def release(version: str | None, **more: Any) -> dict[str, Any]:
    return {
        "uuid": f"r-{version}",
        "parentUuid": None,
        "workspaceUuid": "ws",
        "userUuid": "u",
        "workflowUuid": "w",
        "description": None,
        "version": version,
        "status": "deployed" if version else "draft",
        "templateSlug": None,
        "nodes": [node("start", "end"), node("end")],
        "formFields": None,
        "testRecords": [],
        "deployedAt": "2026-11-20T10:00:00.000Z" if version else None,
        "createdAt": "2026-11-20T09:00:00.000Z",
        "updatedAt": "2026-11-20T09:00:00.000Z",
        "deletedAt": None,
        **more,
    }


def valid(name: str, document: Any) -> Any:
    """``document`` as the vendor's types allow it (or the test itself is wrong)."""
    assert schema.problems(name, document, strict=True) == []
    return document


@pytest.mark.parametrize(
    ("version", "label"), [("1.0.0", "v1.0.0"), ("7", "v7"), ("beta", "beta"), (None, "draft")]
)
def test_a_release_version_is_text_or_null(version: str | None, label: str) -> None:
    """It is ``string | null``: the project demanded an int, and rejected the answer whole."""
    read = GetRelease.model_validate(valid("GetRelease", {"release": release(version)}))
    assert read.release.version == version
    assert read.release.label == label


def test_a_workflow_and_an_agent_carry_their_release_version_as_text() -> None:
    from tests.contract.examples import agent, workflow

    workflows = ListWorkflows.model_validate(valid("ListWorkflows", {"workflows": [workflow()]}))
    deployed = workflows.workflows[0].deployed_release
    assert deployed is not None and deployed.version == "1.2.0" and deployed.label == "v1.2.0"
    agents = ListAgents.model_validate(valid("ListAgents", {"agents": [agent()]}))
    agent_release = agents.agents[0].deployed_release
    assert agent_release is not None and agent_release.label == "v12"


def test_releases_sort_by_deployment_not_by_version() -> None:
    """As text, ``"10"`` sorts before ``"9"``; ``None`` does not sort at all."""
    rows = [release("9"), release(None), release("10")]
    rows[0]["deployedAt"] = "2026-11-01T00:00:00.000Z"
    rows[2]["deployedAt"] = "2026-11-15T00:00:00.000Z"
    rows[1]["createdAt"] = "2026-11-30T00:00:00.000Z"
    parsed = [GetRelease.model_validate({"release": r}).release for r in rows]
    assert [r.label for r in newest_first(parsed)] == ["draft", "v10", "v9"]


def test_a_branch_with_an_empty_slot_keeps_its_graph() -> None:
    """``childrenUuids`` is ``(string | null)[]``: a branch's empty slot is ``null``."""
    nodes = [node("start", "is_hot"), node("is_hot", "assign", None), node("assign", "end")]
    nodes.append(node("end"))
    read = GetRelease.model_validate(valid("GetRelease", {"release": release("3", nodes=nodes)}))
    graph = read.release.nodes
    assert graph[1].children_uuids == ["assign", None]
    assert graph[1].children == ["assign"]
    assert graph_text(graph) == "start → is_hot → (assign → end | ∅)"


def test_a_workflow_without_a_deployed_release_shows_its_node_tree() -> None:
    """``Workflow.nodes`` is a tree (``nodes[].nodes[]``), not a release's flat list."""
    from tests.contract.examples import workflow

    document = workflow(deployed=False)
    parsed = ListWorkflows.model_validate(valid("ListWorkflows", {"workflows": [document]}))
    wf = parsed.workflows[0]
    assert [n.slug for n in wf.nodes] == ["start"]
    assert graph_text(tree_nodes(wf.nodes)) == "start → enrich → (route → end | tag)"
    assert [n.slug for n in workflow_graph(wf)] == ["start", "enrich", "route", "tag", "end"]


@pytest.mark.parametrize(
    ("definition", "enum"),
    [
        ("OrchestrationTypes.BatchStatus", BatchStatus),
        ("OrchestrationTypes.RunStatus", RunStatus),
        ("OrchestrationTypes.ExecutionStatus", ExecutionStatus),
        ("OrchestrationTypes.RecordStatus", RecordStatus),
        ("OrchestrationTypes.ReleaseStatus", ReleaseStatus),
    ],
)
def test_every_enum_value_the_types_declare_is_known(definition: str, enum: type[OpenEnum]) -> None:
    """Known, not merely tolerated (an unknown value parses as a pseudo-member)."""
    declared = set(schema.document()["definitions"][definition]["enum"])
    assert declared == {member.value for member in enum}


def test_every_node_kind_the_types_declare_is_known() -> None:
    text = json.dumps(schema.document()["definitions"]["OrchestrationTypes.Node"])
    kinds = {k for k in ("native", "connector", "tool", "agent") if f'"const": "{k}"' in text}
    assert kinds == {member.value for member in NodeKind}


def test_a_value_no_type_declares_is_still_read() -> None:
    run = Run.model_validate({"uuid": "r", "workflowUuid": "w", "status": "paused"})
    assert run.status == "paused" and str(run.status) == "paused"


def test_the_fields_a_drill_down_needs_are_typed() -> None:
    from tests.contract.examples import tool_run

    run = Run.model_validate(tool_run())
    tool = run.executions[1]
    assert (tool.node_run_uuid, tool.node_batch_uuid, tool.node_release_uuid) == (
        "child-run",
        "child-batch",
        "tool-release",
    )
    assert (run.parent_node_uuid, run.is_group_parent, run.parent_uuid) == ("n9", False, "p")
    batch = Batch.model_validate(
        {
            "uuid": "b",
            "workflowUuid": "w",
            "status": "running",
            "traceUuid": "t",
            "nodes": [node("start")],
        }
    )
    assert batch.trace_uuid == "t" and batch.nodes and batch.nodes[0].slug == "start"
    field = {"name": "Domain", "slug": "domain", "kind": "string", "isRequired": True}
    parsed = GetRelease.model_validate(
        {"release": release("2", parentUuid="r-1", formFields=[field])}
    ).release
    assert parsed.parent_uuid == "r-1" and parsed.form_fields
    assert parsed.form_fields[0].is_required is True


def test_a_re_run_names_only_keys_its_filter_declares() -> None:
    """The project sent ``data.filter.workflowUuid``, which ``BatchDataRunsFilter`` lacks."""
    data = RunsBatchData(
        filter=RunsSelection(batch_uuid="b1", statuses=["error"]),
        reset=Reset(from_="node", node_uuid="n3"),
    )
    body = {"workflowUuid": "w1", "data": data.to_wire()}
    assert schema.problems("CreateBatchBody", body, strict=True) == []
    assert "workflowUuid" not in body["data"]["filter"]
    with pytest.raises(ValueError, match="workflow_uuid"):
        RunsSelection(workflow_uuid="w1")  # type: ignore[call-arg]


def test_node_children_are_read_as_the_types_say() -> None:
    parsed = Node.model_validate(node("is_fit", None, "b"))
    assert parsed.children_uuids == [None, "b"]
    assert Workflow.model_validate({"uuid": "w", "nodes": []}).nodes == []
