"""Auth and isolation, signed-URL expiry and tampering, and each fault kind."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.sandbox.conftest import query
from tui.sandbox.threaded import ThreadedSandbox


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nope", "Basic sbx-test-acme"])
def test_a_missing_or_wrong_token_is_401_with_a_body(
    sandbox: ThreadedSandbox, header: str | None
) -> None:
    headers = {"authorization": header} if header else {}
    for method, path in (("GET", "/orchestration/plays/list"), ("POST", "/orchestration/query")):
        answer = httpx.request(
            method, sandbox.base_url + path, headers=headers, json={"query": "SELECT 1"}
        )
        assert answer.status_code == 401
        assert answer.json()["reason"] == "unauthorized" and answer.json()["errorMessage"]


def test_nothing_of_one_workspace_is_visible_to_the_other(
    acme: httpx.Client, globex: httpx.Client
) -> None:
    acme_batches = acme.get("/orchestration/batches/list", params={"limit": 1000}).json()["batches"]
    globex_batches = globex.get("/orchestration/batches/list", params={"limit": 1000}).json()[
        "batches"
    ]
    assert acme_batches and globex_batches
    assert not {b["uuid"] for b in acme_batches} & {b["uuid"] for b in globex_batches}
    one = acme_batches[0]
    assert globex.get(f"/orchestration/batches/{one['uuid']}").status_code == 404
    run = acme.post("/orchestration/runs/list", json={"limit": 1}).json()["runs"][0]
    assert globex.get(f"/orchestration/runs/{run['uuid']}").status_code == 404
    assert (
        globex.post("/orchestration/runs/count", json={"batchUuid": one["uuid"]}).json()["count"]
        == 0
    )
    seen = query(globex, f"SELECT count() AS n FROM runs WHERE batch_uuid = '{one['uuid']}'")
    assert seen.json()["rows"] == [{"n": 0}]
    theirs = query(globex, "SELECT groupUniqArray(workflow_uuid) AS w FROM runs").json()["rows"][0][
        "w"
    ]
    acme_workflows = {
        w["uuid"] for w in acme.get("/orchestration/workflows/list").json()["workflows"]
    }
    assert theirs and not set(theirs) & acme_workflows


def test_a_signed_url_expires_and_refuses_tampering(
    sandbox: ThreadedSandbox, acme: httpx.Client
) -> None:
    segment = acme.get("/segmentation/segments/list").json()["segments"][0]
    body = {"modelUuid": segment["modelUuid"], "filter": segment["filter"]}
    url = acme.post("/segmentation/segments/download", json=body).json()["urls"][0]
    assert httpx.get(url).status_code == 200
    tampered = url.replace("signature=", "signature=0")
    assert httpx.get(tampered).status_code == 403
    later = url.replace("expires=", "expires=9")
    assert httpx.get(later).json()["reason"] == "invalidSignature"
    store = sandbox.world.files
    store.expires_in = -1
    try:
        old = acme.post("/segmentation/segments/download", json=body).json()["urls"][0]
    finally:
        store.expires_in = 15 * 60
    expired = httpx.get(old)
    assert expired.status_code == 403 and expired.json()["reason"] == "expired"


@pytest.fixture
def faulty(sandbox: ThreadedSandbox) -> Iterator[ThreadedSandbox]:
    sandbox.faults.clear()
    yield sandbox
    sandbox.faults.clear()


def test_status_faults_count_down_and_carry_retry_after(
    faulty: ThreadedSandbox, acme: httpx.Client
) -> None:
    faulty.faults.set({"kind": "status", "status": 429, "retry_after": 2, "count": 2,
                       "path": "plays/list"})  # fmt: skip
    first, second, third = (acme.get("/orchestration/plays/list") for _ in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (429, 429, 200)
    assert first.headers["retry-after"] == "2" and first.json()["reason"] == "rateLimited"
    assert acme.get("/orchestration/tools/list").status_code == 200, "scoped by path"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors(faulty: ThreadedSandbox, acme: httpx.Client, status: int) -> None:
    faulty.faults.set({"kind": "status", "status": status, "count": 1, "method": "GET"})
    assert acme.get("/orchestration/tools/list").status_code == status


def test_latency(faulty: ThreadedSandbox, acme: httpx.Client) -> None:
    faulty.faults.set({"kind": "latency", "latency_ms": 300, "count": 1})
    start = time.monotonic()
    assert acme.get("/orchestration/tools/list").status_code == 200
    assert time.monotonic() - start >= 0.3


def test_dropped_connection(faulty: ThreadedSandbox, acme: httpx.Client) -> None:
    faulty.faults.set({"kind": "drop", "count": 1})
    with pytest.raises(httpx.TransportError):
        acme.get("/orchestration/tools/list")
    assert acme.get("/orchestration/tools/list").status_code == 200


def test_truncated_body(faulty: ThreadedSandbox, acme: httpx.Client) -> None:
    faulty.faults.set({"kind": "truncate", "count": 1})
    with pytest.raises(httpx.RemoteProtocolError):
        acme.get("/orchestration/plays/list")


def test_cut_body_is_a_whole_answer_of_half_the_json(
    faulty: ThreadedSandbox, acme: httpx.Client
) -> None:
    whole = acme.get("/orchestration/plays/list").content
    faulty.faults.set({"kind": "cut", "count": 1})
    cut = acme.get("/orchestration/plays/list")
    assert cut.status_code == 200
    assert cut.content == whole[: len(whole) // 2]
    assert acme.get("/orchestration/plays/list").content == whole, "once only"


def test_malformed_json(faulty: ThreadedSandbox, acme: httpx.Client) -> None:
    faulty.faults.set({"kind": "malformed", "count": 1})
    answer = acme.get("/orchestration/tools/list")
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()


def test_probabilities_are_seeded(faulty: ThreadedSandbox, acme: httpx.Client) -> None:
    def pattern() -> list[int]:
        faulty.faults.set({"kind": "status", "status": 503, "probability": 0.5}, seed=11)
        return [acme.get("/orchestration/tools/list").status_code for _ in range(12)]

    first = pattern()
    assert first == pattern() and {200, 503} == set(first)


def test_the_faults_applied_are_counted(faulty: ThreadedSandbox, acme: httpx.Client) -> None:
    faulty.faults.set({"kind": "status", "status": 503, "probability": 0.5}, seed=11)
    before = faulty.faults.injected["status"]
    codes = [acme.get("/orchestration/tools/list").status_code for _ in range(12)]
    admin = {"authorization": f"Bearer {faulty.admin_token}"}
    shown = httpx.get(faulty.root_url + "/_sandbox/faults", headers=admin).json()
    assert shown["injected"]["status"] - before == codes.count(503) > 0


def test_the_admin_endpoint_needs_its_token(faulty: ThreadedSandbox, acme: httpx.Client) -> None:
    root = faulty.root_url + "/_sandbox/faults"
    rule = {"faults": [{"kind": "status", "status": 502, "count": 1}]}
    assert (
        httpx.post(root, json=rule, headers={"authorization": f"Bearer {faulty.token}"}).status_code
        == 401
    )
    admin = {"authorization": f"Bearer {faulty.admin_token}"}
    assert httpx.post(root, json=rule, headers=admin).status_code == 200
    assert acme.get("/orchestration/tools/list").status_code == 502
    assert httpx.post(root, json={"faults": [{"kind": "nope"}]}, headers=admin).status_code == 400
    assert httpx.delete(root, headers=admin).status_code == 204
