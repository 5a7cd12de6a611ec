"""Every catalog method of the client against the sandbox over loopback HTTP: identity, plays,
tools, workflows, releases, agents, connectors, models and segments, with their filters and
their not-found reasons. (History, SQL and writes: ``test_history_methods.py``,
``test_write_methods.py``.)"""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.api.mock import FAST
from tui.api import CargoClient
from tui.api.errors import RequestError
from tui.sandbox.threaded import ThreadedSandbox

MISSING = "00000000-0000-4000-8000-000000000000"
EVERYTHING = {"conjonction": "and", "groups": []}


@pytest.fixture
async def client(sandbox: ThreadedSandbox) -> AsyncIterator[CargoClient]:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url, retry=FAST) as client:
        yield client


async def not_found(call: object, reason: str) -> None:
    with pytest.raises(RequestError) as caught:
        await call  # type: ignore[misc]
    assert caught.value.status == 404
    assert caught.value.reason == reason


async def test_whoami_names_the_user_and_the_workspace(client: CargoClient) -> None:
    who = await client.whoami()
    assert who.user.email == "ada.lovelace@acme.test"
    assert (who.user.first_name, who.user.last_name) == ("Ada", "Lovelace")
    assert who.workspace.name == "Acme GTM"
    assert who.workspace.max_concurrent_runs == 50


async def test_plays_list_filters_and_get(client: CargoClient) -> None:
    plays = await client.orchestration.play.list()
    assert len(plays) == 5
    assert len({p.uuid for p in plays}) == 5
    enabled = await client.orchestration.play.list(is_enabled=True)
    disabled = await client.orchestration.play.list(is_enabled=False)
    assert {p.uuid for p in enabled} | {p.uuid for p in disabled} == {p.uuid for p in plays}
    assert enabled and disabled and not {p.uuid for p in enabled} & {p.uuid for p in disabled}
    first = plays[0]
    assert first.model_uuid and first.segment_uuid
    by_model = await client.orchestration.play.list(model_uuid=first.model_uuid)
    assert first.uuid in {p.uuid for p in by_model}
    assert all(p.model_uuid == first.model_uuid for p in by_model)
    by_segment = await client.orchestration.play.list(segment_uuid=first.segment_uuid)
    assert [p.uuid for p in by_segment] == [first.uuid]
    cron = await client.orchestration.play.list(schedule_type="cron")
    assert cron and all(p.schedule and p.schedule.type == "cron" for p in cron)
    assert len(cron) < len(plays)
    got = await client.orchestration.play.get(first.uuid)
    assert got == first
    await not_found(client.orchestration.play.get(MISSING), "playNotFound")


async def test_tools_list_and_get(client: CargoClient) -> None:
    tools = await client.orchestration.tool.list()
    assert {t.name for t in tools} >= {"Enrich a company"}
    for tool in tools:
        assert await client.orchestration.tool.get(tool.uuid) == tool
    await not_found(client.orchestration.tool.get(MISSING), "toolNotFound")


async def test_workflows_belong_to_plays_and_tools_and_show_their_last_batch(
    client: CargoClient,
) -> None:
    workflows = await client.orchestration.workflow.list()
    plays = await client.orchestration.play.list()
    tools = await client.orchestration.tool.list()
    owners = {w.play_uuid or w.tool_uuid for w in workflows}
    assert owners == {p.uuid for p in plays} | {t.uuid for t in tools}
    assert {w.uuid for w in workflows} == {p.workflow_uuid for p in plays} | {
        t.workflow_uuid for t in tools
    }
    with_batches = 0
    for workflow in workflows:
        assert workflow.nodes and workflow.deployed_release is not None
        latest = await client.orchestration.batch.list(workflow_uuids=[workflow.uuid], limit=1)
        if workflow.last_batch is None:
            # A disabled play that stopped before the (small) history began.
            assert latest == []
            continue
        with_batches += 1
        assert latest[0].uuid == workflow.last_batch.uuid
        assert latest[0].status == workflow.last_batch.status
    assert with_batches >= len(workflows) - 1


async def test_releases_list_filters_pages_and_get(client: CargoClient) -> None:
    workflow = (await client.orchestration.workflow.list())[0]
    assert workflow.deployed_release is not None
    releases = await client.orchestration.release.list(workflow_uuid=workflow.uuid)
    assert {r.workflow_uuid for r in releases} == {workflow.uuid}
    assert len(releases) >= 3
    deployed = await client.orchestration.release.list(
        workflow_uuid=workflow.uuid, statuses=["deployed"]
    )
    assert [r.uuid for r in deployed] == [workflow.deployed_release.uuid]
    everything = await client.orchestration.release.list(limit=1000)
    assert len(everything) > len(releases)
    second = await client.orchestration.release.list(limit=2, offset=1)
    assert [r.uuid for r in second] == [r.uuid for r in everything[1:3]]
    got = await client.orchestration.release.get(deployed[0].uuid)
    assert got.version == workflow.deployed_release.version
    assert [n.slug for n in got.nodes] == [n.slug for n in workflow.deployed_release.nodes]
    assert got.version and got.label.startswith("v"), "versions are text: v7, v1.2.0"
    await not_found(client.orchestration.release.get(MISSING), "releaseNotFound")


async def test_agents_list(client: CargoClient) -> None:
    agents = await client.ai.agent.list()
    assert agents
    assert all(a.deployed_release and a.deployed_release.language_model_slug for a in agents)
    workflows = await client.orchestration.workflow.list()
    used = {n.agent_uuid for w in workflows for n in w.nodes if n.agent_uuid}
    assert used <= {a.uuid for a in agents}


async def test_connectors_list_and_filter(client: CargoClient) -> None:
    connectors = await client.connection.connector.list()
    slugs = {c.integration_slug for c in connectors}
    assert {"hubspot", "clearbit", "salesforce"} <= slugs
    hubspot = await client.connection.connector.list(integration_slug="hubspot")
    assert [c.integration_slug for c in hubspot] == ["hubspot"]
    assert hubspot[0].plays_count >= 1
    assert await client.connection.connector.list(integration_slug="nothing-like-it") == []


async def test_models_list_get_and_ddl(client: CargoClient) -> None:
    models = await client.storage.model.list()
    assert {m.slug for m in models} >= {"companies", "contacts"}
    for model in models:
        assert await client.storage.model.get(model.uuid) == model
        ddl = await client.storage.model.get_ddl(model.uuid)
        assert ddl.language == "sql"
        assert ddl.ddl.startswith("CREATE TABLE")
        assert all(column.slug in ddl.ddl for column in model.columns)
    await not_found(client.storage.model.get(MISSING), "modelNotFound")
    await not_found(client.storage.model.get_ddl(MISSING), "modelNotFound")


async def test_segments_list_get_fetch_and_download(client: CargoClient, tmp_path: Path) -> None:
    segments = await client.segmentation.segment.list()
    assert segments
    segment = max(segments, key=lambda s: s.records_count or 0)
    assert segment.records_count and segment.last_change is not None
    assert await client.segmentation.segment.get(segment.uuid) == segment
    await not_found(client.segmentation.segment.get(MISSING), "segmentNotFound")
    assert segment.filter is not None
    # The segment's own filter, fetched in pages: the counts agree with the segment's.
    first = await client.segmentation.segment.fetch(
        model_uuid=segment.model_uuid, filter=segment.filter, sort=segment.sort, fetching_limit=10
    )
    expected = min(first.count, segment.limit) if segment.limit else first.count
    assert expected == segment.records_count
    assert len(first.records) == min(10, first.count)
    assert {c["slug"] for c in first.columns} >= {"id"}
    second = await client.segmentation.segment.fetch(
        model_uuid=segment.model_uuid,
        filter=segment.filter,
        sort=segment.sort,
        fetching_limit=10,
        fetching_offset=10,
    )
    assert not {r["id"] for r in first.records} & {r["id"] for r in second.records}
    everything = await client.segmentation.segment.fetch(
        model_uuid=segment.model_uuid, filter=EVERYTHING
    )
    assert everything.count > first.count
    misspelt = {"conjunction": "and", "groups": []}
    nothing = await client.segmentation.segment.fetch(
        model_uuid=segment.model_uuid, filter=misspelt
    )
    assert nothing.count == 0
    with pytest.raises(RequestError) as caught:
        await client.segmentation.segment.fetch(
            model_uuid=segment.model_uuid, filter={"conjonction": "maybe", "groups": []}
        )
    assert caught.value.reason == "invalidFilter"
    # Download: a CSV of exactly the records the filter selects.
    urls = await client.segmentation.segment.download(
        model_uuid=segment.model_uuid, filter=segment.filter, sort=segment.sort, limit=25
    )
    assert len(urls) == 1
    done = await client.download_to(urls[0], tmp_path / "segment.csv")
    rows = list(csv.DictReader((tmp_path / "segment.csv").open(encoding="utf-8")))
    assert done.bytes == (tmp_path / "segment.csv").stat().st_size
    assert len(rows) == min(25, first.count)
    top = await client.segmentation.segment.fetch(
        model_uuid=segment.model_uuid, filter=segment.filter, sort=segment.sort, fetching_limit=25
    )
    assert [r["id"] for r in rows] == [r["id"] for r in top.records]


async def test_a_segment_uuid_is_not_a_model_uuid(client: CargoClient) -> None:
    segment = (await client.segmentation.segment.list())[0]
    with pytest.raises(RequestError) as caught:
        await client.segmentation.segment.fetch(model_uuid=segment.uuid, filter=EVERYTHING)
    assert caught.value.status == 404
    assert caught.value.reason == "modelNotFound"
