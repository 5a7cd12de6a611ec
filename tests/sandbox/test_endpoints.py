"""Every endpoint of the contract, walked through the real HTTP stack with plain httpx."""

from __future__ import annotations

from typing import Any

import httpx

from tests.contract.schema import problems


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def enrich(client: httpx.Client) -> tuple[dict[str, Any], dict[str, Any]]:
    play = next(p for p in ok(client.get("/orchestration/plays/list"))["plays"]
                if p["name"] == "Enrich new companies")  # fmt: skip
    workflows = ok(client.get("/orchestration/workflows/list"))["workflows"]
    return play, next(w for w in workflows if w["uuid"] == play["workflowUuid"])


def test_identity(acme: httpx.Client) -> None:
    assert (
        ok(acme.get("/userManagement/users/current"))["user"]["email"] == "ada.lovelace@acme.test"
    )
    workspace = ok(acme.get("/workspaceManagement/workspaces/current"))["workspace"]
    assert workspace["name"] == "Acme GTM" and workspace["maxConcurrentRuns"] == 50


def test_plays_tools_and_their_not_found_reasons(acme: httpx.Client) -> None:
    plays = ok(acme.get("/orchestration/plays/list"))["plays"]
    assert len(plays) == 5 and all(p["description"] for p in plays)
    assert ok(acme.get(f"/orchestration/plays/{plays[0]['uuid']}"))["play"] == plays[0]
    cron = ok(acme.get("/orchestration/plays/list", params={"scheduleType": "cron"}))["plays"]
    assert cron and all(p["schedule"]["type"] == "cron" for p in cron)
    tools = ok(acme.get("/orchestration/tools/list"))["tools"]
    assert (
        ok(acme.get(f"/orchestration/tools/{tools[0]['uuid']}"))["tool"]["name"] == tools[0]["name"]
    )
    for path, reason in (("plays", "playNotFound"), ("tools", "toolNotFound")):
        missing = acme.get(f"/orchestration/{path}/00000000-0000-4000-8000-000000000000")
        assert missing.status_code == 404 and missing.json()["reason"] == reason


def test_workflows_have_a_branching_graph_and_their_last_batch(acme: httpx.Client) -> None:
    _, workflow = enrich(acme)
    nodes = workflow["deployedRelease"]["nodes"]
    forks = [n for n in nodes if len(n["childrenUuids"]) == 2]
    assert [n["slug"] for n in forks] == ["is_fit"]
    assert {n["kind"] for n in nodes} == {"native", "connector", "agent"}
    # The workflow's own nodes are a tree that holds the graph: start, then what follows it.
    [root] = workflow["nodes"]
    assert root["slug"] == "start" and root["nodes"][0]["slug"] == "clearbit_enrich"
    last = workflow["lastBatch"]
    assert last["status"] == "running", "the demo's live batch is the latest"
    batches = ok(acme.get("/orchestration/batches/list",
                          params={"workflowUuids[]": workflow["uuid"], "limit": 1}))["batches"]  # fmt: skip
    assert batches[0]["uuid"] == last["uuid"]


def test_releases(acme: httpx.Client) -> None:
    _, workflow = enrich(acme)
    releases = ok(acme.get("/orchestration/releases/list",
                           params={"workflowUuid": workflow["uuid"]}))["releases"]  # fmt: skip
    assert {r["status"] for r in releases} == {"draft", "deployed", "archived"}
    deployed = ok(acme.get("/orchestration/releases/list", params={
        "workflowUuid": workflow["uuid"], "statuses[]": "deployed"}))["releases"]  # fmt: skip
    assert [r["uuid"] for r in deployed] == [workflow["deployedRelease"]["uuid"]]
    one = ok(acme.get(f"/orchestration/releases/{deployed[0]['uuid']}"))["release"]
    assert one["nodes"][0]["slug"] == "start"


def test_agents_connectors_models_segments(acme: httpx.Client) -> None:
    agents = ok(acme.get("/ai/agents/list"))["agents"]
    assert all(a["deployedRelease"]["languageModelSlug"] for a in agents)
    hubspot = ok(acme.get("/connection/connectors/list", params={"integrationSlug": "hubspot"}))
    assert [c["integrationSlug"] for c in hubspot["connectors"]] == ["hubspot"]
    models = ok(acme.get("/storage/models/list"))["models"]
    companies = next(m for m in models if m["slug"] == "companies")
    assert ok(acme.get(f"/storage/models/{companies['uuid']}"))["model"]["idColumnSlug"] == "id"
    ddl = ok(acme.get(f"/storage/models/{companies['uuid']}/ddl"))
    assert ddl["language"] == "sql" and "domain VARCHAR" in ddl["ddl"]
    segments = ok(acme.get("/segmentation/segments/list"))["segments"]
    churned = next(s for s in segments if s["slug"] == "churned-accounts")
    assert ok(acme.get(f"/segmentation/segments/{churned['uuid']}"))["segment"]["recordsCount"] > 0


def test_segment_fetch_filters_records_and_refuses_bad_filters(acme: httpx.Client) -> None:
    segment = next(s for s in ok(acme.get("/segmentation/segments/list"))["segments"]
                   if s["slug"] == "churned-accounts")  # fmt: skip
    body = {"modelUuid": segment["modelUuid"], "filter": segment["filter"], "fetchingLimit": 5}
    fetched = ok(acme.post("/segmentation/segments/fetch", json=body))
    assert fetched["count"] == segment["recordsCount"] and len(fetched["records"]) == 5
    assert all(r["lifecycle_stage"] == "churned" for r in fetched["records"])
    misspelt = {"conjunction": "and", "groups": []}
    nothing = ok(acme.post("/segmentation/segments/fetch", json={**body, "filter": misspelt}))
    assert nothing["count"] == 0, "the misspelling matches no records, as on the real service"
    bad = {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [
        {"kind": "number", "columnSlug": "employees", "operator": "contains", "value": 3}]}]}  # fmt: skip
    refused = acme.post("/segmentation/segments/fetch", json={**body, "filter": bad})
    assert refused.status_code == 400 and refused.json()["reason"] == "invalidFilter"


def test_batches_list_get_and_the_success_with_failed_runs(acme: httpx.Client) -> None:
    batches = ok(acme.get("/orchestration/batches/list", params={"limit": 1000}))["batches"]
    statuses = {b["status"] for b in batches}
    assert {"success", "error", "cancelled", "running"} <= statuses
    burst = [b for b in batches if b["status"] == "success" and b["failedRunsCount"] > 20]
    assert burst and burst[0]["runsStatus"] == "unhealthy"
    one = ok(acme.get(f"/orchestration/batches/{burst[0]['uuid']}"))["batch"]
    assert one == burst[0]
    finished = ok(acme.get("/orchestration/batches/list", params={"isFinished": "false"}))
    assert {b["status"] for b in finished["batches"]} == {"running"}
    missing = acme.get("/orchestration/batches/00000000-0000-4000-8000-000000000000")
    assert missing.json()["reason"] == "batchNotFound"


def test_runs_list_count_get_and_filters(acme: httpx.Client) -> None:
    _, workflow = enrich(acme)
    body = {"workflowUuid": workflow["uuid"], "statuses": ["error"], "limit": 10}
    page = ok(acme.post("/orchestration/runs/list", json=body))
    counted = ok(
        acme.post("/orchestration/runs/count", json={k: v for k, v in body.items() if k != "limit"})
    )["count"]
    assert page["count"] == counted > 10
    refused = acme.post("/orchestration/runs/count", json=body)
    assert refused.status_code == 400, "CountRunsPayload takes no limit: a strict server refuses it"
    assert len(page["runs"]) == 10 and all(r["status"] == "error" for r in page["runs"])
    run = page["runs"][0]
    assert (
        problems("GetRun", {"run": run, "runContext": {}, "runComputedConfigs": {}}, strict=True)
        == []
    )
    assert run["executions"][-1]["status"] == "error"
    detail = ok(acme.get(f"/orchestration/runs/{run['uuid']}"))
    assert detail["run"]["uuid"] == run["uuid"]
    assert set(detail["runContext"]) == {e["nodeSlug"] for e in run["executions"]}
    assert set(detail["runComputedConfigs"]) == set(detail["runContext"])
    at_node = {**body, "executionsFilter": {"conjonction": "and", "groups": [{
        "conjonction": "and", "conditions": [{"kind": "node", "nodeSlug": "hubspot_upsert",
                                              "status": "error", "value": "429"}]}]}}  # fmt: skip
    rate_limited = ok(acme.post("/orchestration/runs/list", json=at_node))
    assert rate_limited["count"] > 0
    assert all("429" in r["errorMessage"] for r in rate_limited["runs"])


def test_agent_output_is_under_answer(acme: httpx.Client) -> None:
    _, workflow = enrich(acme)
    body = {"workflowUuid": workflow["uuid"], "statuses": ["success"], "limit": 1}
    run = ok(acme.post("/orchestration/runs/list", json=body))["runs"][0]
    context = ok(acme.get(f"/orchestration/runs/{run['uuid']}"))["runContext"]
    assert isinstance(context["qualify"]["answer"]["fit"], bool)


def test_records_spans_and_metrics(acme: httpx.Client) -> None:
    _, workflow = enrich(acme)
    body = {"workflowUuid": workflow["uuid"], "limit": 5}
    records = ok(acme.post("/orchestration/records/list", json=body))
    counted = ok(
        acme.post(
            "/orchestration/records/count", json={k: v for k, v in body.items() if k != "limit"}
        )
    )
    assert records["count"] == counted["count"]
    assert records["records"][0]["id"].startswith("cmp_")
    spans = ok(acme.post("/orchestration/spans/list", json={
        "workflowUuid": workflow["uuid"], "executionStartedAfter": "2026-11-20T00:00:00Z",
        "executionStatuses": ["error"], "limit": 5}))  # fmt: skip
    assert spans["count"] > 0 and all(s["executionStatus"] == "error" for s in spans["spans"])
    refused = acme.post("/orchestration/spans/list", json={"workflowUuid": workflow["uuid"]})
    assert refused.status_code == 400
    metrics = ok(acme.post("/orchestration/runs/metrics", json={"workflowUuid": workflow["uuid"]}))
    by_node = {m["nodeUuid"]: m for m in metrics["runMetrics"]}
    start = next(n for n in workflow["nodes"] if n["slug"] == "start")
    assert by_node[start["uuid"]]["totalExecutionsCount"] > 0
    assert ok(acme.post("/orchestration/records/metrics", json={"workflowUuid": workflow["uuid"]}))[
        "recordMetrics"
    ]


def test_downloads_answer_a_signed_url_that_needs_no_token(acme: httpx.Client) -> None:
    _, workflow = enrich(acme)
    body = {"workflowUuid": workflow["uuid"], "statuses": ["error"], "format": "json",
            "outputNodeSlug": "clearbit_enrich", "limit": 50}  # fmt: skip
    url = ok(acme.post("/orchestration/runs/download-outputs", json=body))["url"]
    fetched = httpx.get(url)
    assert fetched.status_code == 200 and len(fetched.json()) == 50
    runs_url = ok(
        acme.post("/orchestration/runs/download", json={"workflowUuid": workflow["uuid"]})
    )
    full = httpx.get(runs_url["url"]).json()[0]  # each run whole, as runs/{uuid} has it
    assert isinstance(full["executions"], list) and set(full["runContext"]) == {
        execution["nodeSlug"] for execution in full["executions"]
    }
    none = acme.post("/orchestration/runs/download-outputs",
                     json={"workflowUuid": workflow["uuid"], "recordId": "nobody"})  # fmt: skip
    assert none.json()["reason"] == "noRunsFound"
    finished = ok(acme.get("/orchestration/batches/list", params={"isFinished": "true"}))
    batch = ok(acme.post(f"/orchestration/batches/{finished['batches'][0]['uuid']}/download"))
    assert httpx.get(batch["url"]).status_code == 200
    running = ok(acme.get("/orchestration/batches/list", params={"statuses[]": "running"}))
    refused = acme.post(f"/orchestration/batches/{running['batches'][0]['uuid']}/download")
    assert refused.json()["reason"] == "batchNotFinished"
    segment = ok(acme.get("/segmentation/segments/list"))["segments"][0]
    urls = ok(acme.post("/segmentation/segments/download",
                        json={"modelUuid": segment["modelUuid"], "filter": segment["filter"]}))  # fmt: skip
    assert httpx.get(urls["urls"][0]).text.startswith("id,")


def test_the_openapi_document_lists_the_contract(acme: httpx.Client) -> None:
    paths = ok(acme.get("/openapi.json"))["paths"]
    assert "/v1/orchestration/query" in paths and "/v1/orchestration/runs/list" in paths
