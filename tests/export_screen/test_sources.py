"""Every kind of source exported through the dialog against the sandbox, each file read back:
the runs of a view, node outputs, a batch's output, a segment (several files merged), a SQL
result, and a loaded table."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from textual.widgets import DataTable, Select

from tests.app.drill import open_play, select_unhealthy
from tests.export_screen.support import (
    dialog,
    export_to,
    open_dialog,
    read_csv,
    read_json,
    read_ndjson,
)
from tests.support import app_on, screen_text, settle
from tui.api import CargoClient
from tui.export import Format, QueryResultSource, SegmentSource
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.runs import RunsScreen
from widgets.arrow_table import records_to_arrow


async def test_the_failed_runs_of_a_batch(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("enter")
        await settle(pilot)
        runs = app.screen
        assert isinstance(runs, RunsScreen) and runs.tab == "failed"
        await pilot.press("e")
        await pilot.pause()
        screen = dialog(app)
        default = screen.query_one("#export-path").value  # type: ignore[attr-defined]
        assert default.endswith("/failed-runs-enrich-new-companies-2026-11-27.csv")
        assert "failed runs of Enrich new companies › Batch" in screen_text(app)
        await export_to(pilot, out / "failed.csv")
        rows = read_csv(out / "failed.csv")
        assert len(rows) == 85, "the Failed tab counts 85"
        assert {row["status"] for row in rows} == {"error"}
        assert {row["batchUuid"] for row in rows} == {workflow.selected_batch.uuid}  # type: ignore[union-attr]
        assert "Aperture Energy" in {row["recordTitle"] for row in rows}


async def test_the_selected_runs_only(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("enter")
        await settle(pilot)
        runs = app.screen
        assert isinstance(runs, RunsScreen)
        await pilot.press("space", "space", "space")
        marked = {str(key) for key in runs.table.marked}
        await pilot.press("e")
        await pilot.pause()
        assert "3 selected failed runs of" in screen_text(app)
        await export_to(pilot, out / "three.json")
        assert {row["uuid"] for row in read_json(out / "three.json")} == marked


async def test_node_outputs_of_the_selected_batch(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("o")
        await settle(pilot)
        workflow.query_one("#outputs-node", Select).value = "clearbit_enrich"
        await pilot.press("e")
        await pilot.pause()
        screen = dialog(app)
        assert screen.query_one("#export-node", Select).value == "clearbit_enrich"
        await export_to(pilot, out / "outputs.json")
        rows = read_json(out / "outputs.json")
        assert len(rows) == 498, "one row per run of the batch"
        assert {row["nodeSlug"] for row in rows} == {"clearbit_enrich"}
        enriched = next(row for row in rows if row["status"] == "success")
        assert isinstance(enriched["output"], dict), "JSON keeps the output an object"
        assert "domain" in enriched["output"]


async def test_a_batch_output_with_the_node_picked_in_the_dialog(
    sandbox: ThreadedSandbox, out: Path
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("e")
        await pilot.pause()
        screen = dialog(app)
        node = screen.query_one("#export-node", Select)
        node.value = "qualify"
        await pilot.pause()
        path = screen.query_one("#export-path").value  # type: ignore[attr-defined]
        assert "-qualify-2026-11-27.csv" in path, "the default name follows the node"
        assert "of Enrich new companies · qualify" in screen_text(app)
        await export_to(pilot, out / "batch.ndjson")
        rows = read_ndjson(out / "batch.ndjson")
        assert len(rows) == 498
        assert {row["nodeSlug"] for row in rows} == {"qualify"}


async def test_a_segment_in_several_files_merged_into_one(
    sandbox: ThreadedSandbox, out: Path, small_segment_files: int
) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        segments = await client.segmentation.segment.list()
        segment = next(s for s in segments if s.name == "Target account list")
        urls = await client.segmentation.segment.download(
            model_uuid=segment.model_uuid, filter=segment.filter or {}, sort=segment.sort
        )
    assert len(urls) == 5, "41 records come as five files of ten"
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, SegmentSource.of(segment))
        assert "segment Target account list" in screen_text(app)
        await export_to(pilot, out / "targets.csv")
        rows = read_csv(out / "targets.csv")
    assert len(rows) == segment.records_count == 41
    assert {row["is_target_account"] for row in rows} == {"True"}
    employees = [int(row["employees"]) for row in rows]
    assert employees == sorted(employees, reverse=True), "the segment's sort survives the merge"
    assert len({row["id"] for row in rows}) == 41, "no file was read twice"


async def test_a_sql_result_with_its_sql_as_provenance(sandbox: ThreadedSandbox, out: Path) -> None:
    sql = "SELECT status, count() AS runs FROM runs GROUP BY status ORDER BY runs DESC"
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        result = await client.orchestration.query.execute(sql)
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, QueryResultSource(result=result, sql=sql))
        assert screen.query_one("#export-format", Select).value is Format.CSV
        await export_to(pilot, out / "status.parquet")
    table = pq.read_table(out / "status.parquet")
    assert table.to_pylist() == result.as_dicts()
    assert table.to_pylist()[0]["status"] == "success"  # the largest group first, as asked
    meta = table.schema.metadata or {}
    assert any(sql.encode() in value for value in meta.values()), "the SQL travels with it"


async def test_an_arrow_table_as_a_sql_result(sandbox: ThreadedSandbox, out: Path) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        result = await client.orchestration.query.execute(
            "SELECT node_slug, count() AS failures FROM spans "
            "WHERE execution_status = 'error' GROUP BY node_slug ORDER BY failures DESC"
        )
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(
            pilot, QueryResultSource(result=records_to_arrow(result.as_dicts()), sql="…")
        )
        await export_to(pilot, out / "failures.tsv")
    rows = read_csv(out / "failures.tsv", delimiter="\t")
    assert [(r["node_slug"], int(r["failures"])) for r in rows] == [
        (str(slug), count) for slug, count in result.rows
    ]


async def test_the_metrics_in_view(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        workflow = await open_play(pilot)
        await select_unhealthy(pilot, workflow)
        await pilot.press("m")
        await settle(pilot)
        table = workflow.query_one("#metrics-table", DataTable)
        shown = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        await pilot.press("e")
        await pilot.pause()
        assert "node metrics of Enrich new companies, the selected batch" in screen_text(app)
        await export_to(pilot, out / "metrics.csv")
    rows = read_csv(out / "metrics.csv")
    assert [row["node"] for row in rows] == shown, "the rows in view, in their order"
    enrich = next(row for row in rows if row["node"] == "clearbit_enrich")
    assert int(enrich["error"]) > 0
    assert 0 < float(enrich["error_rate"]) < 1, "a number, not the bar on screen"


async def test_the_resources_discovery_shows(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"enrich", "enter")
        await pilot.press("e")
        await pilot.pause()
        assert "resources matching 'enrich'" in screen_text(app)
        await export_to(pilot, out / "enrich.csv")
    rows = read_csv(out / "enrich.csv")
    assert "Enrich new companies" in {row["name"] for row in rows}
    play = next(row for row in rows if row["name"] == "Enrich new companies")
    assert play["kind"] == "play" and len(play["uuid"]) == 36
