"""The sandbox's walls: one workspace sees nothing of the other through any endpoint, and the
server listens on loopback only."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tui.sandbox.server import bind_loopback
from tui.sandbox.threaded import ThreadedSandbox

#: Each list of the contract, with the key of its items.
LISTS = {
    "/orchestration/plays/list": "plays",
    "/orchestration/tools/list": "tools",
    "/orchestration/workflows/list": "workflows",
    "/ai/agents/list": "agents",
    "/connection/connectors/list": "connectors",
    "/storage/models/list": "models",
    "/segmentation/segments/list": "segments",
    "/orchestration/releases/list": "releases",
    "/orchestration/batches/list": "batches",
}
#: Each read by uuid, with the list its uuids come from.
GETS = {
    "plays": "/orchestration/plays/{}",
    "tools": "/orchestration/tools/{}",
    "models": "/storage/models/{}",
    "segments": "/segmentation/segments/{}",
    "releases": "/orchestration/releases/{}",
    "batches": "/orchestration/batches/{}",
}


def _client(sandbox: ThreadedSandbox, token: str) -> httpx.Client:
    return httpx.Client(base_url=sandbox.base_url, headers={"authorization": f"Bearer {token}"})


@pytest.fixture
def pair(sandbox: ThreadedSandbox) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    with _client(sandbox, sandbox.tokens[0]) as acme, _client(sandbox, sandbox.tokens[1]) as gx:
        yield acme, gx


def _uuids(client: httpx.Client) -> dict[str, set[str]]:
    found = {}
    for path, key in LISTS.items():
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text)
        found[key] = {item["uuid"] for item in answer.json()[key]}
    return found


def test_no_list_shows_the_other_workspaces_items(
    pair: tuple[httpx.Client, httpx.Client],
) -> None:
    acme, globex = _uuids(pair[0]), _uuids(pair[1])
    for key in LISTS.values():
        assert acme[key], f"acme has {key} to hide"
        assert not acme[key] & globex[key], f"{key} leak between workspaces"


@pytest.mark.parametrize("kind", list(GETS))
def test_no_read_by_uuid_reaches_the_other_workspace(
    pair: tuple[httpx.Client, httpx.Client], kind: str
) -> None:
    acme, globex = pair
    path = next(p for p, k in LISTS.items() if k == kind)
    uuid = sorted(item["uuid"] for item in acme.get(path).json()[kind])[0]
    assert acme.get(GETS[kind].format(uuid)).status_code == 200
    theirs = globex.get(GETS[kind].format(uuid))
    assert theirs.status_code == 404, (kind, theirs.text)
    assert set(theirs.json()) == {"errorMessage", "reason"}, "an error body, nothing of acme's"


def _acme_batch(acme: httpx.Client) -> dict[str, Any]:
    batches = acme.get("/orchestration/batches/list", params={"isFinished": True}).json()
    return next(b for b in batches["batches"] if b.get("status") == "success")


def test_runs_records_metrics_and_downloads_of_the_other_workspace_are_empty_or_missing(
    pair: tuple[httpx.Client, httpx.Client],
) -> None:
    acme, globex = pair
    batch = _acme_batch(acme)
    scope = {"workflowUuid": batch["workflowUuid"], "batchUuid": batch["uuid"]}
    assert acme.post("/orchestration/runs/count", json=scope).json()["count"] > 0
    assert globex.post("/orchestration/runs/count", json=scope).json()["count"] == 0
    assert globex.post("/orchestration/runs/list", json=scope).json()["runs"] == []
    assert globex.post("/orchestration/records/count", json=scope).json()["count"] == 0
    assert acme.post("/orchestration/runs/metrics", json=scope).json()["runMetrics"]
    assert globex.post("/orchestration/runs/metrics", json=scope).json() == {"runMetrics": []}
    download = globex.post(f"/orchestration/batches/{batch['uuid']}/download", json={})
    assert download.status_code == 404
    model = sorted(m["uuid"] for m in acme.get("/storage/models/list").json()["models"])[0]
    every = {"modelUuid": model, "filter": {"conjonction": "and", "groups": []}}
    assert globex.get(f"/storage/models/{model}/ddl").status_code == 404
    assert globex.post("/segmentation/segments/fetch", json=every).status_code == 404
    assert globex.post("/segmentation/segments/download", json=every).status_code == 404


def test_sql_sees_only_the_workspaces_own_rows(pair: tuple[httpx.Client, httpx.Client]) -> None:
    acme, globex = pair
    batch = _acme_batch(acme)

    def rows(client: httpx.Client, sql: str) -> list[dict[str, Any]]:
        answer = client.post("/orchestration/query", json={"query": sql})
        assert answer.status_code == 200, answer.text
        result: list[dict[str, Any]] = answer.json()["rows"]
        return result

    for table, column in (("runs", "batch_uuid"), ("batches", "uuid"), ("records", "batch_uuid")):
        sql = f"SELECT count() AS n FROM {table} WHERE {column} = '{batch['uuid']}'"  # noqa: S608
        assert rows(acme, sql)[0]["n"] > 0, table
        assert rows(globex, sql)[0]["n"] == 0, f"{table} of acme seen by globex"
    recent = "execution_started_at > now() - INTERVAL 400 DAY"
    spans = f"SELECT count() AS n FROM spans WHERE {recent} AND workflow_uuid = '{batch['workflowUuid']}'"  # noqa: S608, E501
    assert rows(globex, spans)[0]["n"] == 0


def test_the_server_listens_on_loopback_only(sandbox: ThreadedSandbox) -> None:
    sock = bind_loopback(0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
    assert httpx.URL(sandbox.base_url).host == "127.0.0.1"
    port = httpx.URL(sandbox.base_url).port
    others = _non_loopback_addresses()
    if not others:
        pytest.skip("this machine has no address but loopback to try the port on")
    for address in others:
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=1).close()


def _non_loopback_addresses() -> list[str]:
    """This machine's own IPv4 addresses other than 127.x (the one a route to outside uses)."""
    found = set()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent for UDP connect
            found.add(probe.getsockname()[0])
        except OSError:
            pass
    return sorted(a for a in found if not a.startswith("127."))
