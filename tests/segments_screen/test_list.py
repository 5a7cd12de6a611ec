"""The list of segments, their details, and the ways to reach the screen."""

from __future__ import annotations

from tests.segments_screen.support import open_segments
from tests.support import app_on, screen_text, settle
from tui.sandbox.threaded import ThreadedSandbox
from tui.screens.segments.screen import SegmentsScreen


async def test_every_segment_is_listed_with_its_model_count_change_and_sync(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_segments(pilot)
        text = screen_text(app)
    assert "Segments (7)" in text
    for heading in ("name", "model", "records", "last change", "synced"):
        assert heading in text
    lines = text.splitlines()
    churned = next(line for line in lines if "Churned accounts" in line and "Companies" in line)
    assert "33" in churned and "+1 -0 ~3" in churned and "20 min ago" in churned
    pipeline = next(line for line in lines if "Open pipeline over $50k" in line)
    assert "Deals" in pipeline and "32" in pipeline


async def test_details_show_the_filter_in_words_and_json_and_the_models_columns(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_segments(pilot, "Open pipeline over $50k")
        text = screen_text(app)
    assert "Segments › Open pipeline over $50k" in text
    assert "Stage is open and Amount between 50000 and 10000000" in text
    assert "Amount desc" not in text and "amount desc" in text  # the sort, by slug
    assert "limit       200" in text
    assert '"conjonction": "and",' in text  # the filter pretty-printed
    assert "Model Deals · 8 columns" in text
    columns = next(line for line in text.splitlines() if "owner_email" in line)
    assert "string" in columns and "Owner" in columns


async def test_at_80_columns_one_pane_holds_the_filter_and_the_columns(
    sandbox: ThreadedSandbox,
) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_segments(pilot, "Churned accounts")
        await pilot.pause()
        body = str(screen.query_one("#segment-filter-body").render())
        assert not screen.query_one("#segment-model").display
    assert "Lifecycle stage is churned" in body
    assert "lifecycle_stage" in body and "is_target_account" in body


async def test_enter_on_a_segment_in_discovery_opens_it_here(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"go: segment Target account")
        await settle(pilot)
        await pilot.press("enter")  # the palette puts Discovery's cursor on the segment
        await settle(pilot)
        assert "enter filter, preview, export" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SegmentsScreen)
        assert screen.current is not None and screen.current.name == "Target account list"
        assert "Segments › Target account list" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SegmentsScreen)


async def test_the_palette_and_a_key_open_the_screen(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"go: segments")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SegmentsScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SegmentsScreen)
        assert "Segments (7)" in screen_text(app)


async def test_search_narrows_the_list(sandbox: ThreadedSandbox) -> None:
    app = app_on(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_segments(pilot)
        await pilot.press("slash", *"contacts")
        await settle(pilot)
        assert screen.listing.table.row_count == 2  # the two segments of the Contacts model
        await pilot.press("enter")
        assert screen.listing.table.has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SegmentsScreen) is False
