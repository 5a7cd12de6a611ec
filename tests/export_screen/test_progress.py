"""The export under way: progress as it goes, cancel that leaves nothing behind, a dropped
download that fails cleanly, and Back to the dialog as it was."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ProgressBar

from tests.export_screen.support import (
    Stalled,
    dialog,
    leftovers,
    notes,
    open_dialog,
    progress,
    set_path,
    wait_for,
)
from tests.support import app_on, screen_text, settle
from tui.api.client import CargoClient
from tui.export import SegmentSource
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.export import ExportProgress


async def test_cancel_while_writing_leaves_nothing(sandbox: ThreadedSandbox, out: Path) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, Stalled(label="stalled rows", stem="stalled"))
        await set_path(pilot, out / "stalled.csv")
        await pilot.press("enter")
        await wait_for(pilot, "2,000 of 4,000 rows")
        screen = progress(app)
        assert screen.query_one("#export-bar", ProgressBar).percentage == 0.5
        assert "Writing rows…" in screen_text(app)
        assert leftovers(out) != [], "the temporary is being written beside the destination"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportProgress)
        assert leftovers(out) == [], "no file, no temporary"
        assert "Export cancelled. Nothing was written." in notes(app)


async def test_cancel_keeps_the_file_it_was_to_replace(sandbox: ThreadedSandbox, out: Path) -> None:
    target = out / "stalled.csv"
    target.write_text("the old export\n")
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, Stalled(label="stalled rows", stem="stalled"))
        await set_path(pilot, target)
        await pilot.press("enter", "enter")
        await wait_for(pilot, "2,000 of 4,000 rows")
        await pilot.click("#export-stop")
        await settle(pilot)
        assert leftovers(out) == ["stalled.csv"]
        assert target.read_text() == "the old export\n"
        assert "stalled.csv was left as it was" in notes(app)


async def test_cancel_while_downloading_leaves_nothing(faults: ThreadedSandbox, out: Path) -> None:
    faults.faults.set({"kind": "latency", "path": "/_files/", "latency_ms": 20_000})
    async with CargoClient(token=faults.token, base_url=faults.base_url) as client:
        segment = (await client.segmentation.segment.list())[0]
    app = app_on(faults)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, SegmentSource.of(segment))
        await set_path(pilot, out / "segment.csv")
        await pilot.press("enter")
        await wait_for(pilot, "Downloading…")
        await pilot.press("escape")
        await settle(pilot)
        assert leftovers(out) == []
        assert not isinstance(app.screen, ExportProgress)


async def test_a_dropped_download_fails_and_back_reopens_the_dialog(
    faults: ThreadedSandbox, out: Path
) -> None:
    faults.faults.set({"kind": "truncate", "path": "/_files/"})
    async with CargoClient(token=faults.token, base_url=faults.base_url) as client:
        segment = (await client.segmentation.segment.list())[1]
    app = app_on(faults)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, SegmentSource.of(segment))
        await set_path(pilot, out / "segment.json")
        await pilot.press("enter")
        await settle(pilot)
        screen = progress(app)
        assert screen.failed
        assert "The export failed" in screen_text(app)
        said = str(screen.query_one("#export-amount").render())
        assert "the download was interrupted" in said
        assert said.endswith("Nothing was written."), said
        assert leftovers(out) == []
        faults.faults.clear()
        await pilot.click("#export-back")
        await pilot.pause()
        again = dialog(app)
        assert again.query_one("#export-path").value == str(out / "segment.json")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert progress(app).result is not None
        assert leftovers(out) == ["segment.json"]


async def test_a_refused_download_says_why(sandbox: ThreadedSandbox, out: Path) -> None:
    async with CargoClient(token=sandbox.token, base_url=sandbox.base_url) as client:
        running = await client.orchestration.batch.list(statuses=["running"], limit=1)
    from tui.export import BatchOutputSource

    source = BatchOutputSource(label="a running batch", stem="b", batch_uuid=running[0].uuid)
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, source)
        await set_path(pilot, out / "b.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert progress(app).failed
        assert "has not finished yet" in screen_text(app)
        assert leftovers(out) == []
