"""``cargo-tui export``: every source against the sandbox, each file read back, and every exit
code: 0 exported, 1 failed (nothing written), 2 usage, 3 not signed in."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.export_screen.support import read_csv, read_json, read_ndjson
from tui.api import CargoClient
from tui.api.models.catalog import Segment
from tui.cli import main
from tui.sandbox.threaded import ThreadedSandbox

PLAY = "Enrich new companies"
Out = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def known(sandbox: ThreadedSandbox) -> dict[str, str]:
    """Uuids of the demo workspace the commands name."""
    import asyncio

    async def look() -> dict[str, str]:
        async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
            play = next(p for p in await client.orchestration.play.list() if p.name == PLAY)
            batches = await client.orchestration.batch.list(workflow_uuids=[play.workflow_uuid])
            unhealthy = next(b for b in batches if b.succeeded_with_failures)
            running = await client.orchestration.batch.list(statuses=["running"], limit=1)
            segments = await client.segmentation.segment.list()
            targets = next(s for s in segments if s.name == "Target account list")
            return {
                "workflow": play.workflow_uuid,
                "batch": unhealthy.uuid,
                "running": running[0].uuid,
                "segment": targets.model_dump_json(),
            }

    return asyncio.run(look())


def run(sandbox: ThreadedSandbox, *args: str, token: str | None = None) -> int:
    """``cargo-tui export ...`` in this process, signed in to the sandbox."""
    return main(
        ["export", *args, "--base-url", sandbox.base_url, "--token", token or sandbox.token]
    )


def test_the_failed_runs_of_a_batch(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    dest = out / "failed.csv"
    args = ["runs", "--workflow", known["workflow"], "--batch", known["batch"]]
    assert run(sandbox, *args, "--status", "error", "-o", str(dest)) == 0
    said = capsys.readouterr()
    assert said.out.strip() == str(dest), "the path on stdout, for scripts"
    assert said.err.strip() == f"Exported 85 rows ({_size(dest)}) to {dest}"
    rows = read_csv(dest)
    assert len(rows) == 85 and {row["status"] for row in rows} == {"error"}


def test_runs_that_failed_at_a_node(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path
) -> None:
    dest = out / "domains.json"
    args = ["runs", "--workflow", known["workflow"], "--batch", known["batch"]]
    args += ["--failed-at", "clearbit_enrich", "--error-contains", "Invalid domain"]
    assert run(sandbox, *args, "-o", str(dest), "--provenance") == 0
    rows = read_json(dest)
    assert rows and all("Invalid domain" in row["errorMessage"] for row in rows)
    meta = read_json(out / "domains.json.meta.json")
    assert meta["source"] == "runs" and meta["rows"] == len(rows)
    assert "clearbit_enrich" in meta["query_or_filter"]


def test_node_outputs(sandbox: ThreadedSandbox, known: dict[str, str], out: Path) -> None:
    dest = out / "qualify.ndjson"
    args = ["outputs", "--workflow", known["workflow"], "--node", "qualify"]
    assert run(sandbox, *args, "--batch", known["batch"], "-o", str(dest)) == 0
    rows = read_ndjson(dest)
    assert len(rows) == 498 and {row["nodeSlug"] for row in rows} == {"qualify"}
    assert isinstance(rows[0]["output"], dict)


def test_a_batch_output(sandbox: ThreadedSandbox, known: dict[str, str], out: Path) -> None:
    dest = out / "batch.parquet"
    assert run(sandbox, "batch", known["batch"], "--node", "qualify", "-o", str(dest)) == 0
    table = pq.read_table(dest)
    assert table.num_rows == 498
    assert set(table.column("nodeSlug").to_pylist()) == {"qualify"}


def test_a_segment_query(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, tmp_path: Path
) -> None:
    segment = Segment.model_validate_json(known["segment"])
    (tmp_path / "filter.json").write_text(json.dumps(segment.filter))
    dest = out / "top.tsv"
    args = ["segment", "--model", segment.model_uuid, "--filter", f"@{tmp_path / 'filter.json'}"]
    args += ["--sort", '[{"columnSlug": "employees", "kind": "desc"}]', "--limit", "7"]
    assert run(sandbox, *args, "-o", str(dest)) == 0
    rows = read_csv(dest, delimiter="\t")
    employees = [int(row["employees"]) for row in rows]
    assert len(rows) == 7 and employees == sorted(employees, reverse=True)


def test_a_saved_segment_and_the_default_name(
    sandbox: ThreadedSandbox,
    known: dict[str, str],
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Out,
) -> None:
    segment = Segment.model_validate_json(known["segment"])
    monkeypatch.chdir(out)
    assert run(sandbox, "segment", "--segment", segment.uuid, "--format", "json") == 0
    written = Path(capsys.readouterr().out.strip())
    assert written == out / f"segment-{segment.uuid[:8]}-2026-11-27.json"
    assert len(read_json(written)) == 41


# -- exit 1: the export failed, and nothing was written --------------------------------------


def test_a_misspelled_conjonction_is_caught_before_anything_is_sent(out: Path, capsys: Out) -> None:
    dest = out / "none.csv"
    code = main(
        [
            "export",
            "segment",
            "--model",
            "902a38a3-a05a-417d-aad1-65106a148928",
            "--filter",
            '{"conjunction": "and", "groups": []}',
            "-o",
            str(dest),
            # Nothing listens here: a request would fail as a network error instead.
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--token",
            "unused",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "the segment query has problems; nothing was sent" in err
    assert '--filter: line 1, column 2: conjunction: "conjunction" is misspelled' in err
    assert list(out.iterdir()) == []


def test_an_unknown_column_is_caught_against_the_model(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    segment = Segment.model_validate_json(known["segment"])
    condition = {"kind": "number", "columnSlug": "employes", "operator": "is", "value": 3}
    bad = {"conjonction": "and", "groups": [{"conjonction": "and", "conditions": [condition]}]}
    args = ["segment", "--model", segment.model_uuid, "--filter", json.dumps(bad)]
    assert run(sandbox, *args, "-o", str(out / "s.csv")) == 1
    assert 'the model has no column "employes": did you mean "employees"?' in (
        capsys.readouterr().err
    )
    assert list(out.iterdir()) == []


def test_cargo_refusing_fails_the_export(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    assert run(sandbox, "batch", known["running"], "-o", str(out / "b.csv")) == 1
    err = capsys.readouterr().err
    assert "has not finished yet" in err and err.rstrip().endswith("Nothing was written.")
    assert list(out.iterdir()) == []


def test_an_existing_file_needs_overwrite(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    dest = out / "b.csv"
    dest.write_text("keep\n")
    args = ["batch", known["batch"], "--node", "qualify", "-o", str(dest)]
    assert run(sandbox, *args) == 1
    assert f"{dest} already exists; pass --overwrite to replace it." in capsys.readouterr().err
    assert dest.read_text() == "keep\n"
    assert run(sandbox, *args, "--overwrite") == 0
    assert len(read_csv(dest)) == 498


def test_a_missing_folder(sandbox: ThreadedSandbox, known: dict[str, str], out: Path) -> None:
    assert run(sandbox, "batch", known["batch"], "-o", str(out / "no" / "b.csv")) == 1
    assert list(out.iterdir()) == []


# -- exit 2: usage -----------------------------------------------------------------------------


#: Well formed, so the usage checks after the uuid's are the ones that speak.
ANY_UUID = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["runs", "--workflow", ANY_UUID, "-o", "x.xlsx"], "has the extension .xlsx"),
        (["runs", "--workflow", ANY_UUID, "-o", "x.csv", "--format", "json"], "make them agree"),
        (["runs", "--workflow", ANY_UUID, "--error-contains", "x"], "goes with --failed-at"),
        (["runs", "--workflow", ANY_UUID, "--delimiter", "ab"], "The delimiter must be one"),
        (["segment", "--limit", "3"], "needs --model UUID (or --segment UUID)"),
        (
            ["segment", "--model", ANY_UUID, "--filter", "@/no/such/file"],
            "cannot read /no/such/file",
        ),
    ],
)
def test_usage_errors(args: list[str], said: str, out: Path, capsys: Out) -> None:
    assert main(["export", *args, "--token", "t"]) == 2
    assert said in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "runs"],
        ["export", "outputs", "--workflow", "w"],
        ["export", "runs", "--workflow", "w", "--status", "broken"],
        ["export", "bogus"],
    ],
)
def test_argparse_errors_exit_2(args: list[str], capsys: Out) -> None:
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 2
    assert "usage: cargo-tui export" in capsys.readouterr().err


def test_the_formats_are_the_engines() -> None:
    """``--format`` offers what the engine writes (spelled out: it loads on an export)."""
    from tui.export import Format
    from tui.headless.export import FORMATS

    assert tuple(fmt.value for fmt in Format) == FORMATS


def test_help_documents_the_exit_codes(capsys: Out) -> None:
    with pytest.raises(SystemExit):
        main(["export", "runs", "--help"])
    text = capsys.readouterr().out
    for line in ("0    exported", "1    the export failed", "2    usage", "3    not signed in"):
        assert line in text
    for option in ("--workflow", "--batch", "--status", "--format", "-o", "--token", "--demo"):
        assert option in text


# -- exit 3: not signed in ---------------------------------------------------------------------


def test_no_credentials_at_all(known: dict[str, str], out: Path, capsys: Out) -> None:
    assert main(["export", "batch", known["batch"], "-o", str(out / "b.csv")]) == 3
    assert "not signed in" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_a_token_cargo_refuses(
    sandbox: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    assert run(sandbox, "batch", known["batch"], "-o", str(out / "b.csv"), token="wrong") == 3
    assert "Sign in again with a valid API token." in capsys.readouterr().err


def test_a_token_that_may_not_download_exits_1_not_3(
    faults: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    faults.faults.add(kind="status", status=403, path="/download")
    assert run(faults, "batch", known["batch"], "-o", str(out / "b.csv")) == 1
    err = capsys.readouterr().err
    assert "may not do that" in err and "not signed in" not in err
    assert list(out.iterdir()) == []


def test_a_token_that_may_not_read_the_workspace_exits_1_not_3(
    faults: ThreadedSandbox, known: dict[str, str], out: Path, capsys: Out
) -> None:
    faults.faults.add(kind="status", status=403, path="/workspaceManagement/workspaces/current")
    assert run(faults, "batch", known["batch"], "-o", str(out / "b.csv")) == 1
    err = capsys.readouterr().err
    assert "not allowed" in err and "may not do that" in err


def test_credentials_from_the_environment_and_before_the_command(
    sandbox: ThreadedSandbox,
    known: dict[str, str],
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CARGO_API_TOKEN", sandbox.token)
    dest = out / "b.csv"
    args = ["--base-url", sandbox.base_url, "export", "batch", known["batch"], "-o", str(dest)]
    assert main(args) == 0
    assert len(read_csv(dest)) == 498


def _size(path: Path) -> str:
    from tui.export import human_bytes

    return human_bytes(path.stat().st_size)
