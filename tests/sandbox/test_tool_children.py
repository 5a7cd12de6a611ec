"""The runs tool nodes start succeed or fail, and their callers' tool nodes with them: a failed
child fails at a node of its own, with the provider's error, and its caller's node fails too."""

from __future__ import annotations

import httpx

from tests.sandbox.conftest import query


def rows(client: httpx.Client, sql: str) -> list[dict[str, object]]:
    answer = query(client, sql)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, object]] = answer.json()["rows"]
    return found


def test_some_child_runs_fail_and_their_callers_tool_node_with_them(acme: httpx.Client) -> None:
    outcomes = rows(
        acme,
        "SELECT c.status AS child, s.execution_status AS node, count() AS n "
        "FROM runs AS c INNER JOIN spans AS s ON s.node_run_uuid = c.uuid "
        "WHERE c.parent_node_uuid IS NOT NULL AND s.node_kind = 'tool' GROUP BY ALL",
    )
    by = {(str(r["child"]), str(r["node"])): int(str(r["n"])) for r in outcomes}
    assert by.get(("error", "error"), 0) > 0, "some children fail, their caller's node too"
    assert by.get(("success", "success"), 0) > by[("error", "error")], "most succeed"
    assert set(by) <= {("error", "error"), ("success", "success"), ("cancelled", "error")}


def test_a_failed_child_fails_at_its_own_node_with_the_providers_error(
    acme: httpx.Client,
) -> None:
    failed = rows(
        acme,
        "SELECT toString(uuid) AS uuid, toString(parent_uuid) AS parent, error_message "
        "FROM runs WHERE parent_node_uuid IS NOT NULL AND status = 'error' "
        "ORDER BY created_at LIMIT 1",
    )[0]
    child = acme.get(f"/orchestration/runs/{failed['uuid']}").json()
    executions = child["run"]["executions"]
    assert [e["status"] for e in executions] == ["success", "error"], "it stops where it fails"
    failing = executions[-1]
    assert failing["nodeKind"] == "connector" and failing["nodeIntegrationSlug"] == "apollo"
    assert failing["errorMessage"] == failed["error_message"]
    assert "No work email found" in failing["errorMessage"]
    assert failing["creditsUsedCount"] == 0
    assert child["runContext"][failing["nodeSlug"]]["status"] == 404
    parent = acme.get(f"/orchestration/runs/{failed['parent']}").json()["run"]
    call = next(e for e in parent["executions"] if e["nodeKind"] == "tool")
    assert call["status"] == "error" and call["nodeRunUuid"] == failed["uuid"]
    assert parent["status"] == "error"
    assert call["finishedAt"] >= executions[-1]["finishedAt"], "the node waited for its run"
