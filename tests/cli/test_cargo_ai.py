"""``cargo-tui orchestration|ai|connection|storage|segmentation ...``: cargo-ai's analytics
commands word for word, each against the sandbox and checked against the API's own answer
with the same filter."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXED_NOW
from tests.export_screen.support import read_csv
from tui.api import CargoClient
from tui.cli import main
from tui.sandbox.threaded import ThreadedSandbox

PLAY = "Enrich new companies"
Out = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def known(sandbox: ThreadedSandbox) -> dict[str, Any]:
    async def look() -> dict[str, Any]:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            play = next(p for p in await client.orchestration.play.list() if p.name == PLAY)
            batches = await client.orchestration.batch.list(workflow_uuids=[play.workflow_uuid])
            unhealthy = next(b for b in batches if b.succeeded_with_failures)
            releases = await client.orchestration.release.list(workflow_uuid=play.workflow_uuid)
            run = (await client.orchestration.run.list(batch_uuid=unhealthy.uuid, limit=1)).runs
            return {
                "workflow": play.workflow_uuid,
                "batch": unhealthy.uuid,
                "release": unhealthy.release_uuid,
                "releases": [r.uuid for r in releases],
                "record_id": run[0].record_id,
                "record_title": run[0].record_title,
                "model": play.model_uuid,
            }

    return asyncio.run(look())


def cli(sandbox: ThreadedSandbox, capsys: Out, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--base-url", sandbox.base_url, "--token", sandbox.token])
    said = capsys.readouterr()
    return code, said.out, said.err


def api_count(sandbox: ThreadedSandbox, **filters: Any) -> int:
    async def count() -> int:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            return await client.orchestration.run.count(**filters)

    return asyncio.run(count())


#: Each flag of ``run count``, and the filter the API gets for it.
FLAGS: list[tuple[list[str], dict[str, Any]]] = [
    (["--statuses", "error,cancelled"], {"statuses": ["error", "cancelled"]}),
    (["--batch-uuid", "{batch}"], {"batch_uuid": "{batch}"}),
    (["--release-uuid", "{release}"], {"release_uuid": "{release}"}),
    (["--is-finished"], {"is_finished": True}),
    (["--no-is-finished"], {"is_finished": False}),
    (["--created-after", "4d"], {"created_after": FIXED_NOW - timedelta(days=4)}),
    (["--created-before", "2026-11-24"], {"created_before": "2026-11-24T00:00:00.000Z"}),
    (["--record-id", "{record_id}"], {"record_id": "{record_id}"}),
    (["--record-title", "{record_title}"], {"record_title": "{record_title}"}),
]


def _filled(value: Any, known: dict[str, Any]) -> Any:
    return value.format(**known) if isinstance(value, str) and "{" in value else value


@pytest.mark.parametrize(("flags", "filters"), FLAGS, ids=[f[0][0] for f in FLAGS])
def test_run_count_is_the_apis_count(
    sandbox: ThreadedSandbox,
    known: dict[str, Any],
    capsys: Out,
    flags: list[str],
    filters: dict[str, Any],
) -> None:
    args = [_filled(flag, known) for flag in flags]
    code, out, _ = cli(
        sandbox,
        capsys,
        "orchestration",
        "run",
        "count",
        "--workflow-uuid",
        known["workflow"],
        *args,
    )
    assert code == 0
    expected = api_count(
        sandbox,
        workflow_uuid=known["workflow"],
        **{k: _filled(v, known) for k, v in filters.items()},
    )
    assert out == json.dumps({"count": expected}) + "\n"
    everything = api_count(sandbox, workflow_uuid=known["workflow"])
    assert expected < everything or flags == ["--is-finished"], "the flag keeps fewer runs"


def test_metrics_by_release_are_the_apis(
    sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out
) -> None:
    args = ["orchestration", "run", "get-metrics", "--workflow-uuid", known["workflow"]]
    code, out, _ = cli(sandbox, capsys, *args, "--release-uuid", known["release"])
    assert code == 0

    async def metrics() -> list[dict[str, Any]]:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            found = await client.orchestration.run.get_metrics(
                workflow_uuid=known["workflow"], release_uuid=known["release"]
            )
            return [m.model_dump(mode="json", by_alias=True, exclude_unset=True) for m in found]

    assert json.loads(out) == {"runMetrics": asyncio.run(metrics())}
    code, whole, _ = cli(sandbox, capsys, *args)
    assert json.loads(whole) != json.loads(out), "a release keeps fewer executions"


def test_a_word_that_is_not_a_status_says_what_to_use(capsys: Out) -> None:
    args = [
        "orchestration",
        "run",
        "count",
        "--workflow-uuid",
        "0" * 8 + "-0000-4000-8000-" + "0" * 12,
    ]
    with pytest.raises(SystemExit) as done:
        main([*args, "--statuses", "finished"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "'finished' is not a run status" in err and "use --is-finished" in err


def test_dates_the_wrong_way_round_are_a_usage_error(known: dict[str, Any], capsys: Out) -> None:
    args = ["orchestration", "run", "count", "--workflow-uuid", known["workflow"]]
    assert main([*args, "--created-after", "1d", "--created-before", "7d", "--token", "t"]) == 2
    assert "the start must come before the end" in capsys.readouterr().err


def test_downloads_print_the_url_or_write_the_file(
    sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out, out: Path
) -> None:
    args = ["orchestration", "run", "download", "--workflow-uuid", known["workflow"]]
    args += ["--batch-uuid", known["batch"], "--statuses", "error"]
    code, said, _ = cli(sandbox, capsys, *args)
    assert code == 0 and json.loads(said)["url"].startswith("http://127.0.0.1")
    dest = out / "runs.json"
    code, said, _ = cli(sandbox, capsys, *args, "-o", str(dest))
    assert code == 0 and said.strip() == str(dest)
    runs = json.loads(dest.read_text())
    assert len(runs) == api_count(
        sandbox, workflow_uuid=known["workflow"], batch_uuid=known["batch"], statuses=["error"]
    )
    assert all("runContext" in run for run in runs)
    code, _, err = cli(sandbox, capsys, *args, "-o", str(dest))
    assert code == 1 and "--overwrite" in err, "an existing file is kept"
    assert cli(sandbox, capsys, *args, "-o", str(dest), "--overwrite")[0] == 0


def test_download_outputs_checks_the_node(
    sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out, out: Path
) -> None:
    args = ["orchestration", "run", "download-outputs", "--workflow-uuid", known["workflow"]]
    args += ["--batch-uuid", known["batch"], "-o"]
    code, _, err = cli(sandbox, capsys, *args, str(out / "x.csv"), "--output-node-slug", "nosuch")
    assert code == 1 and "no node 'nosuch'" in err and "qualify" in err
    assert list(out.iterdir()) == []
    dest = out / "qualify.csv"
    code, _, _ = cli(sandbox, capsys, *args, str(dest), "--output-node-slug", "qualify")
    assert code == 0 and {row["nodeSlug"] for row in read_csv(dest)} == {"qualify"}
    batch = ["orchestration", "batch", "download", "--uuid", known["batch"]]
    code, _, err = cli(sandbox, capsys, *batch, "--output-node-slug", "nosuch")
    assert code == 1 and "no node 'nosuch' in batch" in err


def test_gets_lists_and_query(sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out) -> None:
    code, said, _ = cli(sandbox, capsys, "orchestration", "batch", "get", known["batch"])
    assert code == 0 and json.loads(said)["batch"]["uuid"] == known["batch"]
    code, said, _ = cli(sandbox, capsys, "orchestration", "release", "get", known["release"])
    assert code == 0 and json.loads(said)["release"]["nodes"]
    for words, key in [
        (["orchestration", "play", "list"], "plays"),
        (["orchestration", "tool", "list"], "tools"),
        (["orchestration", "workflow", "list"], "workflows"),
        (["ai", "agent", "list"], "agents"),
        (["connection", "connector", "list"], "connectors"),
        (["storage", "model", "list"], "models"),
        (["segmentation", "segment", "list"], "segments"),
    ]:
        code, said, _ = cli(sandbox, capsys, *words)
        assert code == 0 and json.loads(said)[key], words
    code, said, _ = cli(sandbox, capsys, "orchestration", "play", "list", "--format", "table")
    assert code == 0 and PLAY in said and said.rstrip().endswith("plays)")
    sql = f"SELECT count() AS n FROM runs WHERE workflow_uuid = '{known['workflow']}'"  # noqa: S608
    code, said, _ = cli(sandbox, capsys, "orchestration", "query", "execute", sql)
    assert code == 0 and json.loads(said) == {"rows": [{"n": api_count(
        sandbox, workflow_uuid=known["workflow"])}]}  # fmt: skip


def test_segment_download(
    sandbox: ThreadedSandbox, known: dict[str, Any], capsys: Out, out: Path
) -> None:
    every = json.dumps({"conjonction": "and", "groups": []})
    args = ["segmentation", "segment", "download", "--model-uuid", known["model"]]
    code, said, _ = cli(sandbox, capsys, *args, "--filter", every, "--limit", "5")
    assert code == 0 and json.loads(said)["urls"]
    dest = out / "five.csv"
    code, _, _ = cli(sandbox, capsys, *args, "--filter", every, "--limit", "5", "-o", str(dest))
    assert code == 0 and len(read_csv(dest)) == 5
    code, _, err = cli(sandbox, capsys, *args, "--filter", '{"conjunction": "and"}')
    assert code == 1 and "misspelled" in err


def test_not_signed_in(known: dict[str, Any], capsys: Out) -> None:
    assert main(["orchestration", "run", "count", "--workflow-uuid", known["workflow"]]) == 3
    assert "not signed in" in capsys.readouterr().err


def test_the_statuses_are_the_models() -> None:
    from tui.api.models.runs import RunStatus
    from tui.api.run_scope import RUN_STATUSES

    assert tuple(status.value for status in RunStatus) == RUN_STATUSES


def test_the_output_formats_are_the_requests() -> None:
    from typing import get_args

    from tui.api.models.requests import DownloadRunOutputsBody
    from tui.headless.cargo_ai import OUTPUT_FORMATS

    literal, _ = get_args(DownloadRunOutputsBody.model_fields["format"].annotation)
    assert get_args(literal) == OUTPUT_FORMATS


def test_reading_a_command_line_loads_no_pydantic() -> None:
    """Every start reads the command line: it stays argparse's alone (no pydantic, nor the
    export engine: the formats of both are spelled out for it)."""
    import subprocess
    import sys

    probe = (
        "import sys, tui.cli; tui.cli.parser(); "
        "print(sorted({'pydantic', 'tui.export'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_the_headless_commands_never_import_the_cli() -> None:
    """``tui.cli`` reads the command line and calls them, not the other way round: the exit
    codes and ``connection_from`` are below both (``tui.exits``, ``tui.connection``)."""
    import ast

    import tui.headless

    found = []
    for path in Path(tui.headless.__path__[0]).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in getattr(node, "names", [])]
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{name}" for name in names)]
            if isinstance(node, ast.Import | ast.ImportFrom):
                found += [f"{path.name}: {n}" for n in names if n.split(".")[:2] == ["tui", "cli"]]
    assert found == []
