"""``cargo-tui run diff``: JSON and table, the baseline picked or named, its exit codes."""

from __future__ import annotations

import json

import pytest

from tests.run_diff.steps import seeded_runs
from tui.api.client import CargoClient
from tui.cli import main
from tui.exits import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from tui.sandbox.record_runs import DIVERGES_AT
from tui.sandbox.threaded import ThreadedSandbox


def run_diff(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    code = main(["run", "diff", *args, "--token", sandbox.token, "--base-url", sandbox.base_url])
    out, err = capsys.readouterr()
    return code, out, err


async def _seeded(sandbox: ThreadedSandbox) -> tuple[str, list[str]]:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        failed, successes = await seeded_runs(client)
    return failed.uuid, [run.uuid for run in successes]


@pytest.fixture
def seeded(sandbox: ThreadedSandbox) -> tuple[str, list[str]]:
    import asyncio

    return asyncio.run(_seeded(sandbox))


def test_json_names_the_first_difference_and_why_the_baseline(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], seeded: tuple[str, list[str]]
) -> None:
    failed, successes = seeded
    code, out, err = run_diff(sandbox, capsys, failed)
    assert code == EXIT_OK, err
    diff = json.loads(out)
    assert diff["firstDifference"] == DIVERGES_AT
    assert diff["run"]["uuid"] == failed and diff["run"]["status"] == "error"
    assert diff["baseline"]["uuid"] == successes[0]
    assert diff["picked"] == "record"
    assert diff["pickedBecause"] == "the same record's last success"
    node = next(n for n in diff["nodes"] if n["node"] == DIVERGES_AT)
    assert node["run"]["status"] == "error" and node["baseline"]["status"] == "success"
    assert {"path": ".error", "change": "added", "new": "timeout"} in node["output"]


def test_a_table_to_read_and_a_baseline_named_by_its_first_characters(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], seeded: tuple[str, list[str]]
) -> None:
    failed, successes = seeded
    code, out, err = run_diff(sandbox, capsys, failed, successes[-1][:8], "--format", "table")
    assert code == EXIT_OK, err
    lines = out.splitlines()
    assert lines[1].startswith(f"baseline  {successes[-1]}  success")
    assert "(the run you named)" in lines[1]
    assert f"first difference at {DIVERGES_AT}" in lines
    row = next(line for line in lines if line.split()[1:2] == [DIVERGES_AT])
    assert row.split()[:4] == ["▶", DIVERGES_AT, "error", "success"]
    assert row.split()[-1] == "status"
    assert f"{DIVERGES_AT} · output (baseline -> run)" in lines
    assert '  + .error: "timeout"' in lines


def test_a_run_not_found_fails_and_says_which(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str], seeded: tuple[str, list[str]]
) -> None:
    failed, _ = seeded
    code, out, err = run_diff(sandbox, capsys, failed, "zz-top")
    assert (code, out) == (EXIT_FAILED, "")
    assert "'zz-top' is not a run uuid nor the start of one" in err
    missing = "00000000-0000-4000-8000-000000000000"
    code, out, err = run_diff(sandbox, capsys, missing)
    assert (code, out) == (EXIT_FAILED, "")
    assert "run diff failed" in err


def test_a_run_that_is_not_a_uuid_is_a_usage_error(
    sandbox: ThreadedSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run_diff(sandbox, capsys, "last-tuesday")
    assert exited.value.code == EXIT_USAGE
    assert "'last-tuesday' is not a uuid" in capsys.readouterr().err
