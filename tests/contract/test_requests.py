"""What the client sends is what the vendor's request types declare.

Each request model (``tui.api.models.requests``, ``batch_data``) has exactly its payload
type's keys and required keys; every request the types allow is one the model (and so the
sandbox, whose routes take these models) accepts; and every body and GET parameter set the
client builds, through each of its methods with every keyword it takes, passes the schema's
strict check.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from hypothesis import given
from pydantic import BaseModel

from tests.api.mock import FAST, TOKEN
from tests.contract import schema
from tests.contract.strategies import CONTRACT, documents
from tui.api import CargoClient
from tui.api.models import batch_data, requests
from tui.api.models.batch_data import RecordIdsBatchData, Reset, RunsBatchData, RunsSelection
from tui.api.run_filters import failed_at


def model_of(name: str) -> type[BaseModel]:
    for module in (requests, batch_data):
        found = getattr(module, name, None)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    raise AssertionError(f"no request model named {name}")


def _resolved(node: dict[str, Any]) -> dict[str, Any]:
    definitions = schema.document()["definitions"]
    while "$ref" in node:
        node = definitions[node["$ref"].removeprefix("#/definitions/")]
    return node


def declared(name: str) -> tuple[set[str], set[str]]:
    """The keys a payload type declares and those it requires (over its alternatives)."""
    found = _resolved(schema.document()["definitions"][name])
    branches = [_resolved(b) for b in found.get("anyOf", [found])]
    keys = {k for b in branches for k in b.get("properties", {})}
    required = set.intersection(*(set(b.get("required", [])) for b in branches))
    return keys, required


def wire_keys(model: type[BaseModel]) -> tuple[set[str], set[str]]:
    keys = {f.alias or n for n, f in model.model_fields.items()}
    required = {f.alias or n for n, f in model.model_fields.items() if f.is_required()}
    return keys, required


@pytest.mark.parametrize("name", schema.requests())
def test_each_model_has_exactly_its_payloads_keys(name: str) -> None:
    assert wire_keys(model_of(name)) == declared(name)


@pytest.mark.parametrize(
    ("kind", "model"),
    [
        (m.model_fields["kind"].default, m)
        for m in batch_data.BatchData.__args__[0].__args__  # type: ignore[attr-defined]
    ],
)
def test_each_kind_of_batch_data_has_exactly_its_keys(kind: str, model: type[BaseModel]) -> None:
    body = _resolved(schema.document()["definitions"]["CreateBatchBody"])
    data = _resolved(body["properties"]["data"])
    branch = next(
        _resolved(b)
        for b in data["anyOf"]
        if _resolved(b)["properties"]["kind"].get("const") == kind
    )
    keys, required = wire_keys(model)
    assert keys == set(branch["properties"])
    # ``kind`` has its one value as a default: the model needs it not given.
    assert required == set(branch.get("required", [])) - {"kind"}


@pytest.mark.parametrize("name", schema.requests())
def test_every_request_the_types_allow_is_accepted(name: str) -> None:
    """What a vendor client may send, the sandbox (whose routes take these models) takes."""
    model = model_of(name)

    @CONTRACT
    @given(documents(name))
    def accepted(document: Any) -> None:
        model.model_validate(document)

    accepted()


# Every request the client builds --------------------------------------------------------------

MOMENT = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
FILTER = failed_at("clearbit_enrich", "Invalid domain")
EVERY_RUN_FILTER: dict[str, Any] = {
    "workflow_uuid": "w1",
    "user_uuid": "u1",
    "batch_uuid": "b1",
    "release_uuid": "r1",
    "statuses": ["error", "cancelled"],
    "record_id": "cmp_1",
    "record_title": "Acme",
    "record_title_or_id": "acme",
    "is_finished": True,
    "executions_filter": FILTER,
    "created_after": MOMENT,
    "created_before": "2026-11-28T00:00:00.000Z",
    "updated_after": MOMENT,
    "updated_before": MOMENT,
    "parent_batch_uuid": "pb",
    "parent_uuid": "pr",
    "parent_node_uuid": "pn",
    "is_group_parent": False,
}
EVERY_RECORD_FILTER: dict[str, Any] = {
    "workflow_uuid": "w1",
    "user_uuid": "u1",
    "batch_uuid": "b1",
    "release_uuid": "r1",
    "statuses": ["error"],
    "ids": ["cmp_1"],
    "title": "Acme",
    "title_or_id": "acme",
    "executions_filter": FILTER,
    "created_after": MOMENT,
    "created_before": MOMENT,
    "updated_after": MOMENT,
    "updated_before": MOMENT,
    "parent_batch_uuid": "pb",
    "parent_run_uuid": "pr",
    "parent_node_uuid": "pn",
    "is_group_parent": True,
}
SEGMENT = {"modelUuid": "m1", "filter": {"conjonction": "and", "groups": []}}
Call = Callable[[CargoClient], Awaitable[object]]
#: Each client method, with every keyword it takes, and the request type of what it sends.
CALLS: list[tuple[str, str, Call]] = [
    ("plays", "ListPlaysParams", lambda c: c.orchestration.play.list(
        is_enabled=True, model_uuid="m1", segment_uuid="s1", schedule_type="cron")),
    ("releases", "ListReleasesParams", lambda c: c.orchestration.release.list(
        workflow_uuid="w1", statuses=["deployed", "draft"], limit=5, offset=10)),
    ("batches", "ListBatchesParams", lambda c: c.orchestration.batch.list(
        workflow_uuids=["w1", "w2"], release_uuid="r1", statuses=["running"], has_runs=True,
        is_finished=False, limit=20, offset=0)),
    ("connectors", "ListConnectorsParams",
     lambda c: c.connection.connector.list(integration_slug="hubspot")),
    ("run-list", "ListRunsBody",
     lambda c: c.orchestration.run.list(limit=50, offset=100, **EVERY_RUN_FILTER)),
    ("run-count", "CountRunsBody", lambda c: c.orchestration.run.count(**EVERY_RUN_FILTER)),
    ("run-download", "DownloadRunsBody", lambda c: c.orchestration.run.download(
        uuids=["r1", "r2"], **{k: v for k, v in EVERY_RUN_FILTER.items() if k != "user_uuid"})),
    ("run-outputs", "DownloadRunOutputsBody", lambda c: c.orchestration.run.download_outputs(
        output_node_slug="hubspot_upsert", format="json", limit=10, offset=0,
        **{k: v for k, v in EVERY_RUN_FILTER.items()
           if k not in ("user_uuid", "updated_after", "updated_before")})),
    ("run-metrics", "GetRunMetricsBody", lambda c: c.orchestration.run.get_metrics(
        workflow_uuid="w1", release_uuid="r1", batch_uuid="b1", created_after=MOMENT,
        created_before=MOMENT)),
    ("run-cancel", "CancelRunsBody",
     lambda c: c.orchestration.run.cancel(workflow_uuid="w1", uuids=["r1"])),
    ("record-list", "ListRecordsBody",
     lambda c: c.orchestration.record.list(limit=5, offset=5, **EVERY_RECORD_FILTER)),
    ("record-count", "CountRecordsBody",
     lambda c: c.orchestration.record.count(**EVERY_RECORD_FILTER)),
    ("record-metrics", "GetRecordMetricsBody", lambda c: c.orchestration.record.get_metrics(
        workflow_uuid="w1", release_uuid="r1", batch_uuid="b1", created_after=MOMENT)),
    ("span-list", "ListSpansBody", lambda c: c.orchestration.span.list(
        execution_started_after=MOMENT, limit=10, offset=0, workflow_uuid="w1", batch_uuid="b1",
        run_uuid="r1", trace_uuid="t1", record_id="cmp_1", record_title="Acme",
        record_title_or_id="acme", parent_run_uuid="pr", parent_node_uuid="pn", node_uuid="n1",
        node_slug="start", node_kind="connector", node_integration_slug="hubspot",
        node_tool_uuid="t", node_agent_uuid="a", execution_statuses=["error"],
        execution_title_or_error_message="429", execution_started_before=MOMENT)),
    ("query", "ExecuteQueryBody", lambda c: c.orchestration.query.execute("SELECT 1")),
    ("batch-download", "DownloadBatchBody",
     lambda c: c.orchestration.batch.download("b1", output_node_slug="end")),
    ("rerun-runs", "CreateBatchBody", lambda c: c.orchestration.batch.create(
        workflow_uuid="w1", data=RunsBatchData(
            filter=RunsSelection(batch_uuid="b1", statuses=["error"]),
            reset=Reset(from_="node", node_uuid="n1")))),
    ("rerun-uuids", "CreateBatchBody", lambda c: c.orchestration.batch.create(
        workflow_uuid="w1", data=RunsBatchData(
            filter=RunsSelection(uuids=["r1"]), reset=Reset(from_="firstNode")))),
    ("enroll", "CreateBatchBody", lambda c: c.orchestration.batch.create(
        workflow_uuid="w1", data=RecordIdsBatchData(model_uuid="m1", ids=["cmp_1"]))),
    ("segment-fetch", "FetchSegmentBody", lambda c: c.segmentation.segment.fetch(
        model_uuid="m1", filter=SEGMENT["filter"], sort=[{"columnSlug": "name", "kind": "asc"}],
        limit=10, fetching_limit=5, fetching_offset=0)),
    ("segment-download", "DownloadSegmentBody", lambda c: c.segmentation.segment.download(
        model_uuid="m1", filter=SEGMENT["filter"], limit=100)),
    ("usage-metrics", "UsageMetricsParams", lambda c: c.billing.usage.get_metrics(
        from_=MOMENT, to=MOMENT, unit="orchestration.executions", group_by="workflow_uuid",
        workflow_uuid="w1")),
]  # fmt: skip


def _any_answer(request: httpx.Request) -> httpx.Response:
    """Enough of an answer for the client to return (what is checked is the request)."""
    answers: dict[str, Any] = {
        "usage/metrics": {"metrics": []},
        "plays/list": {"plays": []},
        "releases/list": {"releases": []},
        "batches/list": {"batches": []},
        "connectors/list": {"connectors": []},
        "runs/list": {"runs": [], "count": 0},
        "records/list": {"records": [], "count": 0},
        "spans/list": {"spans": [], "count": 0},
        "count": {"count": 0},
        "metrics": {"runMetrics": [], "recordMetrics": []},
        "query": {"rows": []},
        "fetch": {"records": [], "count": 0, "columns": [], "isRefreshing": False},
        "segments/download": {"urls": []},
        "download": {"url": "https://files.test/x"},
        "download-outputs": {"url": "https://files.test/x"},
        "batches": {"batch": {"uuid": "b2", "workflowUuid": "w1", "status": "pending"}},
    }
    path = urlsplit(str(request.url)).path
    for ending, answer in answers.items():
        if path.endswith(ending):
            return httpx.Response(200, json=answer)
    return httpx.Response(200, content=b"")


@pytest.mark.parametrize(("what", "name", "call"), CALLS, ids=[c[0] for c in CALLS])
async def test_every_request_the_client_builds_is_what_the_types_declare(
    what: str, name: str, call: Call
) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return _any_answer(request)

    client = CargoClient(
        token=TOKEN,
        base_url="https://api.test",
        http_transport=httpx.MockTransport(answer),
        retry=FAST,
        allow_writes=True,
    )
    async with client:
        await call(client)
    [request] = sent
    if request.method == "GET":
        # The parameters, read back into the object they were written from (their
        # encoding is test_params.py's business).
        assert request.url.query, f"{what} sent no parameters"
        found = _decoded(request.url.query.decode())
        assert schema.problems(name, found, strict=True) == [], (what, found)
    else:
        body = json.loads(request.content) if request.content else {}
        assert schema.problems(name, body, strict=True) == [], (what, body)


def _decoded(query: str) -> dict[str, Any]:
    """GET parameters back into the object they were written from (arrays as lists)."""
    from urllib.parse import parse_qsl

    found: dict[str, Any] = {}
    for key, value in parse_qsl(query):
        if key.endswith("[]"):
            found.setdefault(key[:-2], []).append(value)
        else:
            found[key] = {"true": True, "false": False}.get(value, value)
            if key in ("limit", "offset"):
                found[key] = int(value)
    return found
