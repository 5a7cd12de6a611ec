"""The sandbox answers as the vendor's types declare, field by field.

Every endpoint it serves is asked (over loopback HTTP, with the raw JSON read, no client in
between) for the answers a session of the app would ask for: every play, tool, release, model
and segment one by one; batches of every kind and state; runs of every status, with their
executions of every node kind; metrics by batch, release and dates; records, spans, SQL,
downloads and errors. Each answer must pass the schema's strict check: every required key,
``null`` only where the types allow it, enums within their values, and no key the types do
not declare.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import FIXED_NOW
from tests.contract.schema import problems
from tui.sandbox.threaded import ThreadedSandbox


class Asker:
    """Raw requests to the sandbox, each answer checked against its type."""

    def __init__(self, box: ThreadedSandbox) -> None:
        # What is checked is each answer's shape, not its speed: the demo sandbox's first
        # answers wait for its history to load, which took past 60 s on a machine running
        # three suites at once (a ReadTimeout, not a wrong answer).
        self.http = httpx.Client(
            base_url=box.base_url, headers={"authorization": f"Bearer {box.token}"}, timeout=600
        )
        self.wrong: dict[str, set[str]] = {}
        self.asked: set[str] = set()

    def __call__(self, answer: str, method: str, path: str, body: Any = None, **params: Any) -> Any:
        response = self.http.request(method, path, json=body, params=params or None)
        assert response.status_code == 200, f"{method} {path}: {response.text[:500]}"
        found = response.json()
        self.check(answer, f"{method} {path.split('?')[0]}", found)
        return found

    def error(self, method: str, path: str, body: Any = None) -> Any:
        response = self.http.request(method, path, json=body)
        assert response.status_code >= 400, f"{method} {path} answered {response.status_code}"
        self.check("ErrorBody", f"{method} {path} ({response.status_code})", response.json())
        return response.json()

    def check(self, answer: str, where: str, found: Any) -> None:
        self.asked.add(answer)
        for problem in problems(answer, found, strict=True, most=40):
            # One line per kind of problem: indices and values of the same field alike.
            path, _, said = problem.partition(": ")
            path = re.sub(r"/\d+", "/*", path)
            said = re.sub(r"^\S+ is not", "(value) is not", said)
            self.wrong.setdefault(answer, set()).add(f"{path}: {said[:160]}")

    def report(self) -> str:
        return "\n".join(
            f"{answer}:\n    " + "\n    ".join(sorted(found))
            for answer, found in sorted(self.wrong.items())
        )


@pytest.fixture(scope="module", params=["small", "demo"])
def ask(request: pytest.FixtureRequest, sandbox: ThreadedSandbox) -> Iterator[Asker]:
    """At each scale the tests and the demo use: the session's small sandbox, and the demo
    one (``cargo-tui --demo``, the end-to-end tests)."""
    with contextlib.ExitStack() as stack:
        box = sandbox
        if request.param == "demo":
            box = stack.enter_context(
                ThreadedSandbox(seed=7, scale="demo", now=FIXED_NOW, frozen=True)
            )
        asker = Asker(box)
        stack.callback(asker.http.close)
        yield asker


def _catalog(ask: Asker) -> dict[str, Any]:
    ask("GetCurrentUser", "GET", "/userManagement/users/current")
    ask("GetCurrentWorkspace", "GET", "/workspaceManagement/workspaces/current")
    plays = ask("ListPlays", "GET", "/orchestration/plays/list")["plays"]
    for play in plays:
        ask("GetPlay", "GET", f"/orchestration/plays/{play['uuid']}")
    tools = ask("ListTools", "GET", "/orchestration/tools/list")["tools"]
    for tool in tools:
        ask("GetTool", "GET", f"/orchestration/tools/{tool['uuid']}")
    workflows = ask("ListWorkflows", "GET", "/orchestration/workflows/list")["workflows"]
    releases = ask("ListReleases", "GET", "/orchestration/releases/list", limit=1000)["releases"]
    for release in releases:
        ask("GetRelease", "GET", f"/orchestration/releases/{release['uuid']}")
    ask("ListAgents", "GET", "/ai/agents/list")
    ask("ListConnectors", "GET", "/connection/connectors/list")
    models = ask("ListModels", "GET", "/storage/models/list")["models"]
    for model in models:
        ask("GetModel", "GET", f"/storage/models/{model['uuid']}")
        ask("GetModelDdl", "GET", f"/storage/models/{model['uuid']}/ddl")
    segments = ask("ListSegments", "GET", "/segmentation/segments/list")["segments"]
    for segment in segments:
        ask("GetSegment", "GET", f"/segmentation/segments/{segment['uuid']}")
        body = {"modelUuid": segment["modelUuid"], "filter": segment["filter"]}
        ask("FetchSegment", "POST", "/segmentation/segments/fetch", {**body, "fetchingLimit": 5})
    body = {"modelUuid": segments[0]["modelUuid"], "filter": segments[0]["filter"]}
    ask("DownloadSegment", "POST", "/segmentation/segments/download", body)
    return {"workflows": workflows, "releases": releases}


def _history(ask: Asker, workflows: list[dict[str, Any]], releases: list[dict[str, Any]]) -> None:
    batches = ask("ListBatches", "GET", "/orchestration/batches/list", limit=1000)["batches"]
    by_kind: dict[tuple[str, str], dict[str, Any]] = {}
    for batch in batches:
        by_kind.setdefault((batch["data"]["kind"], batch["status"]), batch)
    for batch in by_kind.values():
        uuid = batch["uuid"]
        ask("GetBatch", "GET", f"/orchestration/batches/{uuid}")
        ask("Count", "POST", "/orchestration/runs/count", {"batchUuid": uuid})
        runs = ask("ListRuns", "POST", "/orchestration/runs/list", {"batchUuid": uuid, "limit": 40})
        for status in {r["status"] for r in runs["runs"]}:
            run = next(r for r in runs["runs"] if r["status"] == status)
            ask("GetRun", "GET", f"/orchestration/runs/{run['uuid']}")
        ask("ListRecords", "POST", "/orchestration/records/list", {"batchUuid": uuid, "limit": 5})
        if batch["finishedAt"] is not None:
            ask("DownloadUrl", "POST", f"/orchestration/batches/{uuid}/download", {})
    for workflow in workflows:
        uuid = workflow["uuid"]
        scopes: list[dict[str, Any]] = [
            {},
            {"createdAfter": "2026-11-20T00:00:00.000Z", "createdBefore": FIXED_NOW.isoformat()},
        ]
        scopes += [{"releaseUuid": r["uuid"]} for r in releases if r["workflowUuid"] == uuid]
        for scope in scopes:
            body = {"workflowUuid": uuid, **scope}
            ask("GetRunMetrics", "POST", "/orchestration/runs/metrics", body)
            ask("GetRecordMetrics", "POST", "/orchestration/records/metrics", body)
        ask("DownloadUrl", "POST", "/orchestration/runs/download", {"workflowUuid": uuid})
    first = workflows[0]["uuid"]
    ask("DownloadUrl", "POST", "/orchestration/runs/download-outputs", {"workflowUuid": first})
    since = {"executionStartedAfter": "2026-11-01T00:00:00.000Z", "limit": 50}
    ask("ListSpans", "POST", "/orchestration/spans/list", since)
    ask("Count", "POST", "/orchestration/records/count", {"workflowUuid": first})
    sql = "SELECT status, count() AS n, max(created_at) AS last FROM runs GROUP BY status"
    ask("ExecuteQuery", "POST", "/orchestration/query", {"query": sql})
    ask("GetSubscription", "GET", "/billing/subscriptions")
    period = {"from": "2026-11-01T00:00:00.000Z", "to": "2026-12-01T00:00:00.000Z"}
    for unit in ("billing.credits", "orchestration.executions", "storage.records"):
        ask("GetUsageMetrics", "GET", "/billing/usage/metrics", **period, unit=unit)
    grouped = {**period, "groupBy": "workflow_uuid", "unit": "orchestration.executions"}
    found = ask("GetUsageMetrics", "GET", "/billing/usage/metrics", **grouped)
    assert found["metrics"] and all(i["groupBy"] for m in found["metrics"] for i in m["items"])


def test_every_answer_of_the_sandbox_is_what_the_types_declare(ask: Asker) -> None:
    found = _catalog(ask)
    _history(ask, found["workflows"], found["releases"])
    missing = "00000000-0000-4000-8000-000000000000"
    for path in ("plays", "tools", "releases", "batches", "runs"):
        ask.error("GET", f"/orchestration/{path}/{missing}")
    ask.error("POST", "/orchestration/runs/metrics", {})
    ask.error("POST", "/orchestration/query", {"query": "DROP TABLE runs"})
    assert not ask.wrong, "answers the types do not allow:\n" + ask.report()


def test_the_sandbox_answers_the_variations_the_types_allow(ask: Asker) -> None:
    """Versions as text (``"7"``, ``"1.2.0"``) and a draft's ``null``; a branch's empty case;
    a workflow's node tree with an archived node."""
    releases = ask("ListReleases", "GET", "/orchestration/releases/list", limit=1000)["releases"]
    versions = {r["version"] for r in releases}
    assert None in versions
    assert any(v and v.isdigit() for v in versions) and any(v and "." in v for v in versions)
    assert {r["version"] for r in releases if r["status"] == "draft"} == {None}
    nodes = [n for r in releases for n in r["nodes"]]
    assert any(None in n["childrenUuids"] for n in nodes), "a branch with an empty case"
    workflows = ask("ListWorkflows", "GET", "/orchestration/workflows/list")["workflows"]

    def tree(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [n for item in items for n in (item, *tree(item["nodes"]))]

    flat = [n for w in workflows for n in tree(w["nodes"])]
    assert any(n["nodes"] and n["nodes"][0]["nodes"] for n in flat), "nested node trees"
    assert any(n["isArchived"] for n in flat)
    assert not ask.wrong, ask.report()


def test_a_tool_node_names_the_run_and_batch_it_started(ask: Asker) -> None:
    """The tool node's execution names its child run and batch; the child names its parent,
    shares its trace, and its batch is the tool's, of kind ``form``, naming the caller."""
    plays = ask("ListPlays", "GET", "/orchestration/plays/list")["plays"]
    play = next(p for p in plays if p["name"] == "Score new signups")
    body = {"workflowUuid": play["workflowUuid"], "statuses": ["success"], "limit": 3}
    parent = ask("ListRuns", "POST", "/orchestration/runs/list", body)["runs"][0]
    call = next(e for e in parent["executions"] if e["nodeKind"] == "tool")
    assert call["nodeWaitUntilFinished"] is True and call["nodeToolUuid"]
    child = ask("GetRun", "GET", f"/orchestration/runs/{call['nodeRunUuid']}")
    run = child["run"]
    assert (run["parentUuid"], run["parentNodeUuid"], run["parentBatchUuid"]) == (
        parent["uuid"],
        call["nodeUuid"],
        parent["batchUuid"],
    )
    assert run["traceUuid"] == parent["traceUuid"] and run["batchUuid"] == call["nodeBatchUuid"]
    tools = ask("ListTools", "GET", "/orchestration/tools/list")["tools"]
    tool = next(t for t in tools if t["uuid"] == call["nodeToolUuid"])
    assert run["workflowUuid"] == tool["workflowUuid"]
    releases = ask("ListReleases", "GET", "/orchestration/releases/list", limit=1000)["releases"]
    ran = next(r for r in releases if r["uuid"] == run["releaseUuid"])
    assert ran["workflowUuid"] == tool["workflowUuid"], "the tool's own release ran"
    batch = ask("GetBatch", "GET", f"/orchestration/batches/{call['nodeBatchUuid']}")["batch"]
    assert batch["workflowUuid"] == tool["workflowUuid"]
    assert batch["data"]["kind"] == "form"
    assert batch["data"]["parentBatchUuid"] == parent["batchUuid"]
    assert (
        batch["runsCount"]
        == ask("Count", "POST", "/orchestration/runs/count", {"batchUuid": batch["uuid"]})["count"]
    )
    sql = f"SELECT count() AS n FROM runs WHERE parent_uuid = '{parent['uuid']}'"  # noqa: S608
    assert ask("ExecuteQuery", "POST", "/orchestration/query", {"query": sql})["rows"] == [{"n": 1}]
    assert not ask.wrong, ask.report()
