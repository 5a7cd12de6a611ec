"""The sources without the dialog: paging past the outputs cap, saved segments, filters checked
before anything is sent, and the progress they report (as the CLI and the dialog read it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.export_screen.support import leftovers, read_csv, read_json
from tui.api import CargoClient
from tui.export import (
    ExportError,
    ExportOptions,
    Format,
    Meter,
    NodeOutputsSource,
    RunsSource,
    SegmentSource,
    Step,
    human_bytes,
    slug,
)
from tui.export.jobs import download_name
from tui.sandbox.threaded import ThreadedSandbox

PLAY = "Enrich new companies"


def _ignore(step: Step) -> None:
    """Progress nobody reads."""


async def _workflow(client: CargoClient) -> str:
    play = next(p for p in await client.orchestration.play.list() if p.name == PLAY)
    return play.workflow_uuid


async def test_node_outputs_past_the_cap_come_in_pages(sandbox: ThreadedSandbox, out: Path) -> None:
    steps: list[Step] = []
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        workflow = await _workflow(client)
        total = await client.orchestration.run.count(workflow_uuid=workflow)
        source = NodeOutputsSource(
            label="outputs",
            stem="outputs",
            node="qualify",
            filters={"workflow_uuid": workflow},
            page_runs=500,
        )
        result = await source.run(
            client, out / "q.csv", ExportOptions(Format.CSV), source.provenance(None), steps.append
        )
    rows = read_csv(out / "q.csv")
    assert result.rows == len(rows) == total > 1000
    assert len({row["runUuid"] for row in rows}) == total, "pages neither overlap nor skip"
    parts = {step.part for step in steps if step.phase == "downloading"}
    assert parts == set(range(1, -(-total // 500) + 1))
    writing = [step for step in steps if step.phase == "writing"]
    assert writing[-1].done == writing[-1].total == total


async def test_a_saved_segment_is_looked_up_and_overridden(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        segment = next(
            s for s in await client.segmentation.segment.list() if s.name == "Churned accounts"
        )
        source = SegmentSource(segment_uuid=segment.uuid, limit=5)
        await source.run(
            client, out / "s.json", ExportOptions(Format.JSON), source.provenance(None), _ignore
        )
    rows = read_json(out / "s.json")
    assert len(rows) == 5, "the limit given wins over the saved one"
    assert {row["lifecycle_stage"] for row in rows} == {"churned"}, "the saved filter applies"


@pytest.mark.parametrize(
    ("filter_", "said"),
    [
        ({"conjunction": "and", "groups": []}, '"conjunction" is misspelled'),
        (
            {
                "conjonction": "and",
                "groups": [
                    {
                        "conjonction": "and",
                        "conditions": [
                            {
                                "kind": "string",
                                "columnSlug": "industryy",
                                "operator": "is",
                                "values": ["SaaS"],
                            }
                        ],
                    }
                ],
            },
            'the model has no column "industryy": did you mean "industry"?',
        ),
    ],
)
async def test_a_bad_segment_filter_is_caught_before_sending(
    sandbox: ThreadedSandbox, out: Path, filter_: dict[str, object], said: str
) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        model = (await client.segmentation.segment.list())[0].model_uuid
        source = SegmentSource(model_uuid=model, filter=filter_)
        with pytest.raises(ExportError) as failed:
            await source.run(
                client, out / "s.csv", ExportOptions(Format.CSV), source.provenance(None), _ignore
            )
    assert said in str(failed.value)
    assert "nothing was asked of Cargo and nothing was written" in str(failed.value)
    assert leftovers(out) == []


async def test_no_run_to_export_says_so(sandbox: ThreadedSandbox, out: Path) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        workflow = await _workflow(client)
        source = RunsSource(
            label="runs of nobody",
            stem="r",
            filters={"workflow_uuid": workflow, "record_title_or_id": "no such record"},
        )
        with pytest.raises(ExportError, match=r"No run matches \(runs of nobody\)"):
            await source.run(
                client, out / "r.csv", ExportOptions(Format.CSV), source.provenance(None), _ignore
            )
    assert leftovers(out) == []


async def test_a_missing_folder_fails_before_any_download(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    asked: list[Step] = []
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        source = RunsSource(label="runs", stem="r", filters={"workflow_uuid": "x"})
        with pytest.raises(ExportError, match="does not exist"):
            await source.run(
                client,
                out / "nope" / "r.csv",
                ExportOptions(Format.CSV),
                source.provenance(None),
                asked.append,
            )
    assert asked == [], "nothing was asked of Cargo"


def test_the_meter_says_rate_and_time_left_once_it_means_something() -> None:
    now = [100.0]
    meter = Meter(clock=lambda: now[0])
    meter.update(Step("downloading", 0, 4 << 20, "bytes"))
    now[0] += 0.5
    meter.update(Step("downloading", 1 << 20, 4 << 20, "bytes"))
    assert meter.text() == "1.0 MB of 4.0 MB", "no rate before a second has passed"
    now[0] += 1.5
    meter.update(Step("downloading", 2 << 20, 4 << 20, "bytes"))
    assert meter.text() == "2.0 MB of 4.0 MB · 1.0 MB/s · about 2 s left"
    meter.update(Step("writing", 0, None))
    assert meter.text() == "0 rows", "a new phase starts its own clock"
    now[0] += 2
    meter.update(Step("writing", 3000, None))
    assert meter.text() == "3,000 rows · 1,500 rows/s", "no time left without a total"
    meter.update(Step("downloading", 10, None, "bytes", part=2, parts=3))
    assert Step("downloading", part=2, parts=3).title == "Downloading file 2 of 3"


def test_sizes_and_names() -> None:
    assert [human_bytes(n) for n in (0, 812, 2048, 5 << 20, 3 << 30)] == [
        "0 B",
        "812 B",
        "2.0 KB",
        "5.0 MB",
        "3.0 GB",
    ]
    assert slug("Failed runs", "Enrich new companies") == "failed-runs-enrich-new-companies"
    assert slug("  ", "!!") == "export"
    assert len(slug("x" * 500)) == 80
    url = "https://files.example/v1/_files/ab12-runs.csv?expires=1&signature=2"
    assert download_name(url, 1) == "part-1.csv"
    assert download_name("https://s3.example/blob?sig=1", 2) == "part-2.download"


def test_the_app_starts_without_the_export_engine() -> None:
    """First paint must not pay for the engine, pyarrow or orjson: they load on ``e``."""
    probe = (
        "import sys, tui.app\n"
        "heavy = ('tui.export', 'orjson', 'pyarrow', 'tui.screens.export', 'widgets.path_input')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
