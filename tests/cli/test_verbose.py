"""``--verbose`` on the headless commands: each request on stderr, with the cargo-ai and curl
lines that repeat it; stdout exactly as without it."""

from __future__ import annotations

import argparse
import asyncio
import shlex

import pytest

from tui.api import CargoClient
from tui.cli import main, parser
from tui.headless.cargo_ai import parse_line
from tui.sandbox.threaded import ThreadedSandbox

Out = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def workflow(sandbox: ThreadedSandbox) -> str:
    async def first() -> str:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            return (await client.orchestration.play.list())[0].workflow_uuid

    return asyncio.run(first())


def _run(sandbox: ThreadedSandbox, capsys: Out, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--base-url", sandbox.base_url, "--token", sandbox.token])
    said = capsys.readouterr()
    return code, said.out, said.err


def test_verbose_prints_each_request_and_leaves_stdout_alone(
    sandbox: ThreadedSandbox, capsys: Out, workflow: str
) -> None:
    command = ["orchestration", "run", "count", "--workflow-uuid", workflow, "--statuses", "error"]
    code, quiet_out, quiet_err = _run(sandbox, capsys, *command)
    assert code == 0 and quiet_err == ""
    code, out, err = _run(sandbox, capsys, *command, "--verbose")
    assert code == 0 and out == quiet_out
    lines = err.splitlines()
    counted = lines.index(next(x for x in lines if "POST /orchestration/runs/count: 200 in" in x))
    assert lines[counted].startswith("cargo-tui: POST /orchestration/runs/count: 200 in ")
    assert lines[counted + 1] == "  " + shlex.join(["cargo-ai", *command])
    assert lines[counted + 2].startswith("  curl -sS -X POST ")
    assert '-H "Authorization: Bearer $CARGO_API_TOKEN"' in lines[counted + 2]
    assert any(x.startswith("cargo-tui: GET /userManagement/users/current: 200") for x in lines)
    assert sandbox.token not in err
    # the printed line is one the mirror reads back as the command that was run
    assert parse_line(lines[counted + 1].strip()).cargo_ai == "orchestration run count"


def test_verbose_on_a_query(sandbox: ThreadedSandbox, capsys: Out) -> None:
    code, out, err = _run(sandbox, capsys, "query", "SELECT 1 AS one", "--verbose")
    assert code == 0 and "one" in out
    assert "cargo-tui: POST /orchestration/query: 200 in " in err
    assert "  cargo-ai orchestration query execute 'SELECT 1 AS one'" in err.splitlines()


def _leaves(
    command: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> dict[str, argparse.ArgumentParser]:
    """Every command that runs (a parser with no subcommands), by its words."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_leaves(sub, (*words, name)))
    return found or {" ".join(words): command}


def test_every_headless_command_takes_verbose() -> None:
    leaves = _leaves(parser())
    assert {"query", "export runs", "release diff", "run diff", "orchestration run count",
            "storage model list", "segmentation segment download"} <= set(leaves)  # fmt: skip
    for words, command in leaves.items():
        options = {o for a in command._actions for o in a.option_strings}
        if words == "sandbox":  # the emulator: it asks nothing of Cargo
            continue
        assert "--verbose" in options, words
    args = parser().parse_args(
        ["export", "runs", "--workflow", "0b5e7f3c-1d2a-4c6b-9e8f-7a6b5c4d3e2f", "--verbose"]
    )
    assert args.verbose is True
    assert not hasattr(parser().parse_args(["query", "SELECT 1"]), "verbose")
