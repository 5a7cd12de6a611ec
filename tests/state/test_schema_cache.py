"""The schema cache: what DESCRIBE answered comes back on the next start; refusals are not kept."""

from __future__ import annotations

from pathlib import Path

from tui.api import CargoClient, Secret
from tui.api.sql.schema import DEFAULT_SCHEMA
from tui.sandbox.threaded import ThreadedSandbox
from tui.state.schema_cache import KnownSchema, describe, load_cached, save, schema_path


def test_nothing_cached_is_none() -> None:
    assert load_cached("ws-1") is None


def test_a_described_table_round_trips_and_the_rest_stay_default() -> None:
    known = KnownSchema.default()
    known.tables["runs"] = [("uuid", "UUID"), ("brand_new", "String")]
    known.sources["runs"] = "server"
    save("ws-1", known)
    again = load_cached("ws-1")
    assert again is not None
    assert again.tables["runs"] == [("uuid", "UUID"), ("brand_new", "String")]
    assert again.sources == {
        "runs": "cache",
        "batches": "default",
        "spans": "default",
        "records": "default",
    }
    assert again.tables["spans"] == list(DEFAULT_SCHEMA["spans"])


def test_an_all_default_schema_is_not_written() -> None:
    save("ws-2", KnownSchema.default())
    assert not schema_path("ws-2").exists()


def test_a_broken_cache_is_set_aside(tmp_path: Path) -> None:
    path = schema_path("ws-3")
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert load_cached("ws-3") is None
    assert not path.exists()


async def test_the_server_describes_each_table(sandbox: ThreadedSandbox) -> None:
    client = CargoClient(token=Secret(sandbox.token), base_url=sandbox.base_url)
    try:
        known = await describe(client)
    finally:
        await client.aclose()
    assert set(known.sources.values()) == {"server"}
    runs = dict(known.tables["runs"])
    assert "workflow_uuid" in runs and "created_at" in runs
    assert "DateTime64" in runs["created_at"]


async def test_a_refused_describe_leaves_the_default(sandbox: ThreadedSandbox) -> None:
    sandbox.faults.set(
        {"kind": "status", "status": 400, "path": "/orchestration/query", "count": 1}
    )
    client = CargoClient(token=Secret(sandbox.token), base_url=sandbox.base_url)
    try:
        known = await describe(client)
    finally:
        await client.aclose()
        sandbox.faults.clear()
    assert set(known.sources.values()) == {"default"}
    assert "DESCRIBE TABLE was refused" in known.note
    assert known.tables["runs"] == list(DEFAULT_SCHEMA["runs"])
