"""What the client puts on the wire: paths, parameters, bodies, headers, limits."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from urllib.parse import parse_qsl

import httpx
import pytest

from tests.api.mock import FAST, TOKEN, Script, client_for, ok
from tui import __version__
from tui.api import CargoClient
from tui.api.models.batch_data import Reset, RunsBatchData, RunsSelection
from widgets.arrow_table import records_to_arrow


async def test_headers_name_the_client_and_carry_the_token() -> None:
    script = Script([ok({"plays": []})])
    async with client_for(script, workspace_uuid="ws-1") as client:
        await client.orchestration.play.list()
    headers = script.requests[0].headers
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["x-cargo-origin"] == "cargo-tui"
    assert headers["x-cargo-origin-version"] == __version__
    assert headers["selected-workspace-uuid"] == "ws-1"


async def test_who_am_i_asks_for_the_user_without_the_workspace_header() -> None:
    """As the official client does (``withoutWorkspace``): the user is not the workspace's."""
    user = {"uuid": "u1", "email": "a@b.c"}
    script = Script(
        lambda request: (
            ok({"user": user})
            if request.url.path.endswith("/users/current")
            else ok({"workspace": {"uuid": "ws-1", "name": "Acme"}})
        )
        for _ in range(2)
    )
    async with client_for(script, workspace_uuid="ws-1") as client:
        await client.whoami()
    by_path = {r.url.path: r for r in script.requests}
    assert "selected-workspace-uuid" not in by_path["/v1/userManagement/users/current"].headers
    workspace = by_path["/v1/workspaceManagement/workspaces/current"]
    assert workspace.headers["selected-workspace-uuid"] == "ws-1"


@pytest.mark.parametrize(
    "base_url",
    ["https://api.test", "https://api.test/", "https://api.test/v1", " https://api.test/v1/ "],
)
async def test_the_api_root_and_the_versioned_base_both_work(base_url: str) -> None:
    """The official client takes the root and appends /v1; a user may paste either."""
    script = Script([ok({"plays": []})])
    client = CargoClient(
        token=TOKEN, base_url=base_url, http_transport=httpx.MockTransport(script), retry=FAST
    )
    async with client:
        await client.orchestration.play.list()
        assert client.base_url == "https://api.test/v1"
    assert str(script.requests[0].url) == "https://api.test/v1/orchestration/plays/list"


async def test_get_arrays_use_the_bracket_form_and_none_is_not_sent() -> None:
    script = Script([ok({"batches": []})])
    async with client_for(script) as client:
        await client.orchestration.batch.list(
            workflow_uuids=["w1", "w2"], statuses=["error", "success"], is_finished=True, limit=5
        )
    request = script.requests[0]
    assert request.url.path == "/v1/orchestration/batches/list"
    assert parse_qsl(request.url.query.decode()) == [
        ("workflowUuids[]", "w1"),
        ("workflowUuids[]", "w2"),
        ("statuses[]", "error"),
        ("statuses[]", "success"),
        ("isFinished", "true"),
        ("limit", "5"),
    ]


async def test_post_filters_are_camel_case_json() -> None:
    script = Script([ok({"runs": [], "count": 0})])
    since = datetime(2026, 11, 1, tzinfo=UTC)
    async with client_for(script) as client:
        await client.orchestration.run.list(
            workflow_uuid="w1",
            statuses=["error"],
            record_title_or_id="acme",
            created_after=since,
            executions_filter={"conjonction": "and", "groups": []},
            limit=25,
            offset=50,
        )
    body = json.loads(script.requests[0].content)
    assert body == {
        "workflowUuid": "w1",
        "statuses": ["error"],
        "recordTitleOrId": "acme",
        "createdAfter": "2026-11-01T00:00:00.000Z",
        "executionsFilter": {"conjonction": "and", "groups": []},
        "limit": 25,
        "offset": 50,
    }


async def test_a_re_run_batch_is_sent_as_the_contract_spells_it() -> None:
    batch = {"uuid": "b2", "workflowUuid": "w1", "status": "pending"}
    script = Script([ok({"batch": batch})])
    data = RunsBatchData(
        filter=RunsSelection(batch_uuid="b1", statuses=["error"]),
        reset=Reset(from_="node", node_uuid="n3"),
    )
    async with client_for(script, allow_writes=True) as client:
        created = await client.orchestration.batch.create(workflow_uuid="w1", data=data)
    assert created.uuid == "b2"
    assert json.loads(script.requests[0].content) == {
        "workflowUuid": "w1",
        "data": {
            "kind": "runs",
            "filter": {"kind": "runs", "batchUuid": "b1", "statuses": ["error"]},
            "reset": {"from": "node", "nodeUuid": "n3"},
        },
    }


async def test_concurrent_requests_are_capped() -> None:
    in_flight = peak = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return httpx.Response(200, json={"plays": []})

    client = CargoClient(
        token="t",
        base_url="https://api.test/v1",
        http_transport=httpx.MockTransport(slow),
        max_concurrency=3,
    )
    async with client:
        await asyncio.gather(*(client.orchestration.play.list() for _ in range(12)))
    assert peak == 3


async def test_query_results_are_columns_and_rows_with_arrow_one_call_away() -> None:
    rows = [
        {"node_slug": "hubspot_upsert", "failures": 1204},
        {"node_slug": "qualify", "failures": 3},
    ]
    script = Script([ok({"rows": rows})])
    async with client_for(script) as client:
        result = await client.orchestration.query.execute("SELECT 1")
    assert json.loads(script.requests[0].content) == {"query": "SELECT 1"}
    assert result.columns == ["node_slug", "failures"]
    assert result.rows[0] == ("hubspot_upsert", 1204)
    table = records_to_arrow(result.as_dicts())
    assert table.num_rows == 2
    assert table.column("failures").to_pylist() == [1204, 3]


async def test_a_query_at_the_row_cap_says_so() -> None:
    script = Script([ok({"rows": [{"n": i} for i in range(10_000)]})])
    async with client_for(script) as client:
        result = await client.orchestration.query.execute("SELECT number AS n FROM runs")
    assert len(result) == 10_000
    assert result.notes and "10,000-row cap" in result.notes[0]


async def test_paging_walks_every_page_and_stops_at_the_count() -> None:
    def page(offset: int, n: int, total: int) -> httpx.Response:
        runs = [
            {"uuid": f"r{offset + i}", "workflowUuid": "w", "status": "success"} for i in range(n)
        ]
        return ok({"runs": runs, "count": total})

    script = Script([page(0, 2, 5), page(2, 2, 5), page(4, 1, 5)])
    async with client_for(script) as client:
        seen = [
            [r.uuid for r in runs]
            async for runs in client.orchestration.run.iterate(page_size=2, batch_uuid="b")
        ]
    assert seen == [["r0", "r1"], ["r2", "r3"], ["r4"]]
    offsets = [json.loads(r.content)["offset"] for r in script.requests]
    assert offsets == [0, 2, 4]
