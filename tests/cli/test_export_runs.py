"""``cargo-tui export runs|outputs|batch``: full runs (each with its executions and each node's
output, as ``runs/{uuid}`` holds it), the run filter's options, and the output node checked
before anything is asked of Cargo."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.cli.test_export_cli import Out, known, run
from tests.export_screen.support import read_csv, read_json
from tui.api import CargoClient
from tui.sandbox.threaded import ThreadedSandbox

__all__ = ["known"]  # the fixture, shared with the export tests


def _get(sandbox: ThreadedSandbox, uuids: list[str]) -> dict[str, dict[str, object]]:
    """``GET /orchestration/runs/{uuid}``'s runContext, for each run."""

    async def look() -> dict[str, dict[str, object]]:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            details = await asyncio.gather(*(client.orchestration.run.get(u) for u in uuids))
            return {d.run.uuid: d.run_context for d in details}

    return asyncio.run(look())


def test_a_batchs_failed_runs_whole(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path
) -> None:
    dest = out / "failed.json"
    args = ["runs", "--workflow", known["workflow"], "--batch", known["batch"], "--status", "error"]
    assert run(sandbox, *args, "-o", str(dest)) == 0
    runs = read_json(dest)
    assert len(runs) == 85
    contexts = _get(sandbox, [r["uuid"] for r in runs])
    for each in runs:
        slugs = {execution["nodeSlug"] for execution in each["executions"]}
        assert set(each["runContext"]) == slugs, each["uuid"]
        assert each["runContext"] == contexts[each["uuid"]], "as runs/{uuid} has it"
        assert "runComputedConfigs" not in each, "only when asked for"


def test_configs_when_asked(sandbox: ThreadedSandbox, known: dict[str, str], out: Path) -> None:
    dest = out / "failed.ndjson"
    args = ["runs", "--workflow", known["workflow"], "--batch", known["batch"], "--status", "error"]
    assert run(sandbox, *args, "--with-configs", "-o", str(dest)) == 0
    first = json.loads(dest.read_text().splitlines()[0])
    assert set(first["runComputedConfigs"]) == set(first["runContext"])


@pytest.mark.parametrize("name", ["failed.csv", "failed.parquet"])
def test_flat_formats_have_a_column_per_node(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, name: str
) -> None:
    dest = out / name
    args = ["runs", "--workflow", known["workflow"], "--batch", known["batch"], "--status", "error"]
    assert run(sandbox, *args, "-o", str(dest)) == 0
    rows = read_csv(dest) if name.endswith(".csv") else pq.read_table(dest).to_pylist()
    assert len(rows) == 85
    by_uuid = _get(sandbox, [str(r["uuid"]) for r in rows[:5]])
    for row in rows[:5]:
        executions = json.loads(str(row["executions"]))
        nodes = {key.removeprefix("runContext.") for key in row if key.startswith("runContext.")}
        reached = {e["nodeSlug"] for e in executions}
        assert reached <= nodes
        for slug in reached:
            assert json.loads(str(row[f"runContext.{slug}"])) == by_uuid[str(row["uuid"])][slug]


def test_the_run_filters_options(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path
) -> None:
    from datetime import timedelta

    from tui import clock

    dest = out / "recent.json"
    args = ["runs", "--workflow", known["workflow"], "--is-finished", "--created-after", "4d"]
    assert run(sandbox, *args, "--status", "error", "-o", str(dest)) == 0
    rows = read_json(dest)

    async def counts() -> tuple[int, int]:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            runs = client.orchestration.run
            every = await runs.count(workflow_uuid=known["workflow"], statuses=["error"])
            recent = await runs.count(
                workflow_uuid=known["workflow"],
                statuses=["error"],
                is_finished=True,
                created_after=clock.now() - timedelta(days=4),
            )
            return recent, every

    recent, every = asyncio.run(counts())
    assert 0 < len(rows) == recent < every, "the date keeps some of the failed runs"
    assert {r["status"] for r in rows} == {"error"}


def test_an_unknown_output_node_is_refused_before_asking(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    outputs = ["outputs", "--workflow", known["workflow"], "--node", "nosuch"]
    for args in (outputs, ["batch", known["batch"], "--node", "nosuch"]):
        assert run(sandbox, *args, "-o", str(out / "x.csv")) == 1
        said = capsys.readouterr().err
        assert "There is no node 'nosuch' in" in said, said
        assert "qualify" in said and "clearbit_enrich" in said and "its output node is" in said
        assert list(out.iterdir()) == []


def test_both_output_downloads_write_the_output_as_an_object(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path
) -> None:
    batch, outputs = out / "batch.json", out / "outputs.json"
    assert run(sandbox, "batch", known["batch"], "--node", "qualify", "-o", str(batch)) == 0
    args = ["outputs", "--workflow", known["workflow"], "--node", "qualify"]
    assert run(sandbox, *args, "--batch", known["batch"], "-o", str(outputs)) == 0
    from_batch, from_outputs = read_json(batch), read_json(outputs)
    assert isinstance(from_batch[0]["output"], dict)
    by_run = {row["runUuid"]: row["output"] for row in from_outputs}
    assert all(by_run[row["runUuid"]] == row["output"] for row in from_batch)
