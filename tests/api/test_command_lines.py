"""The lines that repeat a logged request (``tui.api.command_lines``). Each cargo-ai line is
read back by cargo-tui's own mirror of those commands (``tui.headless.cargo_ai.parse_line``),
run against the sandbox, and must send the very request that was logged; each curl line is
run by the shell and must get the answer the client got."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import FIXED_NOW
from tui.api import CargoClient
from tui.api.command_lines import _POSTS, AUTH_HEADER, cargo_ai_line, curl_line, entry_lines
from tui.api.request_log import Entry, RequestLog
from tui.headless.cargo_ai import check_arguments, parse_line
from tui.headless.cargo_ai_run import COMMANDS
from tui.sandbox.threaded import ThreadedSandbox

PLAY = "Enrich new companies"
EVERY = {"conjonction": "and", "groups": []}
Call = Callable[[CargoClient, dict[str, Any]], Awaitable[object]]


@pytest.fixture(scope="module")
def known(sandbox: ThreadedSandbox) -> dict[str, Any]:
    async def look() -> dict[str, Any]:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            play = next(p for p in await client.orchestration.play.list() if p.name == PLAY)
            batches = await client.orchestration.batch.list(workflow_uuids=[play.workflow_uuid])
            batch = next(b for b in batches if b.succeeded_with_failures)
            run = (await client.orchestration.run.list(batch_uuid=batch.uuid, limit=1)).runs[0]
            return {
                "workflow": play.workflow_uuid,
                "batch": batch.uuid,
                "release": batch.release_uuid,
                "record_id": run.record_id,
                "record_title": run.record_title,
                "model": play.model_uuid,
            }

    return asyncio.run(look())


def _orch(client: CargoClient) -> Any:
    return client.orchestration


#: Each request a cargo-ai command sends, made as the app makes it.
CALLS: dict[str, Call] = {
    "play list": lambda c, k: _orch(c).play.list(),
    "tool list": lambda c, k: _orch(c).tool.list(),
    "workflow list": lambda c, k: _orch(c).workflow.list(),
    "agent list": lambda c, k: c.ai.agent.list(),
    "connector list": lambda c, k: c.connection.connector.list(),
    "model list": lambda c, k: c.storage.model.list(),
    "segment list": lambda c, k: c.segmentation.segment.list(),
    "batch get": lambda c, k: _orch(c).batch.get(k["batch"]),
    "release get": lambda c, k: _orch(c).release.get(k["release"]),
    "run count": lambda c, k: _orch(c).run.count(workflow_uuid=k["workflow"]),
    "run count, every filter": lambda c, k: _orch(c).run.count(
        workflow_uuid=k["workflow"],
        statuses=["error", "cancelled"],
        batch_uuid=k["batch"],
        release_uuid=k["release"],
        is_finished=False,
        created_after=FIXED_NOW - timedelta(days=30),
        created_before=FIXED_NOW,
        record_id=k["record_id"],
        record_title=k["record_title"],
    ),
    "run get-metrics": lambda c, k: _orch(c).run.get_metrics(
        workflow_uuid=k["workflow"],
        release_uuid=k["release"],
        batch_uuid=k["batch"],
        created_after=FIXED_NOW - timedelta(days=30),
        created_before=FIXED_NOW,
    ),
    "run download": lambda c, k: _orch(c).run.download(
        workflow_uuid=k["workflow"], statuses=["error"], is_finished=True
    ),
    "run download-outputs": lambda c, k: _orch(c).run.download_outputs(
        workflow_uuid=k["workflow"],
        output_node_slug="qualify",
        format="json",
        batch_uuid=k["batch"],
    ),
    "batch download": lambda c, k: _orch(c).batch.download(k["batch"], output_node_slug="qualify"),
    "query execute": lambda c, k: _orch(c).query.execute(
        "SELECT status, count() AS n\nFROM runs\nWHERE status = 'error'\nGROUP BY status"
    ),
    "segment download": lambda c, k: c.segmentation.segment.download(
        model_uuid=k["model"], filter=EVERY, sort=[{"columnSlug": "name", "kind": "asc"}], limit=5
    ),
}

#: Requests no cargo-ai command sends: curl only.
CURL_ONLY: dict[str, Call] = {
    "batch list": lambda c, k: _orch(c).batch.list(
        workflow_uuids=[k["workflow"]], statuses=["success"], limit=3
    ),
}


async def _logged(
    sandbox: ThreadedSandbox, call: Callable[[CargoClient], Awaitable[object]]
) -> list[Entry]:
    log = RequestLog()
    async with CargoClient(
        token=sandbox.token, base_url=sandbox.base_url, request_log=log
    ) as client:
        await call(client)
    return log.entries()


def _request(entry: Entry) -> tuple[Any, ...]:
    return entry.method, entry.path, entry.params, entry.body


@pytest.mark.parametrize("name", list(CALLS))
def test_the_cargo_ai_line_sends_the_same_request(
    sandbox: ThreadedSandbox, known: dict[str, Any], name: str
) -> None:
    (sent,) = asyncio.run(_logged(sandbox, lambda client: CALLS[name](client, known)))
    line = cargo_ai_line(sent.method, sent.path, sent.params, sent.body)
    assert line is not None and line.startswith("cargo-ai ")
    args = parse_line(line)
    check_arguments(args)
    assert args.cargo_ai.endswith(name.split(",")[0])
    mirrored = asyncio.run(_logged(sandbox, lambda client: COMMANDS[args.cargo_ai](client, args)))
    # download-outputs and batch download first ask which output nodes there are.
    assert _request(sent) in [_request(entry) for entry in mirrored], (line, mirrored)
    assert mirrored[-1].path == sent.path


def test_every_post_a_command_sends_is_tried() -> None:
    tried = {name.split(",")[0].split()[-1] for name in CALLS}
    assert {"count", "get-metrics", "download", "download-outputs", "execute"} <= tried
    assert len(_POSTS) == 7  # runs count, download, metrics, download-outputs; batch
    # download; query; segment download: each has its case above


@pytest.mark.parametrize(
    ("method", "path", "params", "body"),
    [
        ("POST", "/orchestration/runs/list", None, {"workflowUuid": "x", "limit": 50}),
        ("GET", "/orchestration/runs/0b5e7f3c-1d2a-4c6b-9e8f-7a6b5c4d3e2f", None, None),
        ("GET", "/orchestration/plays/list", {"isEnabled": True}, None),
        ("GET", "/orchestration/releases/list", {"workflowUuid": "x"}, None),
        ("GET", "/userManagement/users/current", None, None),
        # a field the command has no option for
        ("POST", "/orchestration/runs/count",
         None, {"workflowUuid": "0b5e7f3c-1d2a-4c6b-9e8f-7a6b5c4d3e2f", "executionsFilter": {}}),
        # without a format, the mirror would send its own (csv): not the same request
        ("POST", "/orchestration/runs/download-outputs",
         None, {"workflowUuid": "0b5e7f3c-1d2a-4c6b-9e8f-7a6b5c4d3e2f", "outputNodeSlug": "q"}),
        ("POST", "/orchestration/runs/count", None, {"workflowUuid": "not a uuid"}),
        ("POST", "/orchestration/batches", None, {"workflowUuid": "x", "data": {}}),
    ],
)  # fmt: skip
def test_no_cargo_ai_line_when_no_command_sends_the_request(
    method: str, path: str, params: Any, body: Any
) -> None:
    assert cargo_ai_line(method, path, params, body) is None


def test_the_curl_line_quotes_for_the_shell_and_keeps_the_token_out() -> None:
    line = curl_line(
        "POST",
        "/orchestration/query",
        base_url="https://api.getcargo.io/v1",
        body={"query": "SELECT 'it''s' AS x"},
        workspace_uuid="w1",
    )
    assert line == (
        "curl -sS -X POST https://api.getcargo.io/v1/orchestration/query "
        f"{AUTH_HEADER} -H 'selected-workspace-uuid: w1' -H 'content-type: application/json' "
        """--data-raw '{"query":"SELECT '"'"'it'"'"''"'"'s'"'"' AS x"}'"""
    )


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize(
    "name", ["batch get", "run count, every filter", "query execute", "batch list"]
)
def test_the_curl_line_gets_the_answer_the_client_got(
    sandbox: ThreadedSandbox, known: dict[str, Any], name: str
) -> None:
    call = CURL_ONLY.get(name) or CALLS[name]
    (sent,) = asyncio.run(_logged(sandbox, lambda client: call(client, known)))

    async def again() -> Any:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            return await client._transport.read(
                sent.method, sent.path, params=sent.params, body=sent.body
            )

    _, curl = entry_lines(sent)
    env = {**os.environ, "CARGO_API_TOKEN": sandbox.token}
    done = subprocess.run(
        ["bash", "-c", curl], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == asyncio.run(again())


def test_a_get_with_params_is_sent_as_the_client_encodes_it() -> None:
    line = curl_line(
        "GET",
        "/orchestration/batches/list",
        base_url="http://127.0.0.1:8000/v1/",
        params={"workflowUuids": ["a b"], "limit": 3},
    )
    assert (
        "'http://127.0.0.1:8000/v1/orchestration/batches/list?workflowUuids%5B%5D=a+b&limit=3'"
        in line
    )
    assert "-X" not in line and "--data-raw" not in line
